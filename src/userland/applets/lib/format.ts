// Formatting shared by listing tools: the `drwxr-xr-x` mode string and busybox's
// human-readable sizes (`1.5K`, `19.1M`).
import { S } from '../../../abi/index.js';

const TYPE_CHARS: Record<number, string> = {
  [S.IFDIR]: 'd', [S.IFLNK]: 'l', [S.IFCHR]: 'c', [S.IFBLK]: 'b', [S.IFIFO]: 'p', [S.IFSOCK]: 's', [S.IFREG]: '-',
};

/** `ls -l`'s ten-character mode string, with s/S/t/T for setuid, setgid and sticky bits. */
export function modeString(mode: number): string {
  let s = TYPE_CHARS[mode & S.IFMT] ?? '?';
  const rwx = (bits: number, special: boolean, ch: string): string => {
    const x = (bits & 1) !== 0;
    return ((bits & 4) ? 'r' : '-') + ((bits & 2) ? 'w' : '-') + (special ? (x ? ch : ch.toUpperCase()) : x ? 'x' : '-');
  };
  s += rwx((mode >> 6) & 7, (mode & S.ISUID) !== 0, 's');
  s += rwx((mode >> 3) & 7, (mode & S.ISGID) !== 0, 's');
  s += rwx(mode & 7, (mode & S.ISVTX) !== 0, 't');
  return s;
}

/**
 * busybox's make_human_readable_str: plain number below one unit, otherwise one decimal and a
 * K/M/G/T suffix. `unit` is the size of one input unit in bytes (du and df count 1K blocks).
 */
export function humanSize(value: number, unit = 1): string {
  let v = value * unit;
  const suffixes = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  let i = 0;
  if (v < 1024) return String(Math.round(v));
  while (v >= 1024 && i < suffixes.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(1)}${suffixes[i]}`;
}
