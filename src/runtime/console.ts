// The container's console (runc's `process.terminal`): a pseudo-terminal opened INSIDE the
// container's mount namespace (its own devpts instance at /dev/pts), whose slave becomes the
// process's controlling terminal and fds 0/1/2, and whose master the engine takes with
// pidfd_getfd (the way runc hands the master to containerd over its console socket).
// The sync-pipe messages that carry the master's fd number live here too.
import { ErrnoError, IOCTL, O, type Sys } from '../abi/index.js';
import { decode, encode, type Libc } from '../userland/libc/index.js';

/** A terminal size, rows by columns (HostConfig.ConsoleSize order). */
export interface ConsoleSize {
  rows: number;
  cols: number;
}

/** A pty master opened by the container side: its fd there, and the slave's path. */
export interface OpenedConsole {
  masterFd: number;
  slavePath: string;
}

/**
 * Opens a new pty master at /dev/ptmx of the calling process's mount namespace (O_CLOEXEC, so
 * execve drops it), unlocks its slave and applies `size` when it has both dimensions.
 */
export async function openConsole(libc: Libc, size: ConsoleSize | undefined): Promise<OpenedConsole> {
  const sys = libc.sys;
  const m = await sys.openat(-100, '/dev/ptmx', O.RDWR | O.NOCTTY | O.CLOEXEC, 0);
  if (!m.ok) throw new ErrnoError(m.errno, 'open', '/dev/ptmx');
  const masterFd = m.value;
  const unlock = await sys.ioctl(masterFd, IOCTL.TIOCSPTLCK, 0);
  if (!unlock.ok) throw new ErrnoError(unlock.errno, 'ioctl(TIOCSPTLCK)', '/dev/ptmx');
  const n = await sys.ioctl(masterFd, IOCTL.TIOCGPTN);
  if (!n.ok) throw new ErrnoError(n.errno, 'ioctl(TIOCGPTN)', '/dev/ptmx');
  if (size && size.rows > 0 && size.cols > 0) {
    const w = await sys.ioctl(masterFd, IOCTL.TIOCSWINSZ, { rows: size.rows, cols: size.cols });
    if (!w.ok) throw new ErrnoError(w.errno, 'ioctl(TIOCSWINSZ)', '/dev/ptmx');
  }
  return { masterFd, slavePath: `/dev/pts/${Number(n.value)}` };
}

/**
 * Makes `slavePath` the controlling terminal of a new session and points fds 0/1/2 at it
 * (what runc's init does with the console): setsid, open, TIOCSCTTY, dup2.
 */
export async function attachConsole(libc: Libc, slavePath: string): Promise<void> {
  const sys = libc.sys;
  const s = await sys.setsid();
  if (!s.ok) throw new ErrnoError(s.errno, 'setsid');
  const fd = await libc.open(slavePath, O.RDWR | O.NOCTTY);
  const c = await sys.ioctl(fd, IOCTL.TIOCSCTTY, 0);
  if (!c.ok) throw new ErrnoError(c.errno, 'ioctl(TIOCSCTTY)', slavePath);
  for (let target = 0; target < 3; target++) if (fd !== target) await libc.dup2(fd, target);
  if (fd > 2) await sys.close(fd);
}

/** The line a child writes on the sync pipe to say "take my fd N, then ack on the go pipe". */
export function consoleMessage(masterFd: number): Uint8Array {
  return encode(`${JSON.stringify({ console: masterFd })}\n`);
}

/** Sends the console message and waits for the parent's ack byte (EOF = the parent gave up). */
export async function handOverConsole(sys: Sys, syncWrite: number, ackRead: number, masterFd: number): Promise<void> {
  await sys.write(syncWrite, consoleMessage(masterFd));
  const ack = await sys.read(ackRead, 1);
  if (!ack.ok || ack.value.length === 0) throw new Error('the runtime did not take the console');
}

/**
 * Copies fd `targetFd` of process `pid` into the caller's table (pidfd_open + pidfd_getfd,
 * O_CLOEXEC like Linux's pidfd_getfd). Throws ErrnoError.
 */
export async function takeFd(sys: Sys, pid: number, targetFd: number): Promise<number> {
  const p = await sys.pidfd_open(pid, 0);
  if (!p.ok) throw new ErrnoError(p.errno, 'pidfd_open');
  try {
    const fd = await sys.pidfd_getfd(p.value, targetFd, 0);
    if (!fd.ok) throw new ErrnoError(fd.errno, 'pidfd_getfd');
    return fd.value;
  } finally {
    await sys.close(p.value);
  }
}

/**
 * The parent's reader of a sync pipe: console messages (one JSON line each) are handed to
 * `onConsole` as they arrive; whatever else the child wrote before EOF is returned (a failure
 * report, or "" when execve succeeded).
 */
export async function readSyncPipe(sys: Sys, fd: number, onConsole: (childFd: number) => Promise<void>): Promise<string> {
  let text = '';
  for (;;) {
    const r = await sys.read(fd, 65536);
    if (!r.ok || r.value.length === 0) return text;
    text += decode(r.value);
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n')) {
      const line = text.slice(0, nl);
      const childFd = parseConsoleLine(line);
      if (childFd === undefined) break; // not ours: a failure report, read on to EOF
      text = text.slice(nl + 1);
      await onConsole(childFd);
    }
  }
}

function parseConsoleLine(line: string): number | undefined {
  try {
    const v = JSON.parse(line) as { console?: unknown };
    return typeof v.console === 'number' ? v.console : undefined;
  } catch {
    return undefined;
  }
}
