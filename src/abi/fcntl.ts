// open(2) flags, fcntl(2) commands, lseek whence, access(2) modes and AT_* flags (x86_64 values).

/** open(2) flags. */
export const O = {
  RDONLY: 0o0, WRONLY: 0o1, RDWR: 0o2, ACCMODE: 0o3,
  CREAT: 0o100, EXCL: 0o200, NOCTTY: 0o400, TRUNC: 0o1000, APPEND: 0o2000, NONBLOCK: 0o4000,
  DIRECTORY: 0o200000, NOFOLLOW: 0o400000, CLOEXEC: 0o2000000, PATH: 0o10000000,
} as const;

/** fcntl(2) commands and the one fd flag. */
export const F = {
  DUPFD: 0, GETFD: 1, SETFD: 2, GETFL: 3, SETFL: 4, DUPFD_CLOEXEC: 1030,
} as const;
export const FD_CLOEXEC = 1;

/** lseek(2) whence. */
export const SEEK = { SET: 0, CUR: 1, END: 2 } as const;

/** access(2) modes. */
export const R_OK = 4, W_OK = 2, X_OK = 1, F_OK = 0;

/** The special dirfd meaning "relative to the cwd", and *at() flags. */
export const AT_FDCWD = -100;
export const AT = { SYMLINK_NOFOLLOW: 0x100, REMOVEDIR: 0x200, SYMLINK_FOLLOW: 0x400, EMPTY_PATH: 0x1000 } as const;
