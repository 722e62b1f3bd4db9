// Terminal sizes of TTY containers and execs: the initial size handed to the runtime
// (HostConfig.ConsoleSize, or a resize that came before start) and TIOCSWINSZ on a pty master.
import { ErrnoError, IOCTL, type Sys } from '../../abi/index.js';
import type { ConsoleSize } from '../../runtime/index.js';

/** [rows, cols] as the API carries it → a size, or undefined when either is zero or absent. */
export function consoleSizeOf(pair: readonly number[] | null | undefined): ConsoleSize | undefined {
  if (!pair || pair.length !== 2) return undefined;
  const [rows, cols] = pair;
  return rows > 0 && cols > 0 ? { rows, cols } : undefined;
}

/**
 * The winsize a resize request sets: runc hands the sizes to the kernel as unsigned shorts,
 * so values wrap the same way.
 */
export function winsizeOf(height: number, width: number): ConsoleSize {
  return { rows: height & 0xffff, cols: width & 0xffff };
}

/** TIOCSWINSZ on a pty master (the kernel sends SIGWINCH to the foreground group). */
export async function setConsoleSize(sys: Sys, masterFd: number, size: ConsoleSize): Promise<void> {
  const r = await sys.ioctl(masterFd, IOCTL.TIOCSWINSZ, { rows: size.rows, cols: size.cols });
  if (!r.ok) throw new ErrnoError(r.errno, 'ioctl(TIOCSWINSZ)');
}
