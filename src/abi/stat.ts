// File type and permission bits of st_mode, and the Stat record returned by stat(2) and friends.

/** st_mode file type and permission bits. */
export const S = {
  IFMT: 0o170000, IFSOCK: 0o140000, IFLNK: 0o120000, IFREG: 0o100000, IFBLK: 0o060000,
  IFDIR: 0o040000, IFCHR: 0o020000, IFIFO: 0o010000,
  ISUID: 0o4000, ISGID: 0o2000, ISVTX: 0o1000,
} as const;

export const isDir = (mode: number): boolean => (mode & S.IFMT) === S.IFDIR;
export const isReg = (mode: number): boolean => (mode & S.IFMT) === S.IFREG;
export const isLnk = (mode: number): boolean => (mode & S.IFMT) === S.IFLNK;
export const isChr = (mode: number): boolean => (mode & S.IFMT) === S.IFCHR;
export const isFifo = (mode: number): boolean => (mode & S.IFMT) === S.IFIFO;

/** Times are nanoseconds since the epoch as bigint-free numbers of milliseconds plus ns remainder. */
export interface Timespec {
  sec: number;
  nsec: number;
}

/** The fields of struct stat (and the statx fields skiff supports). */
export interface Stat {
  dev: number;
  ino: number;
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: number;
  size: number;
  blksize: number;
  blocks: number;
  atime: Timespec;
  mtime: Timespec;
  ctime: Timespec;
  birthtime: Timespec;
}

/** Encode a device number the way glibc's makedev() does for small numbers. */
export function makedev(major: number, minor: number): number {
  return (major << 8) | (minor & 0xff) | ((minor & ~0xff) << 12);
}
export const major = (dev: number): number => (dev >>> 8) & 0xfff;
export const minor = (dev: number): number => (dev & 0xff) | ((dev >>> 12) & ~0xff);

/** One directory entry as getdents64 returns it. */
export interface Dirent {
  ino: number;
  name: string;
  /** DT_* type. */
  type: number;
}

/** d_type values. */
export const DT = { UNKNOWN: 0, FIFO: 1, CHR: 2, DIR: 4, BLK: 6, REG: 8, LNK: 10, SOCK: 12 } as const;

/** The DT_* type for an st_mode. */
export function dtFromMode(mode: number): number {
  return (mode & S.IFMT) >>> 12;
}
