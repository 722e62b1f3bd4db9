// mount, umount, df: the mount table (/proc/mounts) and mount(2)/umount2(2).
// df has no statfs(2) in skiff's ABI, so it reports sizes only where the mount options give
// them (tmpfs size=), and 0 elsewhere.
import { MNT, MS, strerror } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { humanSize } from './lib/format.js';
import { parseMountOptions, readMounts } from './lib/mounts.js';
import { parseSize } from './lib/number.js';
import { errorMsg, parseArgs, showUsage } from './lib/report.js';

/** mount [-t TYPE] [-o OPTS] [-rwn] [SOURCE] [TARGET] */
export const mount: Applet = async (ctx) => {
  const usage = 'mount [OPTIONS] [-o OPT] DEVICE NODE';
  const o = await parseArgs(ctx, 't:o:rwnfvaO:', usage, { long: { bind: 'B', rbind: 'R', move: 'M', 'make-private': 'P', 'make-rprivate': 'Q', 'make-shared': 'S', 'make-rshared': 'T', 'make-slave': 'V', 'make-rslave': 'W' } });
  if (!o) return 1;
  if (o.operands.length === 0) {
    const type = o.get('t');
    const lines = (await readMounts(ctx.libc)).filter((m) => !type || m.fstype === type)
      .map((m) => `${m.source} on ${m.target} type ${m.fstype} (${m.options})\n`);
    await ctx.out.write(lines.join(''));
    return 0;
  }
  const opts = [...(o.values.o ?? [])];
  if (o.has('r')) opts.push('ro');
  if (o.has('w')) opts.push('rw');
  const longFlags: Record<string, string> = { B: 'bind', R: 'rbind', M: 'move', P: 'private', Q: 'rprivate', S: 'shared', T: 'rshared', V: 'slave', W: 'rslave' };
  for (const [k, w] of Object.entries(longFlags)) if (o.has(k)) opts.push(w);
  const { flags, data } = parseMountOptions(opts);
  let [source, target] = o.operands;
  if (target === undefined) {
    // One operand: a remount or propagation change of a mount point, or an fstab lookup.
    target = source;
    const known = (await readMounts(ctx.libc)).reverse().find((m) => m.target === target || m.source === target);
    if (!(flags & (MS.REMOUNT | MS.PRIVATE | MS.SHARED | MS.SLAVE | MS.UNBINDABLE))) {
      await errorMsg(ctx, `can't find ${target} in /etc/fstab`);
      return 1;
    }
    source = known?.source ?? 'none';
  }
  const fstype = o.get('t') ?? (flags & (MS.BIND | MS.MOVE | MS.REMOUNT) ? '' : 'auto');
  if (fstype === 'auto' && !(flags & (MS.PRIVATE | MS.SHARED | MS.SLAVE | MS.UNBINDABLE))) {
    await errorMsg(ctx, `mounting ${source} on ${target} failed: No such device`);
    return 1;
  }
  const r = await ctx.sys.mount(source, target, fstype === 'auto' ? '' : fstype, flags, data);
  if (!r.ok) {
    if (r.errno === 1 || r.errno === 13) await errorMsg(ctx, 'permission denied (are you root?)');
    else await errorMsg(ctx, `mounting ${source} on ${target} failed: ${strerror(r.errno)}`);
    return 1;
  }
  return 0;
};

/** umount [-flrn] FILESYSTEM|DIRECTORY... */
export const umount: Applet = async (ctx) => {
  const usage = 'umount [-rlfda] [-t FSTYPE] FILESYSTEM|DIRECTORY';
  const o = await parseArgs(ctx, 'flrndat:', usage);
  if (!o) return 1;
  if (o.operands.length === 0 && !o.has('a')) return showUsage(ctx, usage);
  let flags = 0;
  if (o.has('f')) flags |= MNT.FORCE;
  if (o.has('l')) flags |= MNT.DETACH;
  let status = 0;
  let targets = o.operands;
  if (o.has('a')) targets = (await readMounts(ctx.libc)).map((m) => m.target).filter((t) => t !== '/').reverse();
  for (const t of targets) {
    const r = await ctx.sys.umount2(t, flags);
    if (!r.ok) { await errorMsg(ctx, `can't unmount ${t}: ${strerror(r.errno)}`); status = 1; }
  }
  return status;
};

/** df [-PkmhT] [FILESYSTEM]... */
export const df: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'PkmhTaiB:t:', 'df [-PkmhTai] [-B SIZE] [-t TYPE] [FILESYSTEM]...');
  if (!o) return 1;
  const human = o.has('h');
  let mounts = await readMounts(ctx.libc);
  if (o.has('t')) mounts = mounts.filter((m) => m.fstype === o.get('t'));
  if (o.operands.length) {
    const picks = [];
    for (const p of o.operands) {
      const m = mounts.filter((x) => p === x.target || p.startsWith(x.target === '/' ? '/' : `${x.target}/`)).pop();
      if (!m) { await errorMsg(ctx, `${p}: can't find mount point`); return 1; }
      picks.push(m);
    }
    mounts = picks;
  } else if (!o.has('a')) mounts = mounts.filter((m) => !['proc', 'sysfs', 'cgroup2', 'devpts', 'mqueue'].includes(m.fstype));
  const typeCol = o.has('T');
  let out = `${'Filesystem'.padEnd(20)}${typeCol ? ' Type      ' : ''}${human ? '      Size' : ' 1K-blocks'}      Used Available Use% Mounted on\n`;
  for (const m of mounts) {
    const sizeOpt = /(?:^|,)size=([^,]+)/.exec(m.options)?.[1];
    const totalKb = sizeOpt ? Math.floor((parseSize(sizeOpt.replace(/k$/, 'K')) ?? 0) / 1024) : 0;
    const fmt = (kb: number): string => (human ? humanSize(kb, 1024) : String(kb));
    const name = m.source.length > 20 ? `${m.source}\n${' '.repeat(20)}` : m.source.padEnd(20);
    out += `${name}${typeCol ? ` ${m.fstype.padEnd(10)}` : ''} ${fmt(totalKb).padStart(9)} ${fmt(0).padStart(9)} ${fmt(totalKb).padStart(9)} ${'0'.padStart(3)}% ${m.target}\n`;
  }
  await ctx.out.write(out);
  return 0;
};
