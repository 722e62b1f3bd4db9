// Sessions and job control on a terminal (Linux's tty_jobctrl.c): acquiring a controlling
// terminal (TIOCSCTTY, or a session leader's open without O_NOCTTY), TIOCNOTTY, the foreground
// process group (TIOCGPGRP/TIOCSPGRP), TIOCGSID, and stopping background readers with SIGTTIN.
import { CAP, Errno, IOCTL, SIG, fail, ok, type SysResult } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import type { Process } from '../task/process.js';
import { signalGroup, type Tty } from './tty.js';

const isLeader = (p: Process): boolean => p.sid === p.hostPid;

/** A session leader without a controlling terminal opening a free terminal acquires it. */
export function maybeAcquire(tty: Tty, proc: Process): void {
  if (!isLeader(proc) || proc.ctty !== undefined || tty.session !== undefined || tty.hungUp) return;
  setCtty(tty, proc);
}

function setCtty(tty: Tty, proc: Process): void {
  tty.session = proc.sid;
  tty.pgrp = proc.pgid;
  proc.ctty = tty;
}

/**
 * TIOCSCTTY(arg): makes `tty` the caller's controlling terminal. EPERM unless the caller leads
 * a session without one; a terminal held by another session is taken only with arg 1 and
 * CAP_SYS_ADMIN. A no-op if it already is the caller's.
 */
function setControlling(tty: Tty, ctx: SyscallContext, arg: unknown): SysResult<unknown> {
  const p = ctx.proc;
  if (p.ctty === tty && tty.session === p.sid) return ok(0);
  if (!isLeader(p) || p.ctty !== undefined) return fail(Errno.EPERM);
  if (tty.hungUp) return fail(Errno.EIO);
  if (tty.session !== undefined) {
    if (arg !== 1 || !p.cred.hasCap(CAP.SYS_ADMIN)) return fail(Errno.EPERM);
    tty.clearSession();
  }
  setCtty(tty, p);
  return ok(0);
}

/** TIOCNOTTY: gives up the controlling terminal; a session leader hangs up its foreground group. */
function dropControlling(tty: Tty, ctx: SyscallContext): SysResult<unknown> {
  const p = ctx.proc;
  if (p.ctty !== tty) return fail(Errno.ENOTTY);
  if (!isLeader(p)) {
    p.ctty = undefined;
    return ok(0);
  }
  const fg = tty.pgrp;
  tty.clearSession();
  if (fg !== undefined) {
    signalGroup(ctx.kernel, fg, SIG.HUP);
    signalGroup(ctx.kernel, fg, SIG.CONT);
  }
  return ok(0);
}

/** Host id → the id the caller's PID namespace gives its leader (0 if invisible). */
function visibleId(ctx: SyscallContext, hostId: number | undefined): number {
  if (hostId === undefined) return 0;
  const leader = ctx.kernel.processes.get(hostId);
  return leader ? leader.pidIn(ctx.proc.ns.pid) : 0;
}

/** Is `sig` ignored or blocked by `p` (then job control answers EIO instead of stopping it)? */
function ignoresOrBlocks(p: Process, sig: number): boolean {
  return p.sigaction(sig).disposition === 'ignore' || (p.sigmask & (1n << BigInt(sig - 1))) !== 0n;
}

/**
 * Is the caller in a background group of its controlling terminal `tty`? Then it gets `sig`
 * (SIGTTIN for reads, SIGTTOU for tcsetpgrp) and the call fails: EINTR, or EIO when the signal
 * is ignored or blocked (for SIGTTOU that means the call goes ahead: undefined).
 */
export function checkBackground(tty: Tty, ctx: SyscallContext, sig: number): SysResult<never> | undefined {
  const p = ctx.proc;
  if (p.ctty !== tty || tty.pgrp === undefined || p.pgid === tty.pgrp) return undefined;
  if (ignoresOrBlocks(p, sig)) return sig === SIG.TTIN ? fail(Errno.EIO) : undefined;
  signalGroup(ctx.kernel, p.pgid, sig);
  return fail(Errno.EINTR);
}

/**
 * TIOCSPGRP(pgid): sets the foreground group. ENOTTY unless `tty` is the caller's controlling
 * terminal; EINVAL (negative), ESRCH (no such group), EPERM (group of another session).
 */
function setForeground(tty: Tty, ctx: SyscallContext, arg: unknown, onSlave: boolean): SysResult<unknown> {
  const p = ctx.proc;
  if (onSlave && (p.ctty !== tty || tty.session !== p.sid)) return fail(Errno.ENOTTY);
  if (tty.session === undefined) return fail(Errno.ENOTTY);
  if (onSlave) {
    const bg = checkBackground(tty, ctx, SIG.TTOU);
    if (bg) return bg;
  }
  const pgid = Number(arg);
  if (!Number.isInteger(pgid) || pgid < 0) return fail(Errno.EINVAL);
  const leader = ctx.proc.ns.pid.tasks.get(pgid);
  const hostPgid = leader?.hostPid;
  let member: Process | undefined;
  for (const q of ctx.kernel.processes.values()) if (q.alive && q.pgid === hostPgid) { member = q; break; }
  if (hostPgid === undefined || !member) return fail(Errno.ESRCH);
  if (member.sid !== tty.session) return fail(Errno.EPERM);
  tty.pgrp = hostPgid;
  return ok(0);
}

/**
 * The session ioctls of a terminal, seen from the slave (`onSlave`) or the master. Returns
 * undefined for requests that are not about sessions.
 */
export function jobControlIoctl(tty: Tty, ctx: SyscallContext, request: number, arg: unknown, onSlave: boolean): SysResult<unknown> | undefined {
  const p = ctx.proc;
  const isCtty = p.ctty === tty;
  switch (request) {
    case IOCTL.TIOCSCTTY: return setControlling(tty, ctx, arg);
    case IOCTL.TIOCNOTTY: return dropControlling(tty, ctx);
    case IOCTL.TIOCGPGRP:
      if (onSlave && !isCtty) return fail(Errno.ENOTTY);
      return ok(visibleId(ctx, tty.pgrp));
    case IOCTL.TIOCSPGRP: return setForeground(tty, ctx, arg, onSlave);
    case IOCTL.TIOCGSID:
      if ((onSlave && !isCtty) || tty.session === undefined) return fail(Errno.ENOTTY);
      return ok(visibleId(ctx, tty.session));
    default: return undefined;
  }
}
