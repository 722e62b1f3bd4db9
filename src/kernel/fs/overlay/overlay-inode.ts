// The inode of the merged view: it shows a real upper inode, or the topmost real lower one
// until the first change copies it up (copy-up.ts), keeping its identity and number. Its
// metadata fields mirror the real inode it shows (the VFS reads them for permission checks).
import { DT, Errno, dtFromMode, fail, type SysResult } from '../../../abi/index.js';
import type { SyscallContext } from '../../syscall-table.js';
import { Inode, type DirEntry, type InodeAttrs } from '../../vfs/inode.js';
import type { FileOps, OpenFile } from '../../vfs/open-file.js';
import { lookupChild, type Dentry } from '../../vfs/dentry.js';
import type { LowerDir, LowerEntry } from './lower-stack.js';
import type { OverlaySuperBlock } from './overlay-super.js';
import { copyUp } from './copy-up.js';
import { OPAQUE_MARKER, isOpaqueDir, isWhiteout, makeWhiteout, markOpaque, purgeWhiteouts } from './whiteout.js';
import { upLink, upRemove, upRename, upSymlink, upCreate } from './upper-ops.js';
import { regularFileOps } from '../../vfs/regular-file-ops.js';
import { TmpfsInode } from '../tmpfs-inode.js';

/** The release of the real upper file each open overlay file holds. */
const heldUpper = new WeakMap<OpenFile, () => void>();

/** Regular files whose upper file is held while open (see OverlayInode.open). */
const overlayFileOps: FileOps = {
  ...regularFileOps,
  release(file) {
    heldUpper.get(file)?.();
    heldUpper.delete(file);
  },
};

const OK: SysResult<void> = { ok: true, value: undefined };

/** One file or directory of an overlay mount. */
export class OverlayInode extends Inode {
  declare readonly sb: OverlaySuperBlock;
  /**
   * The real upper entry, once the entry exists in the upper layer. A dentry, not just an
   * inode, so changes keep the upper filesystem's dentry cache right (upper-ops.ts).
   */
  up: Dentry | undefined;
  /** The topmost real lower inode (absent for entries made in upper, and opaque directories). */
  readonly lower: Inode | undefined;
  /** Directories: the merged lower directory below this one (absent when opaque or upper-only). */
  readonly lowerDir: LowerDir | undefined;
  /** The directory and name this inode was found by (copy-up recreates it there). */
  parent: OverlayInode | null;
  name: string;
  /** Other names of a lower hard-linked file, linked in upper when it is copied up. */
  aliases: { parent: OverlayInode; name: string }[] | undefined;
  /** Names of a lower-only file removed through this mount (its nlink as shown). */
  private lowerUnlinks = 0;

  constructor(sb: OverlaySuperBlock, ino: number, parent: OverlayInode | null, name: string, up: Dentry | undefined, low: LowerEntry | undefined) {
    const real = up?.inode ?? low!.inode;
    super(sb, ino, real.mode, real.uid, real.gid);
    this.parent = parent;
    this.name = name;
    this.up = up;
    this.lower = low?.inode;
    this.lowerDir = low?.dir;
    this.sync();
  }

  /** The real upper inode, if any. */
  get upper(): Inode | undefined {
    return this.up?.inode;
  }

  /** The real inode shown: upper if there is one, else the lower one. */
  get real(): Inode {
    return this.upper ?? this.lower!;
  }

  /** Copies the real inode's metadata into this inode's fields (after every change). */
  sync(): void {
    const r = this.real;
    this.mode = r.mode;
    this.uid = r.uid;
    this.gid = r.gid;
    this.nlink = this.upper ? r.nlink : Math.max(0, r.nlink - this.lowerUnlinks);
    // Like Linux, a merged directory reports 1 link: its subdirectory count is unknown (find(1) reads it so).
    const ld = this.lowerDir;
    if (ld !== undefined && this.nlink > 0 && (this.up !== undefined || ld.layers.length > 1)) this.nlink = 1;
    this.rdev = r.rdev;
    this.atimeNs = r.atimeNs;
    this.mtimeNs = r.mtimeNs;
    this.ctimeNs = r.ctimeNs;
    this.btimeNs = r.btimeNs;
  }

  override get size(): number {
    return this.real.size;
  }

  // ---- lookup and listing ----

  override lookup(name: string, ctx: SyscallContext): Inode | undefined {
    if (name === OPAQUE_MARKER) return undefined;
    const upDir = this.up;
    const up = upDir !== undefined ? lookupChild(upDir, name, ctx) : undefined;
    if (up !== undefined && isWhiteout(up.inode)) return undefined;
    let low: LowerEntry | undefined;
    if (this.lowerDir !== undefined && (up === undefined || up.inode.isDir)) {
      low = this.lowerDir.get(name, ctx);
      if (low !== undefined && up !== undefined && (low.dir === undefined || isOpaqueDir(up.inode, ctx))) low = undefined;
    }
    if (up === undefined && low === undefined) return undefined;
    return this.child(name, up, low, ctx);
  }

  /** The overlay inode for a merged entry (shared between the names of a hard-linked file). */
  private child(name: string, up: Dentry | undefined, low: LowerEntry | undefined, ctx: SyscallContext): OverlayInode {
    const sb = this.sb;
    const real = up?.inode ?? low!.inode;
    if (!real.isDir) {
      const known = sb.byReal.get(real) as OverlayInode | undefined;
      if (known !== undefined) {
        if (known.upper !== undefined && up === undefined) {
          // Another lower name of a file already copied up: link it in upper too.
          if (copyUp(this, ctx).ok && this.upper!.lookup(name, ctx) === undefined) upLink(this.up!, name, known.upper, ctx);
          known.sync();
        } else if (known.upper === undefined) {
          (known.aliases ??= []).push({ parent: this, name });
        }
        return known;
      }
    }
    const node = new OverlayInode(sb, sb.inoOf(sb.originOf(up?.inode, low, ctx)), this, name, up, low);
    if (!real.isDir) sb.byReal.set(real, node);
    return node;
  }

  override *readdir(ctx: SyscallContext): Iterable<DirEntry> {
    const up = this.upper;
    const low = this.lowerDir;
    const seen = low !== undefined && up !== undefined ? new Set<string>() : undefined;
    if (up !== undefined) {
      for (const e of up.readdir(ctx)) {
        if (e.name === OPAQUE_MARKER) continue;
        seen?.add(e.name);
        const real = up.lookup(e.name, ctx);
        if (real === undefined || isWhiteout(real)) continue;
        const le = real.isDir && low !== undefined ? low.get(e.name, ctx) : undefined;
        yield { name: e.name, ino: this.sb.inoOf(this.sb.originOf(real, le, ctx)), type: e.type };
      }
    }
    if (low !== undefined) {
      for (const [name, le] of low.entries(ctx)) {
        if (seen?.has(name)) continue;
        yield { name, ino: this.sb.inoOf(le.inode), type: dtFromMode(le.inode.mode) };
      }
    }
  }

  override isEmptyDir(ctx: SyscallContext): boolean {
    const up = this.upper;
    if (up !== undefined) {
      for (const e of up.readdir(ctx)) {
        if (e.name === OPAQUE_MARKER) continue;
        if (e.type === DT.CHR && isWhiteout(up.lookup(e.name, ctx)!)) continue;
        return false;
      }
    }
    if (this.lowerDir !== undefined) {
      for (const name of this.lowerDir.entries(ctx).keys()) if (up === undefined || up.lookup(name, ctx) === undefined) return false;
    }
    return true;
  }

  // ---- directory changes (all in upper) ----

  /** Is there a lower entry at `name` under this directory (then removing it needs a whiteout)? */
  private lowerHas(name: string, ctx: SyscallContext): boolean {
    return this.lowerDir !== undefined && this.lowerDir.get(name, ctx) !== undefined;
  }

  /** Copies this directory up and removes a whiteout at `name`; returns whether there was one. */
  private prepareCreate(name: string, ctx: SyscallContext): SysResult<boolean> {
    if (name === OPAQUE_MARKER) return fail(Errno.EINVAL);
    const r = copyUp(this, ctx);
    if (!r.ok) return r;
    if (this.upper!.lookup(name, ctx) === undefined) return { ok: true, value: false };
    const u = upRemove(this.up!, name, ctx);
    return u.ok ? { ok: true, value: true } : u;
  }

  private adopt(name: string, d: Dentry): OverlayInode {
    const real = d.inode;
    const node = new OverlayInode(this.sb, this.sb.inoOf(real), this, name, d, undefined);
    if (!real.isDir) this.sb.byReal.set(real, node);
    this.sync();
    return node;
  }

  override create(name: string, mode: number, rdev: number, uid: number, gid: number, ctx: SyscallContext): SysResult<Inode> {
    const p = this.prepareCreate(name, ctx);
    if (!p.ok) return p;
    const r = upCreate(this.up!, name, mode, rdev, uid, gid, ctx);
    if (!r.ok) return r;
    if (r.value.inode.isDir && p.value) {
      // Made where a lower entry was deleted: hide what the layers below have there.
      const o = markOpaque(r.value, ctx);
      if (!o.ok) return o;
    }
    return { ok: true, value: this.adopt(name, r.value) };
  }

  override symlink(name: string, target: string, uid: number, gid: number, ctx: SyscallContext): SysResult<Inode> {
    const p = this.prepareCreate(name, ctx);
    if (!p.ok) return p;
    const r = upSymlink(this.up!, name, target, uid, gid, ctx);
    return r.ok ? { ok: true, value: this.adopt(name, r.value) } : r;
  }

  override link(name: string, inode: Inode, ctx: SyscallContext): SysResult<void> {
    const target = inode as OverlayInode;
    const c = copyUp(target, ctx);
    if (!c.ok) return c;
    const p = this.prepareCreate(name, ctx);
    if (!p.ok) return p;
    const r = upLink(this.up!, name, target.upper!, ctx);
    if (!r.ok) return r;
    target.sync();
    this.sync();
    return OK;
  }

  override unlink(name: string, child: Inode, ctx: SyscallContext): SysResult<void> {
    const node = child as OverlayInode;
    const r = copyUp(this, ctx);
    if (!r.ok) return r;
    const real = this.upper!.lookup(name, ctx);
    if (real !== undefined && !isWhiteout(real)) {
      const u = upRemove(this.up!, name, ctx);
      if (!u.ok) return u;
    } else if (node.upper === undefined) {
      node.lowerUnlinks++;
    }
    if (this.lowerHas(name, ctx)) {
      const w = makeWhiteout(this.up!, name, ctx);
      if (!w.ok) return w;
    }
    node.sync();
    this.sync();
    return OK;
  }

  override rmdir(name: string, child: Inode, ctx: SyscallContext): SysResult<void> {
    const node = child as OverlayInode;
    const r = copyUp(this, ctx);
    if (!r.ok) return r;
    if (node.up !== undefined) {
      purgeWhiteouts(node.up, ctx);
      const d = upRemove(this.up!, name, ctx);
      if (!d.ok) return d;
    }
    if (this.lowerHas(name, ctx)) {
      const w = makeWhiteout(this.up!, name, ctx);
      if (!w.ok) return w;
    }
    node.nlink = 0;
    this.sync();
    return OK;
  }

  /**
   * rename: the moved entry is copied up and renamed in upper; a whiteout is left where a
   * lower entry of the old name would show through. Directories that exist in a lower layer
   * are refused with EXDEV (no redirect_dir), so `mv` falls back to copy and delete.
   */
  override rename(oldName: string, child: Inode, newDir: Inode, newName: string, replaced: Inode | undefined, ctx: SyscallContext): SysResult<void> {
    const node = child as OverlayInode;
    const nd = newDir as OverlayInode;
    if (node.isDir && node.lower !== undefined) return fail(Errno.EXDEV);
    let r = copyUp(this, ctx);
    if (r.ok) r = copyUp(nd, ctx);
    if (r.ok) r = copyUp(node, ctx);
    if (!r.ok) return r;
    const over = lookupChild(nd.up!, newName, ctx);
    if (over !== undefined && over.inode.isDir) purgeWhiteouts(over, ctx);
    const lowerAtOld = this.lowerHas(oldName, ctx);
    const lowerAtNew = nd.lowerHas(newName, ctx);
    const m = upRename(this.up!, oldName, nd.up!, newName, ctx);
    if (!m.ok) return m;
    if (node.isDir && lowerAtNew) {
      const o = markOpaque(m.value, ctx);
      if (!o.ok) return o;
    }
    if (lowerAtOld) {
      const w = makeWhiteout(this.up!, oldName, ctx);
      if (!w.ok) return w;
    }
    node.parent = nd;
    node.name = newName;
    node.sync();
    if (replaced !== undefined) {
      const rep = replaced as OverlayInode;
      if (rep.isDir) rep.nlink = 0;
      else {
        if (rep.upper === undefined) rep.lowerUnlinks++;
        rep.sync();
      }
    }
    this.sync();
    nd.sync();
    return OK;
  }

  // ---- data and attributes ----

  override readAt(pos: number, count: number): Uint8Array {
    return this.real.readAt(pos, count);
  }

  override writeAt(pos: number, data: Uint8Array, ctx: SyscallContext): SysResult<number> {
    const c = copyUp(this, ctx);
    if (!c.ok) return c;
    const r = this.upper!.writeAt(pos, data, ctx);
    this.sync();
    return r;
  }

  override truncate(size: number, ctx: SyscallContext): SysResult<void> {
    const c = copyUp(this, ctx);
    if (!c.ok) return c;
    const r = this.upper!.truncate(size, ctx);
    this.sync();
    return r;
  }

  override readlink(ctx: SyscallContext): SysResult<string> {
    return this.real.readlink(ctx);
  }

  /**
   * Opening a regular file for writing copies it up first (Linux does the same at open). The
   * open file holds the real upper file, as Linux's overlay file holds its real file: unlinked
   * while open, its pages stay (and stay charged) until the last close.
   */
  override open(file: OpenFile, ctx: SyscallContext): SysResult<FileOps> {
    if (file.writable && this.isReg) {
      const c = copyUp(this, ctx);
      if (!c.ok) return c;
    }
    const real = this.upper;
    if (!this.isReg || !(real instanceof TmpfsInode)) return super.open(file, ctx);
    heldUpper.set(file, real.hold());
    return { ok: true, value: overlayFileOps };
  }

  override setattr(attrs: InodeAttrs, ctx: SyscallContext): SysResult<void> {
    const c = copyUp(this, ctx);
    if (!c.ok) return c;
    const r = this.upper!.setattr(attrs, ctx);
    this.sync();
    return r;
  }

  override fsync(): SysResult<void> {
    return this.real.fsync();
  }
}

