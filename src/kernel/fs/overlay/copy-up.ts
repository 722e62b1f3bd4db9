// Copy-up: the first change to an entry that lives only in a lower layer recreates it in the
// upper layer (parents first), with its data and metadata. Regular files are built in the
// work directory and renamed into place, as Linux does, so a half-copied file is never visible.
import { Errno, S, fail, type SysResult } from '../../../abi/index.js';
import type { SyscallContext } from '../../syscall-table.js';
import type { Inode } from '../../vfs/inode.js';
import type { Dentry } from '../../vfs/dentry.js';
import { upCreate, upLink, upRemove, upRename, upSymlink } from './upper-ops.js';
import type { OverlayInode } from './overlay-inode.js';
import { copyUpOrigin } from './overlay-super.js';

const OK: SysResult<void> = { ok: true, value: undefined };
/** Copy data in pieces of this size (the real memory of one copy stays bounded). */
const CHUNK = 1 << 20;

/** Copies `src`'s bytes into the empty regular file `dst`. */
function copyData(src: Inode, dst: Inode, ctx: SyscallContext): SysResult<void> {
  const size = src.size;
  for (let pos = 0; pos < size; pos += CHUNK) {
    const piece = src.readAt(pos, Math.min(CHUNK, size - pos));
    if (piece.length === 0) break;
    for (let done = 0; done < piece.length;) {
      // A short write (the size= limit, memory) is retried for the rest, which then fails with why.
      const w = dst.writeAt(pos + done, piece.subarray(done), ctx);
      if (!w.ok) return w;
      if (w.value === 0) return fail(Errno.ENOSPC);
      done += w.value;
    }
  }
  return OK;
}

/** Makes the real upper copy of lower inode `low` called `node.name` in upper directory `dir`. */
function makeCopy(node: OverlayInode, low: Inode, dir: Dentry, ctx: SyscallContext): SysResult<Dentry> {
  const name = node.name;
  switch (low.mode & S.IFMT) {
    case S.IFDIR:
      return upCreate(dir, name, low.mode, 0, low.uid, low.gid, ctx);
    case S.IFLNK: {
      const t = low.readlink(ctx);
      if (!t.ok) return t;
      return upSymlink(dir, name, t.value, low.uid, low.gid, ctx);
    }
    case S.IFREG: {
      const work = node.sb.layers.work;
      const tmp = `#${node.ino.toString(16)}`;
      const home = work ?? dir;
      const homeName = work ? tmp : name;
      const c = upCreate(home, homeName, low.mode, 0, low.uid, low.gid, ctx);
      if (!c.ok) return c;
      const d = copyData(low, c.value.inode, ctx);
      if (!d.ok) {
        upRemove(home, homeName, ctx);
        return d;
      }
      if (!work) return c;
      const m = upRename(work, tmp, dir, name, ctx);
      if (!m.ok) upRemove(work, tmp, ctx);
      return m;
    }
    default:
      return upCreate(dir, name, low.mode, low.rdev, low.uid, low.gid, ctx);
  }
}

/**
 * Gives `node` (and its parents) an upper copy; no-op when it has one. Ownership, mode and
 * times are kept, and the parent's times are restored afterwards (copy-up is not a change the
 * user made). Errors: EROFS (no upper layer), ENOSPC, and the upper filesystem's errors.
 */
export function copyUp(node: OverlayInode, ctx: SyscallContext): SysResult<void> {
  if (node.up !== undefined) return OK;
  const sb = node.sb;
  if (sb.upper === undefined) return fail(Errno.EROFS);
  const parent = node.parent;
  if (parent === null) return fail(Errno.EROFS);
  const p = copyUp(parent, ctx);
  if (!p.ok) return p;
  const dir = parent.up!;
  const low = node.lower!;
  const savedAtime = dir.inode.atimeNs, savedMtime = dir.inode.mtimeNs;
  const c = makeCopy(node, low, dir, ctx);
  if (!c.ok) return c;
  const up = c.value.inode;
  up.setattr({ mode: low.mode, atimeNs: low.atimeNs, mtimeNs: low.mtimeNs }, ctx);
  dir.inode.setattr({ atimeNs: savedAtime, mtimeNs: savedMtime }, ctx);
  node.up = c.value;
  if (!up.isDir) {
    copyUpOrigin.set(up, low);
    sb.byReal.set(up, node);
    for (const alias of node.aliases ?? []) {
      if (!copyUp(alias.parent, ctx).ok) continue;
      if (alias.parent.upper!.lookup(alias.name, ctx) === undefined) upLink(alias.parent.up!, alias.name, up, ctx);
    }
    node.aliases = undefined;
  }
  node.sync();
  parent.sync();
  return OK;
}
