// Linux errno numbers and their strerror() texts, and ErrnoError, the exception libc throws.
// Numbers and messages are those of glibc/musl on x86_64 so that applets print what busybox prints.

/** errno names to numbers, as in asm-generic/errno-base.h and errno.h. */
export const Errno = {
  EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, EIO: 5, ENXIO: 6, E2BIG: 7, ENOEXEC: 8, EBADF: 9,
  ECHILD: 10, EAGAIN: 11, ENOMEM: 12, EACCES: 13, EFAULT: 14, ENOTBLK: 15, EBUSY: 16, EEXIST: 17,
  EXDEV: 18, ENODEV: 19, ENOTDIR: 20, EISDIR: 21, EINVAL: 22, ENFILE: 23, EMFILE: 24, ENOTTY: 25,
  ETXTBSY: 26, EFBIG: 27, ENOSPC: 28, ESPIPE: 29, EROFS: 30, EMLINK: 31, EPIPE: 32, EDOM: 33,
  ERANGE: 34, EDEADLK: 35, ENAMETOOLONG: 36, ENOLCK: 37, ENOSYS: 38, ENOTEMPTY: 39, ELOOP: 40,
  ENOMSG: 42, ENODATA: 61, ENOTSUP: 95, EOPNOTSUPP: 95, EADDRINUSE: 98, EADDRNOTAVAIL: 99,
  ENETUNREACH: 101, ECONNRESET: 104, EISCONN: 106, ENOTCONN: 107, ETIMEDOUT: 110,
  ECONNREFUSED: 111, EALREADY: 114, EINPROGRESS: 115, EDQUOT: 122,
} as const;

export type ErrnoName = keyof typeof Errno;

const messages: Record<number, string> = {
  1: 'Operation not permitted', 2: 'No such file or directory', 3: 'No such process',
  4: 'Interrupted system call', 5: 'I/O error', 6: 'No such device or address',
  7: 'Argument list too long', 8: 'Exec format error', 9: 'Bad file descriptor',
  10: 'No child process', 11: 'Resource temporarily unavailable', 12: 'Out of memory',
  13: 'Permission denied', 14: 'Bad address', 15: 'Block device required',
  16: 'Resource busy', 17: 'File exists', 18: 'Cross-device link', 19: 'No such device',
  20: 'Not a directory', 21: 'Is a directory', 22: 'Invalid argument',
  23: 'Too many open files in system', 24: 'No file descriptors available',
  25: 'Not a tty', 26: 'Text file busy', 27: 'File too large', 28: 'No space left on device',
  29: 'Invalid seek', 30: 'Read-only file system', 31: 'Too many links', 32: 'Broken pipe',
  33: 'Domain error', 34: 'Result not representable', 35: 'Resource deadlock would occur',
  36: 'Filename too long', 37: 'No locks available', 38: 'Function not implemented',
  39: 'Directory not empty', 40: 'Symbolic link loop', 42: 'No message of desired type',
  61: 'No data available', 95: 'Not supported', 98: 'Address in use',
  99: 'Address not available', 101: 'Network unreachable', 104: 'Connection reset by peer',
  106: 'Socket is connected', 107: 'Socket not connected', 110: 'Operation timed out',
  111: 'Connection refused', 114: 'Operation already in progress',
  115: 'Operation in progress', 122: 'Quota exceeded',
};

const names: Record<number, ErrnoName> = {};
for (const [name, num] of Object.entries(Errno)) names[num] ??= name as ErrnoName;

/** The strerror() text of an errno, as musl prints it (busybox images are musl-based). */
export function strerror(errno: number): string {
  return messages[errno] ?? `Unknown error ${errno}`;
}

/** The symbolic name of an errno number (first name wins for aliases such as ENOTSUP). */
export function errnoName(errno: number): ErrnoName | `E${number}` {
  return names[errno] ?? `E${errno}`;
}

/** A failed system call as libc reports it: errno plus the syscall and path that failed. */
export class ErrnoError extends Error {
  readonly errno: number;
  readonly code: string;
  readonly syscall?: string;
  readonly path?: string;

  constructor(errno: number, syscall?: string, path?: string) {
    super(strerror(errno));
    this.name = 'ErrnoError';
    this.errno = errno;
    this.code = errnoName(errno);
    this.syscall = syscall;
    this.path = path;
  }
}
