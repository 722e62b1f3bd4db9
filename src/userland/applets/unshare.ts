// unshare and nsenter: run a program in new namespaces (unshare(2); -f forks so a new PID
// namespace gets its init; --mount-proc remounts /proc; -r maps the caller to root), or in the
// namespaces of another process (setns(2) on /proc/PID/ns/*).
import { CLONE, MS, O, exitCodeOf, strerror } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { check, Libc } from '../libc/index.js';
import { defaultShell, execOrFail } from './lib/exec.js';
import { errorMsg, parseArgs } from './lib/report.js';

const NS_LETTERS: [string, number, string][] = [
  ['m', CLONE.NEWNS, 'mnt'], ['u', CLONE.NEWUTS, 'uts'], ['i', CLONE.NEWIPC, 'ipc'], ['n', CLONE.NEWNET, 'net'],
  ['p', CLONE.NEWPID, 'pid'], ['U', CLONE.NEWUSER, 'user'], ['C', CLONE.NEWCGROUP, 'cgroup'],
];

/** Forks, runs `child` in the new process and exits with its status (or 128+signal). */
async function forkAndWait(ctx: AppletContext, child: (c: AppletContext) => Promise<number>): Promise<number> {
  await ctx.out.flush();
  const pid = await ctx.libc.fork(async (sys) => {
    const libc = new Libc(sys);
    return child({ ...ctx, sys, libc });
  });
  return exitCodeOf((await ctx.libc.waitpid(pid)).status);
}

/** unshare [-mupinUCfr] [--mount-proc] [PROG ARGS] */
export const unshare: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'muinpUCfrP', 'unshare [OPTIONS] [PROG ARGS]', {
    stopAtOperand: true,
    long: { mount: 'm', uts: 'u', ipc: 'i', net: 'n', pid: 'p', user: 'U', cgroup: 'C', fork: 'f', 'map-root-user': 'r', 'mount-proc': 'P' },
  });
  if (!o) return 1;
  let flags = 0;
  for (const [l, f] of NS_LETTERS) if (o.has(l)) flags |= f;
  if (o.has('r')) flags |= CLONE.NEWUSER;
  if (o.has('P')) flags |= CLONE.NEWNS;
  const uid = check(await ctx.sys.geteuid(), 'geteuid');
  const gid = check(await ctx.sys.getegid(), 'getegid');
  const r = await ctx.sys.unshare(flags);
  if (!r.ok) { await errorMsg(ctx, `unshare(0x${flags.toString(16)}): ${strerror(r.errno)}`); return 1; }
  if (o.has('r')) {
    await ctx.libc.writeFile('/proc/self/setgroups', 'deny', 0, O.WRONLY).catch(() => undefined);
    await ctx.libc.writeFile('/proc/self/uid_map', `0 ${uid} 1`, 0, O.WRONLY);
    await ctx.libc.writeFile('/proc/self/gid_map', `0 ${gid} 1`, 0, O.WRONLY);
  }
  const argv = o.operands.length ? o.operands : defaultShell(ctx.envp);
  const finish = async (c: AppletContext): Promise<number> => {
    if (o.has('P')) {
      await c.sys.mount('none', '/', '', MS.REC | MS.PRIVATE, '');
      const m = await c.sys.mount('proc', '/proc', 'proc', MS.NOSUID | MS.NODEV | MS.NOEXEC, '');
      if (!m.ok) { await errorMsg(c, `mount(/proc): ${strerror(m.errno)}`); return 1; }
    }
    return execOrFail(c, argv);
  };
  if (o.has('f') || (flags & CLONE.NEWPID)) return forkAndWait(ctx, finish);
  return finish(ctx);
};

/** nsenter [-t PID] [-muinpUC] [-r] [-w] [-F] [PROG ARGS] */
export const nsenter: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 't:muinpUCS:G:rwF', 'nsenter [OPTIONS] [PROG ARGS]', {
    stopAtOperand: true,
    long: { 'target:': 't', mount: 'm', uts: 'u', ipc: 'i', net: 'n', pid: 'p', user: 'U', cgroup: 'C', root: 'r', wd: 'w', 'no-fork': 'F', 'setuid:': 'S', 'setgid:': 'G' },
  });
  if (!o) return 1;
  const pid = o.get('t');
  const order: [string, number, string][] = [NS_LETTERS[5], NS_LETTERS[4], NS_LETTERS[6], NS_LETTERS[2], NS_LETTERS[1], NS_LETTERS[3], NS_LETTERS[0]];
  const fds: [number, number, string][] = [];
  for (const [l, f, name] of order) {
    if (!o.has(l)) continue;
    const path = `/proc/${pid ?? 'self'}/ns/${name}`;
    const r = await ctx.sys.openat(-100, path, O.RDONLY, 0);
    if (!r.ok) { await errorMsg(ctx, `can't open '${path}': ${strerror(r.errno)}`); return 1; }
    fds.push([r.value, f, name]);
  }
  let rootFd: number | undefined;
  let cwdFd: number | undefined;
  if (o.has('r') && pid) rootFd = check(await ctx.sys.openat(-100, `/proc/${pid}/root`, O.RDONLY | O.DIRECTORY, 0), 'open');
  if (o.has('w') && pid) cwdFd = check(await ctx.sys.openat(-100, `/proc/${pid}/cwd`, O.RDONLY | O.DIRECTORY, 0), 'open');
  for (const [fd, f, name] of fds) {
    const r = await ctx.sys.setns(fd, f);
    if (!r.ok) { await errorMsg(ctx, `setns(): can't reassociate to namespace '${name}': ${strerror(r.errno)}`); return 1; }
    await ctx.sys.close(fd);
  }
  if (rootFd !== undefined) { await ctx.sys.fchdir(rootFd); await ctx.sys.chroot('.'); }
  if (cwdFd !== undefined) await ctx.sys.fchdir(cwdFd);
  if (o.has('G')) await ctx.sys.setgid(Number(o.get('G')));
  if (o.has('S')) await ctx.sys.setuid(Number(o.get('S')));
  const argv = o.operands.length ? o.operands : defaultShell(ctx.envp);
  if (o.has('p') && !o.has('F')) return forkAndWait(ctx, (c) => execOrFail(c, argv));
  return execOrFail(ctx, argv);
};
