// The in-memory inode: type, permissions, ownership (kernel-wide host IDs), times, and the
// operations a filesystem implements by overriding methods. Defaults fail as Linux does for a
// filesystem without the operation. File descriptions live in open-file.ts.
import { Errno, S, fail, type Stat, type SysResult, type Timespec } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import type { UserNamespace } from '../ns/user-namespace.js';
import type { SuperBlock } from './super-block.js';
import type { FileOps, OpenFile } from './open-file.js';
import type { Pipe } from './pipe.js';
import { regularFileOps } from './regular-file-ops.js';
import { dirFileOps } from './dir-file-ops.js';

/** Permission mask bits for permission checks (Linux's MAY_*). */
export const MAY_EXEC = 1, MAY_WRITE = 2, MAY_READ = 4;

/** One entry of Inode.readdir. `type` is a DT_* value. */
export interface DirEntry {
  name: string;
  ino: number;
  type: number;
}

/** Attribute changes for Inode.setattr; absent fields are unchanged. IDs are host IDs. */
export interface InodeAttrs {
  mode?: number;
  uid?: number;
  gid?: number;
  atimeNs?: number;
  mtimeNs?: number;
}

const OK: SysResult<void> = { ok: true, value: undefined };

/**
 * One file object of a filesystem. Directory methods are called only on directories, data
 * methods only on regular files; the VFS has checked permissions, read-only mounts and the
 * existence rules before calling them (see syscalls/fs-*.ts).
 */
export abstract class Inode {
  nlink = 1;
  /** Device number for character and block devices. */
  rdev = 0;
  atimeNs: number;
  mtimeNs: number;
  ctimeNs: number;
  btimeNs: number;
  /** The pipe of a FIFO, created by its first open. */
  fifo?: Pipe;

  constructor(
    readonly sb: SuperBlock,
    readonly ino: number,
    /** st_mode: type and permission bits. */
    public mode: number,
    /** Owner as a host (initial user namespace) ID. */
    public uid: number,
    public gid: number,
  ) {
    const now = sb.clock.nowNs();
    this.atimeNs = this.mtimeNs = this.ctimeNs = this.btimeNs = now;
  }

  /** st_size. */
  get size(): number {
    return 0;
  }

  get isDir(): boolean {
    return (this.mode & S.IFMT) === S.IFDIR;
  }

  get isReg(): boolean {
    return (this.mode & S.IFMT) === S.IFREG;
  }

  get isSymlink(): boolean {
    return (this.mode & S.IFMT) === S.IFLNK;
  }

  /** Marks a data change (mtime and ctime now). */
  touch(): void {
    this.mtimeNs = this.ctimeNs = this.sb.clock.nowNs();
  }

  // ---- directory operations ----

  /** The child called `name` (never `.`/`..`), or undefined. */
  lookup(_name: string, _ctx: SyscallContext): Inode | undefined {
    return undefined;
  }

  /**
   * Creates `name` (absent) with `mode` (type bits included: regular, directory, device, FIFO,
   * socket) owned by host IDs uid/gid. Errors: EPERM (unsupported), ENOSPC, EMLINK.
   */
  create(_name: string, _mode: number, _rdev: number, _uid: number, _gid: number, _ctx: SyscallContext): SysResult<Inode> {
    return fail(Errno.EPERM);
  }

  /** Creates symlink `name` → `target`. */
  symlink(_name: string, _target: string, _uid: number, _gid: number, _ctx: SyscallContext): SysResult<Inode> {
    return fail(Errno.EPERM);
  }

  /** Adds hard link `name` to `inode` (same superblock, not a directory). */
  link(_name: string, _inode: Inode, _ctx: SyscallContext): SysResult<void> {
    return fail(Errno.EPERM);
  }

  /** Removes non-directory entry `name` whose inode is `child`. */
  unlink(_name: string, _child: Inode, _ctx: SyscallContext): SysResult<void> {
    return fail(Errno.EPERM);
  }

  /** Removes empty directory `name` whose inode is `child`. */
  rmdir(_name: string, _child: Inode, _ctx: SyscallContext): SysResult<void> {
    return fail(Errno.EPERM);
  }

  /**
   * Moves entry `oldName` (inode `child`) to `newDir`/`newName`, replacing `replaced` if given
   * (already checked compatible: both directories and `replaced` empty, or both not).
   */
  rename(_oldName: string, _child: Inode, _newDir: Inode, _newName: string, _replaced: Inode | undefined, _ctx: SyscallContext): SysResult<void> {
    return fail(Errno.EPERM);
  }

  /** The entries (without `.` and `..`). */
  readdir(_ctx: SyscallContext): Iterable<DirEntry> {
    return [];
  }

  /** Does the directory have no entries besides `.` and `..`? */
  isEmptyDir(ctx: SyscallContext): boolean {
    for (const _ of this.readdir(ctx)) return false;
    return true;
  }

  // ---- file data ----

  /** Up to `count` bytes at `pos` (a copy the caller may keep). */
  readAt(_pos: number, _count: number): Uint8Array {
    return new Uint8Array(0);
  }

  /** Writes at `pos`; returns bytes written (may be short when space runs out). Errors: ENOSPC, EFBIG. */
  writeAt(_pos: number, _data: Uint8Array, _ctx: SyscallContext): SysResult<number> {
    return fail(Errno.EINVAL);
  }

  /** Sets the size (regular files). Errors: ENOSPC, EFBIG, EPERM. */
  truncate(_size: number, _ctx: SyscallContext): SysResult<void> {
    return fail(Errno.EINVAL);
  }

  /** The target of a symlink. Errors: EINVAL (not a symlink). */
  readlink(_ctx: SyscallContext): SysResult<string> {
    return fail(Errno.EINVAL);
  }

  /**
   * The operations of a new open file description (file.flags are set). Character devices
   * and FIFOs never get here (the VFS routes them by type). Default: regular files read and
   * write through readAt/writeAt, directories list through readdir.
   */
  open(_file: OpenFile, _ctx: SyscallContext): SysResult<FileOps> {
    if (this.isDir) return { ok: true, value: dirFileOps };
    if (this.isReg) return { ok: true, value: regularFileOps };
    return fail(Errno.ENXIO);
  }

  /** Changes attributes (chmod, chown, utimes); sets ctime. Filesystems may refuse (EPERM). */
  setattr(attrs: InodeAttrs, _ctx: SyscallContext): SysResult<void> {
    if (attrs.mode !== undefined) this.mode = (this.mode & S.IFMT) | (attrs.mode & 0o7777);
    if (attrs.uid !== undefined) this.uid = attrs.uid;
    if (attrs.gid !== undefined) this.gid = attrs.gid;
    if (attrs.atimeNs !== undefined) this.atimeNs = attrs.atimeNs;
    if (attrs.mtimeNs !== undefined) this.mtimeNs = attrs.mtimeNs;
    this.ctimeNs = this.sb.clock.nowNs();
    return OK;
  }

  /** fsync(2): make this file's data durable. */
  fsync(): SysResult<void> {
    return OK;
  }

  /** struct stat as seen from user namespace `userns`. */
  stat(userns: UserNamespace): Stat {
    const size = this.size;
    return {
      dev: this.sb.dev,
      ino: this.ino,
      mode: this.mode,
      nlink: this.nlink,
      uid: userns.parent ? userns.uidFromHost(this.uid) : this.uid,
      gid: userns.parent ? userns.gidFromHost(this.gid) : this.gid,
      rdev: this.rdev,
      size,
      blksize: 4096,
      blocks: Math.ceil(size / 4096) * 8,
      atime: timespec(this.atimeNs),
      mtime: timespec(this.mtimeNs),
      ctime: timespec(this.ctimeNs),
      birthtime: timespec(this.btimeNs),
    };
  }
}

/** ns since the epoch → Timespec. */
export function timespec(ns: number): Timespec {
  const sec = Math.floor(ns / 1e9);
  return { sec, nsec: Math.max(0, Math.min(999_999_999, Math.round(ns - sec * 1e9))) };
}

/** A bare inode with no operations: pipes, anonymous files, custom host streams. */
export class AnonInode extends Inode {}
