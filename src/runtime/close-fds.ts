// Closing every inherited descriptor but a few, in a process forked from the engine (which
// holds the pipes of every container): listed from /proc/self/fd, as there is no close_range.
import type { Libc } from '../userland/libc/index.js';

/**
 * Closes every open fd of the calling process except those in `keep`. Needs procfs at /proc
 * (the engine's host mount namespace has it). Returns how many fds were closed.
 */
export async function closeFdsExcept(libc: Libc, keep: Iterable<number>): Promise<number> {
  const kept = new Set(keep);
  const fds = (await libc.readdir('/proc/self/fd')).map((d) => Number(d.name)).filter((n) => Number.isInteger(n) && !kept.has(n));
  let closed = 0;
  for (const fd of fds) if ((await libc.sys.close(fd)).ok) closed++;
  return closed;
}
