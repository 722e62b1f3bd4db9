// Filesystem helpers over libc shared by the file applets: stat without throwing, directory
// listing without . and .., whether stdout is a terminal, and the terminal width.
import { AT, AT_FDCWD, IOCTL, type Stat, type Winsize } from '../../../abi/index.js';
import type { Libc } from '../../libc/index.js';

/** stat/lstat that returns the errno instead of throwing. */
export async function tryStat(libc: Libc, path: string, follow: boolean): Promise<{ st?: Stat; errno?: number }> {
  const r = await libc.sys.fstatat(AT_FDCWD, path, follow ? 0 : AT.SYMLINK_NOFOLLOW);
  return r.ok ? { st: r.value } : { errno: r.errno };
}

/** Names in a directory, without `.` and `..`. */
export async function listDir(libc: Libc, path: string): Promise<string[]> {
  return (await libc.readdir(path)).map((d) => d.name).filter((n) => n !== '.' && n !== '..');
}

/** The window size of `fd` if it is a terminal, else undefined. */
export async function terminalSize(libc: Libc, fd: number): Promise<Winsize | undefined> {
  const r = await libc.sys.ioctl(fd, IOCTL.TIOCGWINSZ);
  return r.ok ? (r.value as Winsize) : undefined;
}

/** Byte-order comparison of two strings (strcmp in the C locale). */
export function strcmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
