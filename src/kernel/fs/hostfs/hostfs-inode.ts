// Inodes of hostfs: each names one host file by its path from the mount's root, and asks the
// HostDirectory for everything (lstat on every walk: the host may change the tree behind the
// machine's back). Open regular files hold a host handle, so an unlinked file stays readable.
// Ownership and modes the host cannot hold live in HostMeta (hostfs-meta.ts).
import { Errno, S, dtFromMode, type SysResult } from '../../../abi/index.js';
import { Inode, type DirEntry, type InodeAttrs } from '../../vfs/inode.js';
import type { FileOps, OpenFile } from '../../vfs/open-file.js';
import type { HostStat } from './host-directory.js';
import type { HostfsSuperBlock } from './hostfs-super.js';

const OK: SysResult<void> = { ok: true, value: undefined };
const fail = (errno: number): SysResult<never> => ({ ok: false, errno });

/** The host file's identity as a map key. */
export const hostKey = (h: HostStat): string => `${h.dev}:${h.ino}`;

/** `dir/name` of relative host paths ('' is the root). */
export const childPath = (dir: string, name: string): string => (dir === '' ? name : `${dir}/${name}`);

const isSpecial = (mode: number): boolean => {
  const t = mode & S.IFMT;
  return t !== S.IFREG && t !== S.IFDIR && t !== S.IFLNK;
};

/**
 * The mode a file gets on the host for machine mode `mode`: permission bits without set-id and
 * sticky, plus owner access (the daemon must be able to read what a container locked away).
 */
export function hostModeFor(mode: number): number {
  return (mode & 0o777) | ((mode & S.IFMT) === S.IFDIR ? 0o700 : 0o600);
}

/** Regular files: I/O through the open file's host handle. */
const hostfsFileOps: FileOps = {
  read(file, _ctx, count, pos) {
    return (file.inode as HostfsInode).dir.pread(file.private as number, pos, count);
  },
  write(file, _ctx, data, pos) {
    return (file.inode as HostfsInode).dir.pwrite(file.private as number, pos, data);
  },
  release(file) {
    (file.inode as HostfsInode).closed(file.private as number);
  },
};

/** One host file as an inode. */
export class HostfsInode extends Inode {
  declare readonly sb: HostfsSuperBlock;
  private hostSize = 0;
  /** Host handles of the open file descriptions on this file. */
  private readonly handles = new Set<number>();

  constructor(sb: HostfsSuperBlock, public path: string, h: HostStat, readonly key = hostKey(h)) {
    super(sb, Number(h.ino), h.mode, 0, 0);
    this.apply(h);
  }

  get dir() {
    return this.sb.dir;
  }

  /** Takes the host's attributes, with HostMeta's overrides. */
  apply(h: HostStat): void {
    const rec = this.sb.meta.get(this.key);
    this.mode = rec?.mode !== undefined && rec.hostMode === h.mode ? rec.mode : h.mode;
    this.rdev = rec?.mode !== undefined && rec.hostMode === h.mode ? rec.rdev ?? 0 : 0;
    this.uid = rec?.uid ?? 0;
    this.gid = rec?.gid ?? 0;
    this.nlink = h.nlink;
    this.hostSize = h.size;
    this.atimeNs = h.atimeNs;
    this.mtimeNs = h.mtimeNs;
    this.ctimeNs = h.ctimeNs;
    this.btimeNs = h.btimeNs || h.ctimeNs;
  }

  /** Re-reads the host's attributes (through an open handle if any: the path may be gone). */
  refresh(): SysResult<HostStat> {
    const handle = this.handles.values().next();
    const h = handle.done ? this.dir.lstat(this.path) : this.dir.fstat(handle.value);
    if (h.ok) this.apply(h.value);
    return h;
  }

  override get size(): number {
    this.refresh();
    return this.hostSize;
  }

  /** The cached inode for host file `path`, made or updated from a fresh lstat. */
  private inodeAt(path: string): SysResult<HostfsInode> {
    const h = this.dir.lstat(path);
    if (!h.ok) return h;
    return { ok: true, value: this.sb.inodeFor(path, h.value) };
  }

  override lookup(name: string): Inode | undefined {
    const r = this.inodeAt(childPath(this.path, name));
    return r.ok ? r.value : undefined;
  }

  override create(name: string, mode: number, rdev: number, uid: number, gid: number): SysResult<Inode> {
    const path = childPath(this.path, name);
    const made = (mode & S.IFMT) === S.IFDIR ? this.dir.mkdir(path, hostModeFor(mode)) : this.dir.createFile(path, hostModeFor(mode));
    if (!made.ok) return made;
    return this.made(path, mode, uid, gid, rdev);
  }

  /** Records the owner (and a mode the host copy does not show) of a file just made. */
  private made(path: string, mode: number, uid: number, gid: number, rdev = 0): SysResult<Inode> {
    const h = this.dir.lstat(path);
    if (!h.ok) return h;
    const differs = (mode & S.IFMT) !== S.IFLNK && h.value.mode !== mode;
    this.sb.meta.set(hostKey(h.value), {
      uid, gid, mode: differs ? mode : undefined, hostMode: differs ? h.value.mode : undefined, rdev: isSpecial(mode) ? rdev : undefined,
    });
    this.refresh();
    return { ok: true, value: this.sb.inodeFor(path, h.value) };
  }

  override symlink(name: string, target: string, uid: number, gid: number): SysResult<Inode> {
    const path = childPath(this.path, name);
    const r = this.dir.symlink(target, path);
    if (!r.ok) return r;
    return this.made(path, S.IFLNK | 0o777, uid, gid);
  }

  override link(name: string, inode: Inode): SysResult<void> {
    const r = this.dir.link((inode as HostfsInode).path, childPath(this.path, name));
    if (!r.ok) return r;
    (inode as HostfsInode).refresh();
    this.refresh();
    return OK;
  }

  override unlink(name: string, child: Inode): SysResult<void> {
    const c = child as HostfsInode;
    const path = childPath(this.path, name);
    const r = this.dir.unlink(path);
    if (!r.ok) return r;
    if (c.path === path && c.handles.size === 0) c.nlink--;
    else if (!c.refresh().ok) c.nlink--;
    c.dropIfGone();
    this.refresh();
    return OK;
  }

  override rmdir(name: string, child: Inode): SysResult<void> {
    const r = this.dir.rmdir(childPath(this.path, name));
    if (!r.ok) return r;
    child.nlink = 0;
    (child as HostfsInode).dropIfGone();
    this.refresh();
    return OK;
  }

  override rename(oldName: string, child: Inode, newDir: Inode, newName: string, replaced: Inode | undefined): SysResult<void> {
    const from = childPath(this.path, oldName);
    const to = childPath((newDir as HostfsInode).path, newName);
    const r = this.dir.rename(from, to);
    if (!r.ok) return r;
    if (replaced) {
      const rep = replaced as HostfsInode;
      if (rep.isDir || !rep.refresh().ok || rep.path === to) rep.nlink = rep.isDir ? 0 : rep.nlink - 1;
      rep.dropIfGone();
    }
    this.sb.moved(child as HostfsInode, to);
    this.refresh();
    (newDir as HostfsInode).refresh();
    return OK;
  }

  override *readdir(): Iterable<DirEntry> {
    const names = this.dir.readdir(this.path);
    if (!names.ok) return;
    for (const name of names.value) {
      const c = this.inodeAt(childPath(this.path, name));
      if (c.ok) yield { name, ino: c.value.ino, type: dtFromMode(c.value.mode) };
    }
  }

  override isEmptyDir(): boolean {
    const names = this.dir.readdir(this.path);
    return names.ok && names.value.length === 0;
  }

  /** Runs `fn` with a host handle on the file: an open one, or one opened for the call. */
  private withHandle<T>(writable: boolean, fn: (handle: number) => SysResult<T>): SysResult<T> {
    if (!writable) for (const h of this.handles) return fn(h);
    const h = this.dir.open(this.path, writable);
    if (!h.ok) return h;
    try {
      return fn(h.value);
    } finally {
      this.dir.close(h.value);
    }
  }

  override readAt(pos: number, count: number): Uint8Array {
    const r = this.withHandle(false, (h) => this.dir.pread(h, pos, count));
    return r.ok ? r.value : new Uint8Array(0);
  }

  override writeAt(pos: number, data: Uint8Array): SysResult<number> {
    return this.withHandle(true, (h) => this.dir.pwrite(h, pos, data));
  }

  override truncate(size: number): SysResult<void> {
    return this.withHandle(true, (h) => this.dir.ftruncate(h, size));
  }

  override readlink(): SysResult<string> {
    return this.isSymlink ? this.dir.readlink(this.path) : fail(Errno.EINVAL);
  }

  override open(file: OpenFile, ctx: Parameters<Inode['open']>[1]): SysResult<FileOps> {
    if (!this.isReg) return super.open(file, ctx);
    const h = this.dir.open(this.path, file.writable);
    if (!h.ok) return h;
    file.private = h.value;
    this.handles.add(h.value);
    return { ok: true, value: hostfsFileOps };
  }

  /** An open file description's handle is released. */
  closed(handle: number): void {
    this.handles.delete(handle);
    this.dir.close(handle);
    this.dropIfGone();
  }

  /** Forgets the file once it has no links and no open handles. */
  dropIfGone(): void {
    if (this.nlink > 0 || this.handles.size > 0) return;
    this.sb.forget(this);
  }

  override setattr(attrs: InodeAttrs): SysResult<void> {
    const h = this.refresh();
    if (!h.ok) return h;
    const rec = { uid: attrs.uid ?? this.uid, gid: attrs.gid ?? this.gid, mode: undefined as number | undefined, hostMode: undefined as number | undefined, rdev: this.rdev || undefined };
    let mode = this.mode;
    let hostMode = h.value.mode;
    if (attrs.mode !== undefined && !this.isSymlink) {
      mode = (this.mode & S.IFMT) | (attrs.mode & 0o7777);
      const want = (h.value.mode & S.IFMT) | hostModeFor(mode);
      const c = this.dir.chmod(this.path, want & 0o7777);
      if (!c.ok) return c;
      hostMode = want;
    }
    if (mode !== hostMode) {
      rec.mode = mode;
      rec.hostMode = hostMode;
    }
    if (attrs.atimeNs !== undefined || attrs.mtimeNs !== undefined) {
      const t = this.dir.utimes(this.path, attrs.atimeNs ?? this.atimeNs, attrs.mtimeNs ?? this.mtimeNs);
      if (!t.ok) return t;
    }
    this.sb.meta.set(this.key, rec);
    this.refresh();
    return OK;
  }

  override fsync(): SysResult<void> {
    for (const h of this.handles) return this.dir.fsync(h);
    return OK;
  }
}
