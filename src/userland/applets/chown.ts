// chown and chgrp: change file owner and group (names from /etc/passwd and /etc/group or
// numbers); -R recurses, -h changes symlinks themselves.
import { AT, strerror } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { NameCache } from './lib/passwd.js';
import { errorMsg, parseArgs, showUsage } from './lib/report.js';
import { walkTree } from './lib/tree-walk.js';

async function apply(ctx: AppletContext, o: { has(f: string): boolean }, files: string[], uid: number, gid: number): Promise<number> {
  let status = 0;
  const flags = o.has('h') ? AT.SYMLINK_NOFOLLOW : 0;
  for (const f of files) {
    const ok = await walkTree(ctx, f, o.has('R'), async (p) => {
      const r = await ctx.sys.fchownat(-100, p, uid, gid, flags || (p !== f ? AT.SYMLINK_NOFOLLOW : 0));
      if (!r.ok) {
        if (!o.has('f')) await errorMsg(ctx, `${p}: ${strerror(r.errno)}`);
        return false;
      }
      if (o.has('v')) {
        const st = await ctx.sys.fstatat(-100, p, AT.SYMLINK_NOFOLLOW);
        const ids = st.ok ? `${st.value.uid}:${st.value.gid}` : `${uid}:${gid}`;
        await ctx.out.write(`changed ownership of '${p}' to ${ids}\n`);
      }
      return true;
    });
    if (!ok) status = 1;
  }
  return status;
}

/** chown [-RhLHPcvf] USER[:[GRP]] FILE... */
export const chown: Applet = async (ctx) => {
  const usage = 'chown [-RhLHPcvf] USER[:[GRP]] FILE...';
  const o = await parseArgs(ctx, 'RhLHPcvf', usage);
  if (!o) return 1;
  if (o.operands.length < 2) return showUsage(ctx, usage);
  const [spec, ...files] = o.operands;
  const names = new NameCache(ctx.libc);
  const m = /^([^:.]*)(?:[:.](.*))?$/.exec(spec)!;
  let uid = -1;
  let gid = -1;
  if (m[1]) {
    const u = /^\d+$/.test(m[1]) ? Number(m[1]) : (await names.userByName(m[1]))?.uid;
    if (u === undefined) { await errorMsg(ctx, `unknown user ${m[1]}`); return 1; }
    uid = u;
  }
  if (m[2]) {
    const g = /^\d+$/.test(m[2]) ? Number(m[2]) : (await names.groupByName(m[2]))?.gid;
    if (g === undefined) { await errorMsg(ctx, `unknown group ${m[2]}`); return 1; }
    gid = g;
  } else if (m[2] === '' && m[1]) {
    gid = (await names.userByName(m[1]))?.gid ?? -1;
  }
  return apply(ctx, o, files, uid, gid);
};

/** chgrp [-RhLHPcvf] GROUP FILE... */
export const chgrp: Applet = async (ctx) => {
  const usage = 'chgrp [-RhLHPcvf] GROUP FILE...';
  const o = await parseArgs(ctx, 'RhLHPcvf', usage);
  if (!o) return 1;
  if (o.operands.length < 2) return showUsage(ctx, usage);
  const [spec, ...files] = o.operands;
  const g = /^\d+$/.test(spec) ? Number(spec) : (await new NameCache(ctx.libc).groupByName(spec))?.gid;
  if (g === undefined) { await errorMsg(ctx, `unknown group ${spec}`); return 1; }
  return apply(ctx, o, files, -1, g);
};
