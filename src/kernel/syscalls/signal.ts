// Signal syscalls: kill (with permission checks and PID-namespace visibility), sigaction,
// sigprocmask, sigpending, pause, alarm.
import { CAP, Errno, SIG, SIG_BLOCK, SIG_SETMASK, SIG_UNBLOCK, fail, ok, type Disposition } from '../../abi/index.js';
import { blockOn, type SyscallContext, type SyscallGroup } from '../syscall-table.js';
import { UNBLOCKABLE } from '../task/signals.js';
import type { Process } from '../task/process.js';
import { WaitQueue } from '../sched/wait-queue.js';

/** May `sender` signal `target`? Root-like (CAP_KILL over target's user ns) or same real/effective uid. */
function maySignal(sender: Process, target: Process, sig: number): boolean {
  const s = sender.cred, t = target.cred;
  if (s.capableIn(t.userns, CAP.KILL)) return true;
  if (sig === SIG.CONT && sender.sid === target.sid) return true;
  return s.euid === t.uid || s.euid === t.suid || s.uid === t.uid || s.uid === t.suid;
}

/**
 * kill(pid, sig): pid > 0 one process; 0 the caller's group; -1 every process the caller may
 * signal except itself and init; < -1 the group -pid. Errors: EINVAL (bad signal), ESRCH (no
 * such process visible in the caller's PID namespace), EPERM (no permission for any target).
 */
function kill(ctx: SyscallContext, pid: number, sig: number) {
  const { kernel, proc } = ctx;
  if (!Number.isInteger(sig) || sig < 0 || sig > 64) return fail(Errno.EINVAL);
  const ns = proc.ns.pid;
  let targets: Process[];
  if (pid > 0) {
    const t = ns.tasks.get(pid);
    targets = t && t.state !== 'dead' ? [t] : [];
  } else if (pid === -1) {
    targets = [...ns.tasks.values()].filter((p) => p !== proc && p.pidIn(ns) !== 1 && p !== kernel.hostInit);
  } else {
    const pgid = pid === 0 ? proc.pgid : (ns.tasks.get(-pid)?.hostPid ?? -1);
    targets = [...ns.tasks.values()].filter((p) => p.pgid === pgid);
  }
  if (targets.length === 0) return fail(Errno.ESRCH);
  let sent = 0;
  for (const t of targets) {
    if (!maySignal(proc, t, sig)) continue;
    sent++;
    kernel.signals.send(t, sig, { sender: proc });
  }
  return sent > 0 ? ok(undefined) : fail(Errno.EPERM);
}

/** sigaction(sig, disposition, options): EINVAL for KILL/STOP or a bad number. Returns the old one. */
function sigaction(ctx: SyscallContext, sig: number, disposition: Disposition, options?: { restart?: boolean }) {
  if (!Number.isInteger(sig) || sig < 1 || sig > 64 || sig === SIG.KILL || sig === SIG.STOP) return fail(Errno.EINVAL);
  if (disposition !== 'default' && disposition !== 'ignore' && typeof disposition !== 'function') return fail(Errno.EINVAL);
  const old = ctx.proc.sigaction(sig).disposition;
  ctx.proc.sigactions.set(sig, { disposition, restart: options?.restart ?? false });
  if (disposition === 'ignore') ctx.proc.sigpending &= ~(1n << BigInt(sig - 1));
  return ok(old);
}

/** sigprocmask(how, set): returns the old mask. KILL and STOP can never be blocked. */
function sigprocmask(ctx: SyscallContext, how: number, set: bigint | null) {
  const p = ctx.proc;
  const old = p.sigmask;
  if (set !== null && set !== undefined) {
    if (how === SIG_BLOCK) p.sigmask |= set;
    else if (how === SIG_UNBLOCK) p.sigmask &= ~set;
    else if (how === SIG_SETMASK) p.sigmask = set;
    else return fail(Errno.EINVAL);
    p.sigmask &= ~UNBLOCKABLE;
  }
  return ok(old);
}

/** Nobody ever wakes this queue: pause() ends only through a signal (EINTR). */
const never = new WaitQueue();

/** alarm(seconds): SIGALRM later; returns seconds left on the previous alarm. */
function alarm(ctx: SyscallContext, seconds: number) {
  const { kernel, proc } = ctx;
  const now = kernel.clock.monotonicNs;
  let left = 0;
  if (proc.alarm && !proc.alarm.cancelled) {
    left = Math.ceil((proc.alarm.timeNs - now) / 1e9);
    proc.alarm.cancelled = true;
  }
  proc.alarm = seconds > 0 ? kernel.scheduler.at(now + seconds * 1e9, () => kernel.sendSignal(proc, SIG.ALRM)) : undefined;
  return ok(left);
}

export const signalSyscalls: SyscallGroup = {
  kill: { handler: kill, level: 'full' },
  sigaction: { handler: sigaction, level: 'partial', note: 'handlers are synchronous functions run at return to user mode; SA_RESTART supported' },
  sigprocmask: { handler: sigprocmask, level: 'full' },
  sigpending: { handler: (ctx) => ok(ctx.proc.sigpending), level: 'full' },
  pause: { handler: () => blockOn([never]), level: 'full' },
  alarm: { handler: alarm, level: 'full' },
};
