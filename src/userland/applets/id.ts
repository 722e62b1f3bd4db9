// id, whoami and groups: print user and group identities, naming them from /etc/passwd and
// /etc/group.
import type { Applet, AppletContext } from '../applet.js';
import { check } from '../libc/index.js';
import { NameCache } from './lib/passwd.js';
import { errorMsg, parseArgs } from './lib/report.js';

interface Ids { uid: number; gid: number; euid: number; egid: number; groups: number[] }

async function idsOf(ctx: AppletContext, names: NameCache, user?: string): Promise<Ids | undefined> {
  if (user !== undefined) {
    const pw = await names.userByName(user) ?? (/^\d+$/.test(user) ? { name: user, uid: Number(user), gid: Number(user) } : undefined);
    if (!pw) return undefined;
    const groups = [pw.gid, ...(await names.allGroups()).filter((g) => g.members.includes(pw.name) && g.gid !== pw.gid).map((g) => g.gid)];
    return { uid: pw.uid, gid: pw.gid, euid: pw.uid, egid: pw.gid, groups };
  }
  const s = ctx.sys;
  const uid = check(await s.getuid(), 'getuid');
  const gid = check(await s.getgid(), 'getgid');
  const euid = check(await s.geteuid(), 'geteuid');
  const egid = check(await s.getegid(), 'getegid');
  const groups = check(await s.getgroups(), 'getgroups');
  return { uid, gid, euid, egid, groups: groups.length ? groups : [gid] };
}

const named = async (id: number, name: Promise<string | undefined>): Promise<string> => {
  const n = await name;
  return n === undefined ? String(id) : `${id}(${n})`;
};

/** id [-ugGnr] [USER] */
export const id: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'ugGnrZ', 'id [-ugGnr] [USER]');
  if (!o) return 1;
  const names = new NameCache(ctx.libc);
  const user = o.operands[0];
  const ids = await idsOf(ctx, names, user);
  if (!ids) { await errorMsg(ctx, `unknown user ${user}`); return 1; }
  const uid = o.has('r') ? ids.uid : ids.euid;
  const gid = o.has('r') ? ids.gid : ids.egid;
  const show = async (v: number, kind: 'u' | 'g'): Promise<string> =>
    o.has('n') ? ((kind === 'u' ? await names.user(v) : await names.group(v)) ?? String(v)) : String(v);
  if (o.has('u')) { await ctx.out.write(`${await show(uid, 'u')}\n`); return 0; }
  if (o.has('g')) { await ctx.out.write(`${await show(gid, 'g')}\n`); return 0; }
  if (o.has('G')) {
    const parts: string[] = [];
    for (const g of ids.groups) parts.push(await show(g, 'g'));
    await ctx.out.write(`${parts.join(' ')}\n`);
    return 0;
  }
  let line = `uid=${await named(ids.uid, names.user(ids.uid))} gid=${await named(ids.gid, names.group(ids.gid))}`;
  if (ids.euid !== ids.uid) line += ` euid=${await named(ids.euid, names.user(ids.euid))}`;
  if (ids.egid !== ids.gid) line += ` egid=${await named(ids.egid, names.group(ids.egid))}`;
  const gs: string[] = [];
  for (const g of ids.groups) gs.push(await named(g, names.group(g)));
  if (gs.length) line += ` groups=${gs.join(',')}`;
  await ctx.out.write(`${line}\n`);
  return 0;
};

/** whoami: the name of the effective user. */
export const whoami: Applet = async (ctx) => {
  const euid = check(await ctx.sys.geteuid(), 'geteuid');
  const name = await new NameCache(ctx.libc).user(euid);
  if (name === undefined) { await errorMsg(ctx, `unknown uid ${euid}`); return 1; }
  await ctx.out.write(`${name}\n`);
  return 0;
};

/** groups [USER]: the group names of USER (or of this process). */
export const groups: Applet = async (ctx) => {
  const names = new NameCache(ctx.libc);
  const user = ctx.argv[1];
  const ids = await idsOf(ctx, names, user);
  if (!ids) { await errorMsg(ctx, `unknown user ${user}`); return 1; }
  const parts: string[] = [];
  for (const g of ids.groups) parts.push((await names.group(g)) ?? String(g));
  await ctx.out.write(`${parts.join(' ')}\n`);
  return 0;
};
