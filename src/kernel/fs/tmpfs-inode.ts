// Inodes of tmpfs: directories (a name → inode map), regular files (a growable byte buffer),
// symlinks and special files. A file's data is held in whole 4 KiB pages, counted twice as on
// Linux: against the superblock's size= limit (ENOSPC) and as memory, charged to the memory
// cgroup of the process that wrote it and to the machine (kernel.chargeFilePages: ENOMEM and the
// OOM killer). Pages live until the file's last link and last open file are gone.
import { Errno, S, dtFromMode, type SysResult } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import { Inode, type DirEntry } from '../vfs/inode.js';
import type { FileOps, OpenFile } from '../vfs/open-file.js';
import { regularFileOps } from '../vfs/regular-file-ops.js';
import { pageBytes, type PageCharge } from '../memory.js';
import type { TmpfsSuperBlock } from './tmpfs.js';

const EMPTY = new Uint8Array(0);
const OK: SysResult<void> = { ok: true, value: undefined };
/** Largest file size (EFBIG beyond), like a 16 TiB s_maxbytes. */
export const TMPFS_MAX_FILE = 2 ** 44;
/** Linux tmpfs reports directory sizes as 20 bytes per entry (BOGO_DIRENT_SIZE). */
const BOGO_DIRENT_SIZE = 20;
/** A buffer this much larger than its content is reallocated when the file shrinks. */
const SLACK = 64 * 1024;

/** Regular files: read and write through the inode; the last close may free a deleted file. */
const tmpfsFileOps: FileOps = {
  ...regularFileOps,
  release(file) {
    (file.inode as TmpfsInode).closed();
  },
};

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
  /**
   * Who paid for the file's pages, oldest first (a file written from several cgroups keeps
   * each part where it was charged, as Linux charges each page to the memcg that added it).
   * Shrinking gives back the newest first: the pages at the end of the file were added last.
   */
  private readonly paid: PageCharge[] = [];
  /** Open file descriptions on the file (an unlinked file keeps its pages until the last close). */
  private opens = 0;

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

  /**
   * Writes at `pos`. Growing the file charges its new pages; the write is short when only part
   * could be had. Errors: EFBIG, ENOSPC (size= limit), ENOMEM (memory.max or the machine's
   * memory, after the OOM killer; the writer may be its victim).
   */
  override writeAt(pos: number, data: Uint8Array, ctx: SyscallContext): SysResult<number> {
    let end = pos + data.length;
    if (end > TMPFS_MAX_FILE) return { ok: false, errno: Errno.EFBIG };
    if (end > this.length) {
      const max = this.sb.maxEnd(this.length);
      if (end > max) {
        end = Math.max(pos, max);
        if (end === pos) return { ok: false, errno: Errno.ENOSPC };
      }
      const old = this.length;
      const g = this.grow(end, ctx);
      if (!g.ok) return g;
      if (this.length <= pos) {
        // Not even the first page of the write could be had: leave the file as it was.
        this.shrinkTo(old);
        return { ok: false, errno: Errno.ENOMEM };
      }
      end = Math.min(end, this.length);
    }
    const n = end - pos;
    this.data.set(n === data.length ? data : data.subarray(0, n), pos);
    this.touch();
    return { ok: true, value: n };
  }

  /** Sets the size; growing charges pages like a write, all or nothing. Errors: EFBIG, ENOSPC, ENOMEM. */
  override truncate(size: number, ctx: SyscallContext): SysResult<void> {
    if (size > TMPFS_MAX_FILE) return { ok: false, errno: Errno.EFBIG };
    if (size > this.length) {
      if (size > this.sb.maxEnd(this.length)) return { ok: false, errno: Errno.ENOSPC };
      const old = this.length;
      const g = this.grow(size, ctx);
      if (!g.ok) return g;
      if (this.length < size) {
        this.shrinkTo(old);
        return { ok: false, errno: Errno.ENOMEM };
      }
    } else {
      this.shrinkTo(size);
    }
    this.touch();
    return OK;
  }

  override readlink(): SysResult<string> {
    return this.isSymlink ? { ok: true, value: this.target } : { ok: false, errno: Errno.EINVAL };
  }

  /**
   * Initial content for files made by the kernel (no process wrote it: counted against size=
   * but charged to no memory cgroup).
   */
  setContent(data: Uint8Array): void {
    this.shrinkTo(0);
    this.data = data.slice();
    this.sb.charge(0, data.length);
    this.length = data.length;
  }

  /** An open file description of this file is released (its last fd closed). */
  closed(): void {
    this.opens--;
    if (this.opens === 0 && this.nlink === 0) this.shrinkTo(0);
  }

  /** Keeps an unlinked file's pages while a file opened on top of it (overlay) is open. */
  hold(): () => void {
    this.opens++;
    let held = true;
    return () => {
      if (held) this.closed();
      held = false;
    };
  }

  override open(file: OpenFile, ctx: SyscallContext): SysResult<FileOps> {
    if (!this.isReg) return super.open(file, ctx);
    this.opens++;
    return { ok: true, value: tmpfsFileOps };
  }

  private dropLink(): void {
    this.nlink--;
    if (this.nlink === 0 && this.opens === 0) this.shrinkTo(0);
  }

  /**
   * Grows the file towards `end` (zero-filled), charging its new pages to the writer. Returns
   * the new length: `end`, or less when only part of the pages could be charged.
   */
  private grow(end: number, ctx: SyscallContext): SysResult<number> {
    const need = pageBytes(end) - pageBytes(this.length);
    if (need > 0) {
      const c = ctx.kernel.chargeFilePages(ctx.proc, need);
      if (!c.ok) return c;
      this.pay(c.value);
      if (c.value.bytes < need) end = pageBytes(this.length) + c.value.bytes;
    }
    this.sb.charge(this.length, end);
    this.ensureCapacity(end);
    this.length = end;
    return { ok: true, value: end };
  }

  /** Cuts the file to `size` bytes, giving back the pages past it (size 0 frees the buffer). */
  private shrinkTo(size: number): void {
    if (size >= this.length) return;
    this.unpay(pageBytes(this.length) - pageBytes(size));
    this.sb.charge(this.length, size);
    if (size === 0) this.data = EMPTY;
    else if (this.data.length > 2 * size + SLACK) this.data = this.data.slice(0, size);
    else this.data.fill(0, size, this.length);
    this.length = size;
  }

  private pay(charge: PageCharge): void {
    if (charge.bytes <= 0) return;
    const last = this.paid[this.paid.length - 1];
    if (last?.owner === charge.owner) last.bytes += charge.bytes;
    else this.paid.push({ owner: charge.owner, bytes: charge.bytes });
  }

  /** Gives back `bytes` of the newest charges (pages the kernel made are not charged to anyone). */
  private unpay(bytes: number): void {
    while (bytes > 0 && this.paid.length > 0) {
      const last = this.paid[this.paid.length - 1];
      const n = Math.min(bytes, last.bytes);
      last.owner.uncharge(n);
      last.bytes -= n;
      bytes -= n;
      if (last.bytes === 0) this.paid.pop();
    }
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
