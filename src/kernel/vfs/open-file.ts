// The open file description (Linux's struct file): flags, offset and operations, shared by
// every fd that dup(2) or fork(2) made from it. FileOps is the plug for non-disk files
// (pipes, devices, ttys, later sockets and proc/cgroup files).
import { O, type Dirent, type SysResult } from '../../abi/index.js';
import type { HandlerResult, SyscallContext } from '../syscall-table.js';
import type { Inode } from './inode.js';
import type { PathRef } from './mount.js';

/**
 * What an open file does. Missing read/write mean EINVAL, missing ioctl means ENOTTY,
 * missing getdents means ENOTDIR. read/write may return Blocked (see blockOn): the syscall
 * is retried after a wakeup with the same ctx.state, so partial progress can be kept there.
 */
export interface FileOps {
  /**
   * Character-device drivers only: called when the device node is opened, with the open(2)
   * flags (O_NOCTTY included). Sets up file.private and answers the FileOps the description
   * uses from now on (a multiplexer like /dev/ptmx or /dev/tty hands out another driver's).
   */
  open?(file: OpenFile, ctx: SyscallContext, flags: number): SysResult<FileOps>;
  /** A stream (pipe, tty, socket): no file position; lseek/pread/pwrite fail with ESPIPE. */
  readonly stream?: boolean;
  /** Up to `count` bytes at `pos` (pos is meaningless for streams). An empty array is EOF. */
  read?(file: OpenFile, ctx: SyscallContext, count: number, pos: number): HandlerResult<Uint8Array>;
  /** Writes `data` at `pos`; returns the byte count written. */
  write?(file: OpenFile, ctx: SyscallContext, data: Uint8Array, pos: number): HandlerResult<number>;
  ioctl?(file: OpenFile, ctx: SyscallContext, request: number, arg: unknown): SysResult<unknown>;
  /** The next directory entries; an empty array at the end. */
  getdents?(file: OpenFile, ctx: SyscallContext): SysResult<Dirent[]>;
  /** lseek happened (directories rewind, pseudo files drop their snapshot). */
  seeked?(file: OpenFile): void;
  /** The last reference is gone (close of the last fd sharing the description). */
  release?(file: OpenFile): void;
}

/** Open file description. Invariant: `refs` counts the fd-table slots (and other holders) using it. */
export class OpenFile {
  /** File position for seekable files. */
  pos = 0;
  refs = 0;
  /** Per-open state of the FileOps (pipe, directory listing, pseudo-file snapshot…). */
  private: unknown = undefined;

  constructor(
    /** open(2) flags (O_CLOEXEC is an fd flag and is not kept here). */
    public flags: number,
    public ops: FileOps,
    readonly inode: Inode,
    /** Where it was opened (for fchdir, *at() and /proc/<pid>/fd); null for anonymous files. */
    readonly path: PathRef | null,
  ) {
    if (path) path.mnt.openFiles++;
  }

  get readable(): boolean {
    const acc = this.flags & O.ACCMODE;
    return (this.flags & O.PATH) === 0 && (acc === O.RDONLY || acc === O.RDWR);
  }

  get writable(): boolean {
    const acc = this.flags & O.ACCMODE;
    return (this.flags & O.PATH) === 0 && (acc === O.WRONLY || acc === O.RDWR);
  }

  get nonblocking(): boolean {
    return (this.flags & O.NONBLOCK) !== 0;
  }

  /** Takes a reference (an fd now points here). */
  get(): this {
    this.refs++;
    return this;
  }

  /** Drops a reference; the last one releases the description. */
  put(): void {
    if (--this.refs > 0) return;
    this.ops.release?.(this);
    if (this.path) this.path.mnt.openFiles--;
  }
}
