// The mount table from /proc/mounts (or /proc/self/mounts) and mount option words → MS_* flags.
import { MS } from '../../../abi/index.js';
import type { Libc } from '../../libc/index.js';

/** One /proc/mounts line. */
export interface MountEntry { source: string; target: string; fstype: string; options: string }

const unescape = (s: string): string => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

/** Reads the mount table; empty if /proc is not mounted. */
export async function readMounts(libc: Libc): Promise<MountEntry[]> {
  for (const path of ['/proc/mounts', '/proc/self/mounts']) {
    try {
      const text = await libc.readTextFile(path);
      return text.split('\n').filter(Boolean).map((l) => {
        const [source, target, fstype, options] = l.split(' ');
        return { source: unescape(source), target: unescape(target), fstype, options: options ?? '' };
      });
    } catch { /* try the next */ }
  }
  return [];
}

const FLAG_WORDS: Record<string, [number, boolean]> = {
  ro: [MS.RDONLY, true], rw: [MS.RDONLY, false], nosuid: [MS.NOSUID, true], suid: [MS.NOSUID, false],
  nodev: [MS.NODEV, true], dev: [MS.NODEV, false], noexec: [MS.NOEXEC, true], exec: [MS.NOEXEC, false],
  sync: [MS.SYNCHRONOUS, true], async: [MS.SYNCHRONOUS, false], remount: [MS.REMOUNT, true], bind: [MS.BIND, true],
  rbind: [MS.BIND | MS.REC, true], move: [MS.MOVE, true], noatime: [MS.NOATIME, true], atime: [MS.NOATIME, false],
  nodiratime: [MS.NODIRATIME, true], relatime: [MS.RELATIME, true], strictatime: [MS.STRICTATIME, true],
  private: [MS.PRIVATE, true], rprivate: [MS.PRIVATE | MS.REC, true], shared: [MS.SHARED, true], rshared: [MS.SHARED | MS.REC, true],
  slave: [MS.SLAVE, true], rslave: [MS.SLAVE | MS.REC, true], unbindable: [MS.UNBINDABLE, true], runbindable: [MS.UNBINDABLE | MS.REC, true],
  defaults: [0, true],
};

/** Splits `-o` options into MS_* flags and the data string passed to the filesystem. */
export function parseMountOptions(opts: string[]): { flags: number; data: string } {
  let flags = 0;
  const data: string[] = [];
  for (const word of opts.flatMap((o) => o.split(',')).filter(Boolean)) {
    const f = FLAG_WORDS[word];
    if (!f) { data.push(word); continue; }
    if (f[1]) flags |= f[0];
    else flags &= ~f[0];
  }
  return { flags, data: data.join(',') };
}
