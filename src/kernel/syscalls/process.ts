// Process syscalls: identity, clone, execve, exit, wait4, sessions and process groups, prctl,
// CPU work (spin, sched_yield) and rusage.
import {
  CLONE, Errno, PR, WNOHANG, WUNTRACED, WCONTINUED, fail, ok, type ChildFn, type WaitResult,
} from '../../abi/index.js';
import { NO_RETURN, blockOn, type SyscallContext, type SyscallGroup } from '../syscall-table.js';
import { copyNamespaces } from '../ns/copy-namespaces.js';
import { PROGRAM_START_COST_NS } from '../task/lifecycle.js';
import type { Process } from '../task/process.js';
import { execve } from './exec.js';

/** PID of `p` as the caller sees it (0 if invisible). */
const visiblePid = (ctx: SyscallContext, p: Process | undefined): number => (p ? p.pidIn(ctx.proc.ns.pid) : 0);

/** Finds a process by PID in the caller's PID namespace. */
export function findProcess(ctx: SyscallContext, pid: number): Process | undefined {
  const p = ctx.proc.ns.pid.tasks.get(pid);
  return p && p.state !== 'dead' ? p : undefined;
}

/**
 * clone(flags, child): a new process running `child`. CLONE_NEW* make namespaces; CLONE_FILES
 * and CLONE_FS share the fd table and fs context. Errors: EAGAIN (pids.max), ENOMEM (the
 * target PID namespace's init has died), EPERM (namespaces without CAP_SYS_ADMIN), EINVAL.
 */
function clone(ctx: SyscallContext, flags: number, child: ChildFn) {
  const { kernel, proc } = ctx;
  if (typeof child !== 'function') return fail(Errno.EINVAL);
  if ((flags & CLONE.NEWUSER) && (flags & CLONE.FS)) return fail(Errno.EINVAL);
  if ((flags & CLONE.NEWNS) && (flags & CLONE.FS)) return fail(Errno.EINVAL);
  const cred = proc.cred.clone();
  const fs = flags & CLONE.FS ? proc.fs.share() : proc.fs.clone();
  const bail = (errno: number) => {
    fs.drop(); // undo the share or the copy: nobody will use it
    return fail(errno);
  };
  const ns = copyNamespaces(kernel, proc, cred, fs, flags & ~CLONE.NEWPID);
  if (typeof ns === 'number') return bail(ns);
  if (flags & CLONE.NEWPID) {
    const withPid = copyNamespaces(kernel, proc, cred, fs, flags & (CLONE.NEWPID | CLONE.NEWUSER));
    if (typeof withPid === 'number') return bail(withPid);
    ns.pidForChildren = withPid.pidForChildren;
  }
  const childPidNs = ns.pidForChildren;
  if (childPidNs.dead) return bail(Errno.ENOMEM);
  const veto = kernel.forkCheck?.(proc);
  if (veto) return bail(veto);
  const files = flags & CLONE.FILES ? proc.files : proc.files.clone();
  const childNs = { ...ns, pid: childPidNs, pidForChildren: childPidNs };
  const c = kernel.lifecycle.createProcess({ parent: flags & CLONE.PARENT ? proc.parent : proc, cred, fs, files, ns: childNs });
  c.comm = proc.comm;
  c.argv = proc.argv;
  c.envp = proc.envp;
  c.exePath = proc.exePath;
  c.sigmask = proc.sigmask;
  for (const [sig, act] of proc.sigactions) c.sigactions.set(sig, { ...act });
  c.brk = proc.brk;
  c.pgid = proc.pgid;
  c.sid = proc.sid;
  c.ctty = proc.ctty;
  kernel.lifecycle.startProgram(c, child);
  return ok(visiblePid(ctx, c));
}

/** exit(status): never returns. */
function exit(ctx: SyscallContext, status: number): typeof NO_RETURN {
  ctx.kernel.lifecycle.exit(ctx.proc, (Number(status) & 0xff) << 8);
  return NO_RETURN;
}

/** Does child `c` match wait4's pid argument, as seen by the caller? */
function matches(ctx: SyscallContext, c: Process, pid: number): boolean {
  if (pid > 0) return c.pidIn(ctx.proc.ns.pid) === pid;
  if (pid === -1) return true;
  if (pid === 0) return c.pgid === ctx.proc.pgid;
  return c.pgid === -pid;
}

/**
 * wait4(pid, options): reaps a zombie child or reports a stop/continue. pid > 0, -1, 0 (own
 * group) or < -1 (group). ECHILD when no child matches; EINTR when a handled signal arrives.
 * With WNOHANG returns pid 0 if nothing is ready.
 */
function wait4(ctx: SyscallContext, pid: number, options: number) {
  const { proc, kernel } = ctx;
  let any = false;
  for (const c of proc.children) {
    if (!matches(ctx, c, pid)) continue;
    any = true;
    if (c.state === 'zombie') {
      const result: WaitResult = { pid: visiblePid(ctx, c), status: c.exitStatus };
      kernel.lifecycle.reap(c);
      return ok(result);
    }
    const ev = c.pendingWaitEvent;
    if (ev && ((ev.status === 0xffff && options & WCONTINUED) || (ev.status !== 0xffff && options & WUNTRACED))) {
      c.pendingWaitEvent = undefined;
      return ok({ pid: visiblePid(ctx, c), status: ev.status });
    }
  }
  if (!any) return fail(Errno.ECHILD);
  if (options & WNOHANG) return ok({ pid: 0, status: 0 });
  return blockOn([proc.childWait]);
}

/**
 * setsid(): a new session and group led by the caller, with no controlling terminal. EPERM if
 * it already leads a group.
 */
function setsid(ctx: SyscallContext) {
  const p = ctx.proc;
  for (const other of ctx.kernel.processes.values()) if (other !== p && other.pgid === p.hostPid) return fail(Errno.EPERM);
  if (p.pgid === p.hostPid) return fail(Errno.EPERM);
  p.sid = p.pgid = p.hostPid;
  p.ctty = undefined;
  return ok(p.pid);
}

/** The host pgid/sid as the caller's namespace numbers them (0 if outside). */
function nsId(ctx: SyscallContext, hostId: number): number {
  const leader = ctx.kernel.processes.get(hostId);
  return leader ? leader.pidIn(ctx.proc.ns.pid) || 0 : 0;
}

/** setpgid(pid, pgid): ESRCH (not self or child), EPERM (other session / session leader), EINVAL. */
function setpgid(ctx: SyscallContext, pid: number, pgid: number) {
  if (pgid < 0) return fail(Errno.EINVAL);
  const target = pid === 0 ? ctx.proc : findProcess(ctx, pid);
  if (!target || (target !== ctx.proc && target.parent !== ctx.proc)) return fail(Errno.ESRCH);
  if (target.sid === target.hostPid) return fail(Errno.EPERM);
  if (target.sid !== ctx.proc.sid) return fail(Errno.EPERM);
  let hostPgid = target.hostPid;
  if (pgid !== 0) {
    const leader = findProcess(ctx, pgid);
    if (!leader) return fail(Errno.EPERM);
    hostPgid = leader.hostPid;
    const groupExists = [...ctx.kernel.processes.values()].some((p) => p.pgid === hostPgid && p.sid === ctx.proc.sid);
    if (hostPgid !== target.hostPid && !groupExists) return fail(Errno.EPERM);
  }
  target.pgid = hostPgid;
  return ok(undefined);
}

function getpgid(ctx: SyscallContext, pid: number) {
  const target = pid === 0 ? ctx.proc : findProcess(ctx, pid);
  return target ? ok(nsId(ctx, target.pgid)) : fail(Errno.ESRCH);
}

function getsid(ctx: SyscallContext, pid: number) {
  const target = pid === 0 ? ctx.proc : findProcess(ctx, pid);
  return target ? ok(nsId(ctx, target.sid)) : fail(Errno.ESRCH);
}

/** prctl: PR_SET_NAME/PR_GET_NAME, PR_SET_PDEATHSIG/GET, PR_SET_NO_NEW_PRIVS, PR_CAPBSET_*. */
function prctl(ctx: SyscallContext, option: number, arg: string | number) {
  const p = ctx.proc;
  switch (option) {
    case PR.SET_NAME: p.comm = String(arg).slice(0, 15); return ok(0);
    case PR.GET_NAME: return ok(p.comm);
    case PR.SET_PDEATHSIG: p.pdeathsig = Number(arg); return ok(0);
    case PR.GET_PDEATHSIG: return ok(p.pdeathsig);
    case PR.SET_NO_NEW_PRIVS: p.noNewPrivs = true; return ok(0);
    case PR.CAPBSET_READ: return ok(p.cred.bounding & (1n << BigInt(Number(arg))) ? 1 : 0);
    case PR.CAPBSET_DROP:
      if (!p.cred.hasCap(8 /* CAP_SETPCAP */)) return fail(Errno.EPERM);
      p.cred.bounding &= ~(1n << BigInt(Number(arg)));
      return ok(0);
    default: return fail(Errno.EINVAL);
  }
}

export const processSyscalls: SyscallGroup = {
  getpid: { handler: (ctx) => ok(ctx.proc.pid), level: 'full', costNs: 100 },
  gettid: { handler: (ctx) => ok(ctx.proc.pid), level: 'full', costNs: 100 },
  getppid: { handler: (ctx) => ok(visiblePid(ctx, ctx.proc.parent)), level: 'full', costNs: 100 },
  clone: { handler: clone, level: 'partial', note: 'the child runs a function (no copied stack); CLONE_VM/THREAD not modelled', costNs: PROGRAM_START_COST_NS },
  execve: { handler: execve, level: 'full', note: '#! scripts and registered binary formats', costNs: PROGRAM_START_COST_NS },
  exit: { handler: exit, level: 'full' },
  wait4: { handler: wait4, level: 'full' },
  setsid: { handler: setsid, level: 'full' },
  getsid: { handler: getsid, level: 'full' },
  setpgid: { handler: setpgid, level: 'full' },
  getpgid: { handler: getpgid, level: 'full' },
  prctl: { handler: prctl, level: 'partial', note: 'NAME, PDEATHSIG, NO_NEW_PRIVS, CAPBSET_READ/DROP' },
  sched_yield: { handler: () => ok(undefined), level: 'full' },
  spin: { handler: () => ok(undefined), level: 'full', note: 'skiff-only: user-mode CPU work of the given ns' },
  getrusage: {
    handler: (ctx, who: 'self' | 'children') => ok(who === 'children'
      ? { utimeNs: ctx.proc.cutimeNs, stimeNs: ctx.proc.cstimeNs }
      : { utimeNs: ctx.proc.utimeNs, stimeNs: ctx.proc.stimeNs }),
    level: 'full',
  },
};
