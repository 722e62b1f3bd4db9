// Inodes of tmpfs: directories (a name → inode map), regular files (a growable byte buffer),
// symlinks and special files. Space is charged to the superblock in 4 KiB pages.
import { Errno, S, dtFromMode, type SysResult } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import { Inode, type DirEntry } from '../vfs/inode.js';
import type { TmpfsSuperBlock } from './tmpfs.js';

const EMPTY = new Uint8Array(0);
const OK: SysResult<void> = { ok: true, value: undefined };
/** Largest file size (EFBIG beyond), like a 16 TiB s_maxbytes. */
export const TMPFS_MAX_FILE = 2 ** 44;
/** Linux tmpfs reports directory sizes as 20 bytes per entry (BOGO_DIRENT_SIZE). */
const BOGO_DIRENT_SIZE = 20;

/** One tmpfs inode; which fields are used depends on the file type. */
export class TmpfsInode extends Inode {
  declare readonly sb: TmpfsSuperBlock;
  /** Directory entries (directories only). */
  entries: Map<string, TmpfsInode> | undefined;
  /** File bytes; only the first `length` are content (regular files only). */
  private data: Uint8Array = EMPTY;
  private length = 0;
  /** Symlink target. */
  private target = '';

  constructor(sb: TmpfsSuperBlock, mode: number, uid: number, gid: number) {
    super(sb, sb.allocIno(), mode, uid, gid);
    if ((mode & S.IFMT) === S.IFDIR) {
      this.entries = new Map();
      this.nlink = 2;
    }
  }

  override get size(): number {
    if (this.entries) return (this.entries.size + 2) * BOGO_DIRENT_SIZE;
    if (this.isSymlink) return new TextEncoder().encode(this.target).length;
    return this.length;
  }

  override lookup(name: string): Inode | undefined {
    return this.entries?.get(name);
  }

  override create(name: string, mode: number, rdev: number, uid: number, gid: number): SysResult<Inode> {
    const child = new TmpfsInode(this.sb, mode, uid, gid);
    const type = mode & S.IFMT;
    if (type === S.IFCHR || type === S.IFBLK) child.rdev = rdev;
    if (child.entries) this.nlink++;
    this.entries!.set(name, child);
    this.touch();
    return { ok: true, value: child };
  }

  override symlink(name: string, target: string, uid: number, gid: number): SysResult<Inode> {
    const child = new TmpfsInode(this.sb, S.IFLNK | 0o777, uid, gid);
    child.target = target;
    this.entries!.set(name, child);
    this.touch();
    return { ok: true, value: child };
  }

  override link(name: string, inode: Inode): SysResult<void> {
    this.entries!.set(name, inode as TmpfsInode);
    inode.nlink++;
    inode.ctimeNs = this.sb.clock.nowNs();
    this.touch();
    return OK;
  }

  override unlink(name: string, child: Inode): SysResult<void> {
    this.entries!.delete(name);
    (child as TmpfsInode).dropLink();
    this.touch();
    return OK;
  }

  override rmdir(name: string, child: Inode): SysResult<void> {
    this.entries!.delete(name);
    child.nlink = 0;
    this.nlink--;
    this.touch();
    return OK;
  }

  override rename(oldName: string, child: Inode, newDir: Inode, newName: string, replaced: Inode | undefined): SysResult<void> {
    const nd = newDir as TmpfsInode;
    if (replaced) {
      if (replaced.isDir) {
        replaced.nlink = 0;
        nd.nlink--;
      } else {
        (replaced as TmpfsInode).dropLink();
      }
    }
    this.entries!.delete(oldName);
    nd.entries!.set(newName, child as TmpfsInode);
    if (child.isDir && nd !== this) {
      this.nlink--;
      nd.nlink++;
    }
    this.touch();
    if (nd !== this) nd.touch();
    child.ctimeNs = this.sb.clock.nowNs();
    return OK;
  }

  override *readdir(): Iterable<DirEntry> {
    for (const [name, inode] of this.entries ?? []) yield { name, ino: inode.ino, type: dtFromMode(inode.mode) };
  }

  override isEmptyDir(): boolean {
    return this.entries!.size === 0;
  }

  override readAt(pos: number, count: number): Uint8Array {
    if (pos >= this.length || count <= 0) return EMPTY;
    const end = Math.min(this.length, pos + count);
    return this.data.slice(pos, end);
  }

  override writeAt(pos: number, data: Uint8Array, _ctx: SyscallContext): SysResult<number> {
    let end = pos + data.length;
    if (end > TMPFS_MAX_FILE) return { ok: false, errno: Errno.EFBIG };
    let n = data.length;
    if (end > this.length) {
      const max = this.sb.maxEnd(this.length);
      if (end > max) {
        n = Math.max(0, max - pos);
        if (n === 0) return { ok: false, errno: Errno.ENOSPC };
        end = pos + n;
      }
      this.sb.charge(this.length, end, this.nlink > 0);
      this.ensureCapacity(end);
      this.length = end;
    }
    this.data.set(n === data.length ? data : data.subarray(0, n), pos);
    this.touch();
    return { ok: true, value: n };
  }

  override truncate(size: number): SysResult<void> {
    if (size > TMPFS_MAX_FILE) return { ok: false, errno: Errno.EFBIG };
    if (size > this.length) {
      if (size > this.sb.maxEnd(this.length)) return { ok: false, errno: Errno.ENOSPC };
      this.ensureCapacity(size);
    } else {
      this.data.fill(0, size, this.length);
    }
    this.sb.charge(this.length, size, this.nlink > 0);
    this.length = size;
    this.touch();
    return OK;
  }

  override readlink(): SysResult<string> {
    return this.isSymlink ? { ok: true, value: this.target } : { ok: false, errno: Errno.EINVAL };
  }

  /** Initial content for files made by the kernel (devtmpfs, image layers). */
  setContent(data: Uint8Array): void {
    this.data = data.slice();
    this.sb.charge(this.length, data.length, true);
    this.length = data.length;
  }

  private dropLink(): void {
    this.nlink--;
    if (this.nlink === 0 && this.length > 0) this.sb.charge(this.length, 0, true);
  }

  private ensureCapacity(size: number): void {
    if (size <= this.data.length) return;
    let cap = Math.max(64, this.data.length * 2);
    while (cap < size) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}
