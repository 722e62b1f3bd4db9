// Copy-up: the first change to an entry that lives only in a lower layer recreates it in the
// upper layer (parents first), with its data and metadata. Regular files are built in the
// work directory and renamed into place, as Linux does, so a half-copied file is never visible.
import { Errno, S, fail, type SysResult } from '../../../abi/index.js';
import type { SyscallContext } from '../../syscall-table.js';
import type { Inode } from '../../vfs/inode.js';
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
    const w = dst.writeAt(pos, piece, ctx);
    if (!w.ok) return w;
    if (w.value < piece.length) return fail(Errno.ENOSPC);
  }
  return OK;
}

/** Makes the real upper copy of lower inode `low` called `name` in upper directory `dir`. */
function makeCopy(node: OverlayInode, low: Inode, dir: Inode, ctx: SyscallContext): SysResult<Inode> {
  const name = node.name;
  switch (low.mode & S.IFMT) {
    case S.IFDIR:
      return dir.create(name, low.mode, 0, low.uid, low.gid, ctx);
    case S.IFLNK: {
      const t = low.readlink(ctx);
      if (!t.ok) return t;
      return dir.symlink(name, t.value, low.uid, low.gid, ctx);
    }
    case S.IFREG: {
      const work = node.sb.layers.work;
      const tmp = `#${node.ino.toString(16)}`;
      const home = work ?? dir;
      const c = home.create(work ? tmp : name, low.mode, 0, low.uid, low.gid, ctx);
      if (!c.ok) return c;
      const d = copyData(low, c.value, ctx);
      if (!d.ok) {
        home.unlink(work ? tmp : name, c.value, ctx);
        return d;
      }
      if (work) {
        const m = work.rename(tmp, c.value, dir, name, undefined, ctx);
        if (!m.ok) {
          work.unlink(tmp, c.value, ctx);
          return m;
        }
      }
      return c;
    }
    default:
      return dir.create(name, low.mode, low.rdev, low.uid, low.gid, ctx);
  }
}

/**
 * Gives `node` (and its parents) an upper copy; no-op when it has one. Ownership, mode and
 * times are kept, and the parent's times are restored afterwards (copy-up is not a change the
 * user made). Errors: EROFS (no upper layer), ENOSPC, and the upper filesystem's errors.
 */
export function copyUp(node: OverlayInode, ctx: SyscallContext): SysResult<void> {
  if (node.upper !== undefined) return OK;
  const sb = node.sb;
  if (sb.upper === undefined) return fail(Errno.EROFS);
  const parent = node.parent;
  if (parent === null) return fail(Errno.EROFS);
  const p = copyUp(parent, ctx);
  if (!p.ok) return p;
  const dir = parent.upper!;
  const low = node.lower!;
  const savedAtime = dir.atimeNs, savedMtime = dir.mtimeNs;
  const c = makeCopy(node, low, dir, ctx);
  if (!c.ok) return c;
  const up = c.value;
  up.setattr({ mode: low.mode, atimeNs: low.atimeNs, mtimeNs: low.mtimeNs }, ctx);
  dir.setattr({ atimeNs: savedAtime, mtimeNs: savedMtime }, ctx);
  node.upper = up;
  if (!up.isDir) {
    copyUpOrigin.set(up, low);
    sb.byReal.set(up, node);
    for (const alias of node.aliases ?? []) {
      if (!copyUp(alias.parent, ctx).ok) continue;
      const adir = alias.parent.upper!;
      if (adir.lookup(alias.name, ctx) === undefined) adir.link(alias.name, up, ctx);
    }
    node.aliases = undefined;
  }
  node.sync();
  parent.sync();
  return OK;
}
