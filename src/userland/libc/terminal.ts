// Terminal functions of the C library over the tty ioctls: isatty, tcgetattr/tcsetattr,
// ttyname, openpty, the controlling terminal and its foreground group, window size. Each takes
// the process's `sys`; the Libc class offers them as methods too.
import { AT_FDCWD, ErrnoError, Errno, IOCTL, O, S, type Sys, type Termios, type Winsize } from '../../abi/index.js';
import { check } from './libc.js';

/** tcsetattr's `when`: now, after output drains, or after draining and discarding input. */
export const TCSA = { NOW: 0, DRAIN: 1, FLUSH: 2 } as const;

/** Is `fd` a terminal? (TCGETS succeeds.) */
export async function isatty(sys: Sys, fd: number): Promise<boolean> {
  return (await sys.ioctl(fd, IOCTL.TCGETS)).ok;
}

/** The terminal settings of `fd`. Throws ErrnoError (ENOTTY, EBADF). */
export async function tcgetattr(sys: Sys, fd: number): Promise<Termios> {
  return check(await sys.ioctl(fd, IOCTL.TCGETS), 'tcgetattr') as Termios;
}

/** Changes terminal settings (a whole or partial Termios). `when` is a TCSA value. */
export async function tcsetattr(sys: Sys, fd: number, when: number, termios: Partial<Termios>): Promise<void> {
  const request = when === TCSA.FLUSH ? IOCTL.TCSETSF : when === TCSA.DRAIN ? IOCTL.TCSETSW : IOCTL.TCSETS;
  check(await sys.ioctl(fd, request, termios), 'tcsetattr');
}

/**
 * The path of the terminal open on `fd` (readlink /proc/self/fd/N, checked to be that same
 * character device), or undefined if `fd` is not a terminal or the name cannot be found.
 */
export async function ttyname(sys: Sys, fd: number): Promise<string | undefined> {
  if (!(await isatty(sys, fd))) return undefined;
  const link = await sys.readlinkat(AT_FDCWD, `/proc/self/fd/${fd}`);
  const st = await sys.fstat(fd);
  if (!link.ok || !st.ok || !link.value.startsWith('/')) return undefined;
  const named = await sys.fstatat(AT_FDCWD, link.value, 0);
  if (!named.ok || (named.value.mode & S.IFMT) !== S.IFCHR || named.value.rdev !== st.value.rdev) return undefined;
  return link.value;
}

/** A pty pair opened by openpty(). */
export interface Pty {
  master: number;
  slave: number;
  /** The slave's path, e.g. /dev/pts/0. */
  name: string;
}

/**
 * Opens a new pseudo-terminal: /dev/ptmx (or `ptmx`) for the master, unlocks it and opens the
 * slave in the `pts` directory beside it. Both fds get `flags` (O_CLOEXEC, O_NOCTTY…) besides
 * O_RDWR. Throws ErrnoError.
 */
export async function openpty(sys: Sys, options: { ptmx?: string; flags?: number; winsize?: Winsize } = {}): Promise<Pty> {
  const ptmx = options.ptmx ?? '/dev/ptmx';
  const flags = O.RDWR | O.NOCTTY | (options.flags ?? 0);
  const master = check(await sys.openat(AT_FDCWD, ptmx, flags), 'open', ptmx);
  try {
    const n = check(await sys.ioctl(master, IOCTL.TIOCGPTN), 'ioctl(TIOCGPTN)') as number;
    check(await sys.ioctl(master, IOCTL.TIOCSPTLCK, 0), 'ioctl(TIOCSPTLCK)');
    const dir = ptmx.endsWith('/pts/ptmx') ? ptmx.slice(0, -'/ptmx'.length) : `${ptmx.slice(0, ptmx.lastIndexOf('/') + 1)}pts`;
    const name = `${dir}/${n}`;
    const slave = check(await sys.openat(AT_FDCWD, name, flags), 'open', name);
    if (options.winsize) check(await sys.ioctl(master, IOCTL.TIOCSWINSZ, options.winsize), 'ioctl(TIOCSWINSZ)');
    return { master, slave, name };
  } catch (e) {
    await sys.close(master);
    throw e;
  }
}

/** Makes the terminal on `fd` the caller's controlling terminal (TIOCSCTTY; call after setsid). */
export async function setControllingTty(sys: Sys, fd: number, steal = false): Promise<void> {
  check(await sys.ioctl(fd, IOCTL.TIOCSCTTY, steal ? 1 : 0), 'ioctl(TIOCSCTTY)');
}

/** The foreground process group of the terminal on `fd`. */
export async function tcgetpgrp(sys: Sys, fd: number): Promise<number> {
  return check(await sys.ioctl(fd, IOCTL.TIOCGPGRP), 'tcgetpgrp') as number;
}

/** Makes `pgid` the foreground process group of the terminal on `fd`. */
export async function tcsetpgrp(sys: Sys, fd: number, pgid: number): Promise<void> {
  check(await sys.ioctl(fd, IOCTL.TIOCSPGRP, pgid), 'tcsetpgrp');
}

/** The window size of the terminal on `fd`. */
export async function getWinsize(sys: Sys, fd: number): Promise<Winsize> {
  return check(await sys.ioctl(fd, IOCTL.TIOCGWINSZ), 'ioctl(TIOCGWINSZ)') as Winsize;
}

/** Sets the window size (the foreground group gets SIGWINCH if it changed). */
export async function setWinsize(sys: Sys, fd: number, ws: Winsize): Promise<void> {
  if (!Number.isInteger(ws.rows) || !Number.isInteger(ws.cols) || ws.rows < 0 || ws.cols < 0) throw new ErrnoError(Errno.EINVAL, 'ioctl(TIOCSWINSZ)');
  check(await sys.ioctl(fd, IOCTL.TIOCSWINSZ, { rows: ws.rows, cols: ws.cols }), 'ioctl(TIOCSWINSZ)');
}
