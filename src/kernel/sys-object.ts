// Builds the `sys` object a program holds: one method per syscall, each entering the kernel as
// the bound process. Methods live on a shared prototype, so a process costs two fields, not a
// closure per syscall (10,000 sleeping processes must stay small).
import type { Sys, SyscallName, SysResult } from '../abi/index.js';
import type { Kernel } from './kernel.js';
import type { Process } from './task/process.js';

/** Every syscall name of the Sys interface (the table may implement fewer: the rest is ENOSYS). */
export const SYSCALL_NAMES: readonly SyscallName[] = [
  'getpid', 'getppid', 'gettid', 'clone', 'execve', 'exit', 'wait4', 'kill', 'sigaction',
  'sigprocmask', 'sigpending', 'pause', 'setsid', 'getsid', 'setpgid', 'getpgid', 'prctl',
  'sched_yield', 'spin', 'getrusage', 'pidfd_open', 'pidfd_getfd', 'getuid', 'geteuid', 'getgid', 'getegid', 'getgroups',
  'setuid', 'setgid', 'setreuid', 'setregid', 'setgroups', 'capget', 'capset', 'openat', 'close',
  'read', 'write', 'pread', 'pwrite', 'lseek', 'dup', 'dup2', 'dup3', 'fcntl', 'pipe2', 'ioctl',
  'fstat', 'fstatat', 'getdents64', 'mkdirat', 'mknodat', 'unlinkat', 'renameat2', 'linkat',
  'symlinkat', 'readlinkat', 'fchmodat', 'fchmod', 'fchownat', 'fchown', 'utimensat', 'truncate',
  'ftruncate', 'umask', 'faccessat', 'getcwd', 'chdir', 'fchdir', 'fsync', 'sync', 'mount',
  'umount2', 'chroot', 'pivot_root', 'unshare', 'setns', 'sethostname', 'setdomainname', 'uname',
  'clock_gettime', 'nanosleep', 'alarm', 'sysinfo', 'getrandom', 'mmap', 'munmap', 'brk',
];

/** Private fields: a program holding `sys` cannot reach the kernel or its process object. */
class SysBase {
  readonly #kernel: Kernel;
  readonly #proc: Process;

  constructor(kernel: Kernel, proc: Process) {
    this.#kernel = kernel;
    this.#proc = proc;
  }

  static enter(self: SysBase, name: SyscallName, args: unknown[]): Promise<SysResult<unknown>> {
    return self.#kernel.enter(self.#proc, name, args);
  }
}

for (const name of SYSCALL_NAMES) {
  Object.defineProperty(SysBase.prototype, name, {
    value: function (this: SysBase, ...args: unknown[]): Promise<SysResult<unknown>> {
      return SysBase.enter(this, name, args);
    },
  });
}

/** The syscall interface bound to `proc`. */
export function makeSys(kernel: Kernel, proc: Process): Sys {
  return new SysBase(kernel, proc) as unknown as Sys;
}
