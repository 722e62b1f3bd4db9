// The syscall interface a program receives as `sys`: what the kernel implements and userland calls.
// Every call is awaited and resolves to data (SysResult); the kernel decides when it resolves,
// which is how blocking, CPU shares and SIGKILL work. Names and argument order follow Linux.
import type { SysResult } from './syscall-result.js';
import type { Dirent, Stat, Timespec } from './stat.js';
import type { Disposition } from './signal.js';
import type { CapSet } from './capability.js';

/** A program: what execve runs. Returns the exit status (or calls sys.exit). */
export type Program = (argv: string[], envp: string[], sys: Sys) => Promise<number>;

/** The body of a child made by clone(): runs in the child process with the child's own `sys`. */
export type ChildFn = (sys: Sys) => Promise<number>;

/** uname(2). */
export interface Utsname {
  sysname: string;
  nodename: string;
  release: string;
  version: string;
  machine: string;
  domainname: string;
}

/** wait4(2)'s answer: pid 0 means WNOHANG found nothing. */
export interface WaitResult {
  pid: number;
  status: number;
}

/** sysinfo(2). Loads are the 1, 5, 15 minute averages as floating point numbers. */
export interface Sysinfo {
  uptimeSec: number;
  loads: [number, number, number];
  totalram: number;
  freeram: number;
  procs: number;
}

/** getrusage/times: CPU time in nanoseconds. */
export interface Rusage {
  utimeNs: number;
  stimeNs: number;
}

/** Terminal window size (TIOCGWINSZ). */
export interface Winsize {
  rows: number;
  cols: number;
}

/** ioctl requests skiff supports (Linux's numbers). Terminal requests work on ptys and the console. */
export const IOCTL = {
  TCGETS: 0x5401, TCSETS: 0x5402,
  /** TCSETS after the output is drained (skiff's output never waits on hardware: same as TCSETS). */
  TCSETSW: 0x5403,
  /** TCSETS after draining output and discarding pending input. */
  TCSETSF: 0x5404,
  TIOCSCTTY: 0x540e, TIOCGPGRP: 0x540f, TIOCSPGRP: 0x5410, TIOCGWINSZ: 0x5413, TIOCSWINSZ: 0x5414,
  TIOCNOTTY: 0x5422,
  /** The session id of the terminal's session (the caller's controlling terminal). */
  TIOCGSID: 0x5429,
  /** On a pty master: the pty number N (the slave is <devpts>/N). */
  TIOCGPTN: 0x80045430,
  /** On a pty master: arg 0 unlocks the slave, non-zero locks it. */
  TIOCSPTLCK: 0x40045431,
  /** On a pty master: sends signal `arg` to the terminal's foreground process group. */
  TIOCSIG: 0x40045436,
} as const;

/** Terminal control characters (c_cc), as byte values; 0 means disabled (_POSIX_VDISABLE). */
export interface TermiosCc {
  intr: number;
  quit: number;
  erase: number;
  kill: number;
  eof: number;
  eol: number;
  start: number;
  stop: number;
  susp: number;
  werase: number;
  lnext: number;
  reprint: number;
  /** Non-canonical read: return once this many bytes are there (VMIN). */
  min: number;
  /** Non-canonical read timeout in tenths of a second (VTIME; skiff models only 0). */
  time: number;
}

/**
 * Terminal modes (a subset of termios, one boolean per flag). TCGETS returns every field;
 * TCSETS* accept a whole or partial object (absent fields keep their value). The optional
 * fields default to Linux's initial pty settings (icrnl, opost, echoe, echok, echoctl, echoke,
 * iexten, ixon on; cc as `stty sane`).
 */
export interface Termios {
  echo: boolean;
  icanon: boolean;
  isig: boolean;
  /** Translate output "\n" to "\r\n" (with opost). */
  onlcr: boolean;
  /** Input: translate "\r" to "\n" (ICRNL). */
  icrnl?: boolean;
  /** Input: translate "\n" to "\r" (INLCR). */
  inlcr?: boolean;
  /** Input: drop "\r" (IGNCR). */
  igncr?: boolean;
  /** Output post-processing on/off (OPOST). */
  opost?: boolean;
  /** Erase echoes "\b \b" (ECHOE). */
  echoe?: boolean;
  /** Kill echoes the line erase (ECHOK). */
  echok?: boolean;
  /** Echo "\n" even without ECHO (ECHONL). */
  echonl?: boolean;
  /** Echo control characters as ^X (ECHOCTL). */
  echoctl?: boolean;
  /** Kill erases the line character by character (ECHOKE). */
  echoke?: boolean;
  /** Extended input processing: werase, lnext, reprint (IEXTEN). */
  iexten?: boolean;
  /** ^S/^Q flow control (IXON): accepted, not modelled. */
  ixon?: boolean;
  /** Do not flush input on a signal character (NOFLSH). */
  noflsh?: boolean;
  /** Stop background jobs that write to the terminal (TOSTOP): accepted, not modelled. */
  tostop?: boolean;
  /** Line speed in baud (38400 on a pty, as Linux reports). */
  speed?: number;
  cc?: TermiosCc;
}

/** clock ids. */
export const CLOCK = { REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME_ID: 2, BOOTTIME: 7 } as const;

/** sigaction options. */
export interface SigactionOptions {
  /** Restart blocking syscalls instead of failing them with EINTR (SA_RESTART). */
  restart?: boolean;
}

/**
 * The syscall interface. Paths are strings; data is Uint8Array; fds are numbers.
 * Each method documents the errnos the kernel returns in its handler.
 */
export interface Sys {
  // processes
  getpid(): Promise<SysResult<number>>;
  getppid(): Promise<SysResult<number>>;
  gettid(): Promise<SysResult<number>>;
  clone(flags: number, child: ChildFn): Promise<SysResult<number>>;
  execve(path: string, argv: string[], envp: string[]): Promise<SysResult<never>>;
  exit(status: number): Promise<SysResult<never>>;
  wait4(pid: number, options: number): Promise<SysResult<WaitResult>>;
  kill(pid: number, sig: number): Promise<SysResult<void>>;
  sigaction(sig: number, disposition: Disposition, options?: SigactionOptions): Promise<SysResult<Disposition>>;
  /** Returns the previous mask. Masks are bit sets of signal numbers (bit n-1 for signal n). */
  sigprocmask(how: number, set: bigint | null): Promise<SysResult<bigint>>;
  sigpending(): Promise<SysResult<bigint>>;
  pause(): Promise<SysResult<never>>;
  setsid(): Promise<SysResult<number>>;
  getsid(pid: number): Promise<SysResult<number>>;
  setpgid(pid: number, pgid: number): Promise<SysResult<void>>;
  getpgid(pid: number): Promise<SysResult<number>>;
  prctl(option: number, arg: string | number): Promise<SysResult<string | number>>;
  sched_yield(): Promise<SysResult<void>>;
  /** Non-Linux: `ns` nanoseconds of user-mode CPU work (a step of a busy loop). */
  spin(ns: number): Promise<SysResult<void>>;
  getrusage(who: 'self' | 'children'): Promise<SysResult<Rusage>>;
  /** A file descriptor (O_CLOEXEC) referring to process `pid`; flags 0 or O_NONBLOCK. */
  pidfd_open(pid: number, flags: number): Promise<SysResult<number>>;
  /** A new fd (O_CLOEXEC) sharing the open file description of `targetfd` in the pidfd's process. */
  pidfd_getfd(pidfd: number, targetfd: number, flags: number): Promise<SysResult<number>>;

  // credentials
  getuid(): Promise<SysResult<number>>;
  geteuid(): Promise<SysResult<number>>;
  getgid(): Promise<SysResult<number>>;
  getegid(): Promise<SysResult<number>>;
  getgroups(): Promise<SysResult<number[]>>;
  setuid(uid: number): Promise<SysResult<void>>;
  setgid(gid: number): Promise<SysResult<void>>;
  setreuid(ruid: number, euid: number): Promise<SysResult<void>>;
  setregid(rgid: number, egid: number): Promise<SysResult<void>>;
  setgroups(groups: number[]): Promise<SysResult<void>>;
  capget(): Promise<SysResult<{ effective: CapSet; permitted: CapSet; inheritable: CapSet; bounding: CapSet }>>;
  capset(effective: CapSet, permitted: CapSet, inheritable: CapSet): Promise<SysResult<void>>;

  // files
  openat(dirfd: number, path: string, flags: number, mode?: number): Promise<SysResult<number>>;
  close(fd: number): Promise<SysResult<void>>;
  read(fd: number, count: number): Promise<SysResult<Uint8Array>>;
  write(fd: number, data: Uint8Array): Promise<SysResult<number>>;
  pread(fd: number, count: number, offset: number): Promise<SysResult<Uint8Array>>;
  pwrite(fd: number, data: Uint8Array, offset: number): Promise<SysResult<number>>;
  lseek(fd: number, offset: number, whence: number): Promise<SysResult<number>>;
  dup(fd: number): Promise<SysResult<number>>;
  dup2(oldfd: number, newfd: number): Promise<SysResult<number>>;
  dup3(oldfd: number, newfd: number, flags: number): Promise<SysResult<number>>;
  fcntl(fd: number, cmd: number, arg?: number): Promise<SysResult<number>>;
  pipe2(flags: number): Promise<SysResult<[number, number]>>;
  ioctl(fd: number, request: number, arg?: unknown): Promise<SysResult<unknown>>;
  fstat(fd: number): Promise<SysResult<Stat>>;
  fstatat(dirfd: number, path: string, flags: number): Promise<SysResult<Stat>>;
  /** Reads the next entries of a directory fd; an empty array means the end. */
  getdents64(fd: number): Promise<SysResult<Dirent[]>>;
  mkdirat(dirfd: number, path: string, mode: number): Promise<SysResult<void>>;
  mknodat(dirfd: number, path: string, mode: number, dev: number): Promise<SysResult<void>>;
  unlinkat(dirfd: number, path: string, flags: number): Promise<SysResult<void>>;
  renameat2(olddirfd: number, oldpath: string, newdirfd: number, newpath: string, flags: number): Promise<SysResult<void>>;
  linkat(olddirfd: number, oldpath: string, newdirfd: number, newpath: string, flags: number): Promise<SysResult<void>>;
  symlinkat(target: string, newdirfd: number, linkpath: string): Promise<SysResult<void>>;
  readlinkat(dirfd: number, path: string): Promise<SysResult<string>>;
  fchmodat(dirfd: number, path: string, mode: number, flags: number): Promise<SysResult<void>>;
  fchmod(fd: number, mode: number): Promise<SysResult<void>>;
  fchownat(dirfd: number, path: string, uid: number, gid: number, flags: number): Promise<SysResult<void>>;
  fchown(fd: number, uid: number, gid: number): Promise<SysResult<void>>;
  /** Times in ms since the epoch; null = now; undefined = leave unchanged (UTIME_OMIT). */
  utimensat(dirfd: number, path: string, atimeMs: number | null | undefined, mtimeMs: number | null | undefined, flags: number): Promise<SysResult<void>>;
  truncate(path: string, length: number): Promise<SysResult<void>>;
  ftruncate(fd: number, length: number): Promise<SysResult<void>>;
  umask(mask: number): Promise<SysResult<number>>;
  faccessat(dirfd: number, path: string, mode: number, flags: number): Promise<SysResult<void>>;
  getcwd(): Promise<SysResult<string>>;
  chdir(path: string): Promise<SysResult<void>>;
  fchdir(fd: number): Promise<SysResult<void>>;
  fsync(fd: number): Promise<SysResult<void>>;
  sync(): Promise<SysResult<void>>;

  // mounts, roots and namespaces
  mount(source: string, target: string, fstype: string, flags: number, data: string): Promise<SysResult<void>>;
  umount2(target: string, flags: number): Promise<SysResult<void>>;
  chroot(path: string): Promise<SysResult<void>>;
  pivot_root(newRoot: string, putOld: string): Promise<SysResult<void>>;
  unshare(flags: number): Promise<SysResult<void>>;
  setns(fd: number, nstype: number): Promise<SysResult<void>>;
  sethostname(name: string): Promise<SysResult<void>>;
  setdomainname(name: string): Promise<SysResult<void>>;
  uname(): Promise<SysResult<Utsname>>;

  // time and system
  clock_gettime(clockid: number): Promise<SysResult<Timespec>>;
  nanosleep(ns: number): Promise<SysResult<void>>;
  /** Schedules SIGALRM after `seconds` (0 cancels); returns seconds left on the previous alarm. */
  alarm(seconds: number): Promise<SysResult<number>>;
  sysinfo(): Promise<SysResult<Sysinfo>>;
  getrandom(length: number): Promise<SysResult<Uint8Array>>;

  // memory
  /** Maps `length` bytes of anonymous memory; returns its address. Charged to the memory cgroup. */
  mmap(length: number): Promise<SysResult<number>>;
  munmap(addr: number, length: number): Promise<SysResult<void>>;
  /** Sets the program break (0 queries it). */
  brk(addr: number): Promise<SysResult<number>>;
}

/** The names of all syscalls, for tracing and the support matrix. */
export type SyscallName = keyof Sys;
