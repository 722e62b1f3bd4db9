// The file operations of a pty's two ends, and the drivers that hand them out: /dev/ptmx (5,2)
// makes a pair in a devpts instance and opens its master, <devpts>/N (136,N) opens a slave,
// /dev/tty (5,0) opens the caller's controlling terminal. Master writes are typed input, master
// reads are the terminal's output; file.private is the Tty.
import { Errno, IOCTL, O, SIG, fail, ok, type SysResult, type Winsize } from '../../abi/index.js';
import type { HandlerResult, SyscallContext } from '../syscall-table.js';
import type { FileOps, OpenFile } from '../vfs/open-file.js';
import { checkBackground, jobControlIoctl, maybeAcquire } from './job-control.js';
import type { Tty } from './tty.js';

const EMPTY = new Uint8Array(0);
const ttyOf = (file: OpenFile): Tty => file.private as Tty;

function isWinsize(arg: unknown): arg is Winsize {
  const w = arg as Winsize;
  return typeof arg === 'object' && arg !== null && Number.isInteger(w.rows) && Number.isInteger(w.cols) &&
    w.rows >= 0 && w.cols >= 0 && w.rows <= 0xffff && w.cols <= 0xffff;
}

/** The termios and window-size ioctls both ends share; undefined for other requests. */
function terminalIoctl(tty: Tty, request: number, arg: unknown): SysResult<unknown> | undefined {
  switch (request) {
    case IOCTL.TCGETS: return ok(tty.ldisc.get());
    case IOCTL.TCSETS: case IOCTL.TCSETSW: case IOCTL.TCSETSF:
      if (!tty.ldisc.set(arg, request === IOCTL.TCSETSF)) return fail(Errno.EINVAL);
      tty.wakeAll(); // a mode change may complete a waiting read (raw mode makes a partial line readable)
      return ok(0);
    case IOCTL.TIOCGWINSZ: return ok({ ...tty.winsize });
    case IOCTL.TIOCSWINSZ:
      if (!isWinsize(arg)) return fail(Errno.EINVAL);
      tty.resize(arg);
      return ok(0);
    default: return undefined;
  }
}

/** Writes with partial progress kept in ctx.state across blocking (as pipes do). */
function blockingWrite(file: OpenFile, ctx: SyscallContext, data: Uint8Array, put: (d: Uint8Array) => number, blocked: HandlerResult<number>): HandlerResult<number> {
  const done = (ctx.state.ttyDone as number | undefined) ?? 0;
  const n = put(data.subarray(done));
  const now = done + n;
  if (now === data.length) return ok(now);
  if (file.nonblocking) return now > 0 ? ok(now) : fail(Errno.EAGAIN);
  ctx.state.ttyDone = now;
  return blocked;
}

/** The master end: reads the terminal's output, writes typed input. */
export const masterOps: FileOps = {
  stream: true,

  read(file, _ctx, count): HandlerResult<Uint8Array> {
    const tty = ttyOf(file);
    if (count <= 0) return ok(EMPTY);
    if (tty.ldisc.output.length > 0) {
      const out = tty.ldisc.output.take(count);
      tty.slaveWait.wakeAll();
      return ok(out);
    }
    if (tty.otherClosed) return fail(Errno.EIO);
    if (file.nonblocking) return fail(Errno.EAGAIN);
    return tty.masterBlocked;
  },

  write(file, ctx, data): HandlerResult<number> {
    const tty = ttyOf(file);
    if (data.length === 0) return ok(0);
    return blockingWrite(file, ctx, data, (d) => {
      const n = tty.ldisc.receive(d);
      if (n > 0) tty.wakeAll();
      return n;
    }, tty.masterBlocked);
  },

  ioctl(file, ctx, request, arg) {
    const tty = ttyOf(file);
    switch (request) {
      case IOCTL.TIOCGPTN: return ok(tty.index);
      case IOCTL.TIOCSPTLCK:
        if (typeof arg !== 'number') return fail(Errno.EFAULT);
        tty.locked = arg !== 0;
        return ok(0);
      case IOCTL.TIOCSIG: {
        const sig = Number(arg);
        if (!Number.isInteger(sig) || sig < 1 || sig > 64) return fail(Errno.EINVAL);
        tty.signalForeground(sig);
        return ok(0);
      }
      default:
        return terminalIoctl(tty, request, arg) ?? jobControlIoctl(tty, ctx, request, arg, false) ?? fail(Errno.ENOTTY);
    }
  },

  release(file) {
    ttyOf(file).masterClosed();
  },
};

/** The slave end: what programs see as their terminal. */
export const slaveOps: FileOps = {
  stream: true,

  read(file, ctx, count): HandlerResult<Uint8Array> {
    const tty = ttyOf(file);
    if (tty.hungUp) return ok(EMPTY);
    const bg = checkBackground(tty, ctx, SIG.TTIN);
    if (bg) return bg;
    if (count <= 0) return ok(EMPTY);
    const data = tty.ldisc.read(count);
    if (data !== undefined) {
      tty.masterWait.wakeAll();
      return ok(data);
    }
    if (file.nonblocking) return fail(Errno.EAGAIN);
    return tty.slaveBlocked;
  },

  write(file, ctx, data): HandlerResult<number> {
    const tty = ttyOf(file);
    if (tty.hungUp) return fail(Errno.EIO);
    if (data.length === 0) return ok(0);
    return blockingWrite(file, ctx, data, (d) => {
      const n = tty.ldisc.write(d);
      if (n > 0) tty.masterWait.wakeAll();
      return n;
    }, tty.slaveBlocked);
  },

  ioctl(file, ctx, request, arg) {
    const tty = ttyOf(file);
    if (tty.hungUp && request !== IOCTL.TIOCNOTTY) return fail(Errno.EIO);
    return terminalIoctl(tty, request, arg) ?? jobControlIoctl(tty, ctx, request, arg, true) ?? fail(Errno.ENOTTY);
  },

  release(file) {
    ttyOf(file).slaveClosed();
  },
};

/**
 * Opens the slave of `tty` on `file`: EIO while locked or after hangup. A session leader
 * without a controlling terminal acquires it unless O_NOCTTY.
 */
export function openSlave(tty: Tty, file: OpenFile, ctx: SyscallContext, flags: number): SysResult<FileOps> {
  if (tty.locked || tty.hungUp) return fail(Errno.EIO);
  file.private = tty;
  tty.slaveOpened();
  if ((flags & O.NOCTTY) === 0) maybeAcquire(tty, ctx.proc);
  return ok(slaveOps);
}

/** /dev/tty (5,0): the caller's controlling terminal; ENXIO without one. */
export const devTtyOps: FileOps = {
  open(file, ctx) {
    const tty = ctx.proc.ctty as Tty | undefined;
    if (!tty) return fail(Errno.ENXIO);
    if (tty.hungUp) return fail(Errno.EIO);
    file.private = tty;
    tty.slaveOpened();
    return ok(slaveOps);
  },
};
