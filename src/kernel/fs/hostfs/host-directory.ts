// The kernel's window onto a real directory of the machine running it: a small synchronous
// interface hostfs is built on. The kernel may not touch the host itself (no node: modules), so
// boot/ implements this with node:fs (boot/host-directory.ts) and hands it to the kernel.
import type { SysResult } from '../../../abi/index.js';

/** What lstat/fstat of a host file tells hostfs. Times are ns since the epoch. */
export interface HostStat {
  /** Host device number (with `ino`, the identity of the file). */
  dev: bigint;
  ino: bigint;
  /** st_mode as the host has it: type bits (S.IF*) and permission bits. */
  mode: number;
  nlink: number;
  size: number;
  atimeNs: number;
  mtimeNs: number;
  ctimeNs: number;
  btimeNs: number;
}

/**
 * One host directory tree, seen from its root. Paths are relative to the root: '' is the root
 * itself, components are joined with '/' and are never '', '.' or '..' (implementations must
 * refuse such paths with EINVAL). No operation follows a symlink on the host, in the last
 * component or any other: a symlink in the middle of a path is ENOTDIR/ELOOP, never a way out
 * of the root (symlinks are read with readlink and resolved by the simulated VFS).
 * Errors are errno values (EACCES when the daemon's user may not, ENOENT, EEXIST, …).
 */
export interface HostDirectory {
  /** The root's real path on the host (mount source, for mountinfo). */
  readonly root: string;
  lstat(path: string): SysResult<HostStat>;
  /** Entry names of a directory (without `.` and `..`). */
  readdir(path: string): SysResult<string[]>;
  /** Opens an existing regular file (never creates; refuses symlinks); returns a handle. */
  open(path: string, writable: boolean): SysResult<number>;
  fstat(handle: number): SysResult<HostStat>;
  pread(handle: number, pos: number, count: number): SysResult<Uint8Array>;
  pwrite(handle: number, pos: number, data: Uint8Array): SysResult<number>;
  ftruncate(handle: number, size: number): SysResult<void>;
  fsync(handle: number): SysResult<void>;
  close(handle: number): void;
  /** Creates an empty regular file with exactly `mode` (no umask), failing with EEXIST. */
  createFile(path: string, mode: number): SysResult<void>;
  /** Creates a directory with exactly `mode` (no umask). */
  mkdir(path: string, mode: number): SysResult<void>;
  symlink(target: string, path: string): SysResult<void>;
  readlink(path: string): SysResult<string>;
  link(existing: string, path: string): SysResult<void>;
  unlink(path: string): SysResult<void>;
  rmdir(path: string): SysResult<void>;
  /** rename(2): replaces `to` when the types allow. */
  rename(from: string, to: string): SysResult<void>;
  /** chmod of the file itself (not a symlink's target). */
  chmod(path: string, mode: number): SysResult<void>;
  /** Sets atime and mtime (ns) of the file itself. */
  utimes(path: string, atimeNs: number, mtimeNs: number): SysResult<void>;
}

/**
 * The host directories a machine may mount: mount(2) of type hostfs asks for its source path.
 * Errors: EACCES (not a directory the machine was given), ENOENT, ENOTDIR.
 */
export interface HostDirectories {
  open(source: string): SysResult<HostDirectory>;
}
