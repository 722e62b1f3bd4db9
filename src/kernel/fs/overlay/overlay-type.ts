// The `overlay` filesystem type: mount(2) with `lowerdir=A:B,upperdir=U,workdir=W` resolves
// the layer directories, checks them, and makes an OverlaySuperBlock over the shared lower stack.
import { AT_FDCWD, Errno, S, fail, type SysResult } from '../../../abi/index.js';
import type { SyscallContext } from '../../syscall-table.js';
import type { FileSystemType, MountRequest } from '../../vfs/fs-type-registry.js';
import type { Inode } from '../../vfs/inode.js';
import { lookupAt } from '../../vfs/namei.js';
import type { PathRef } from '../../vfs/mount.js';
import { lookupChild, type Dentry } from '../../vfs/dentry.js';
import { upCreate } from './upper-ops.js';
import { lowerStackFor } from './lower-stack.js';
import { OVERLAY_MAX_LOWER, parseOverlayOptions } from './overlay-options.js';
import { OverlaySuperBlock } from './overlay-super.js';
import { OverlayInode } from './overlay-inode.js';
import { isOpaqueDir } from './whiteout.js';

/** Resolves a layer path to a directory. Errors: ENOENT, ENOTDIR, EACCES, ELOOP. */
function layerDir(ctx: SyscallContext, path: string): SysResult<PathRef> {
  const r = lookupAt(ctx, AT_FDCWD, path, true);
  if (!r.ok) return r;
  return r.value.dentry.inode.isDir ? r : fail(Errno.ENOTDIR);
}

/** The `work` directory Linux keeps inside workdir (made if missing). */
function prepareWork(work: Dentry, ctx: SyscallContext): SysResult<Dentry> {
  const w = lookupChild(work, 'work', ctx);
  if (w !== undefined) return w.inode.isDir ? { ok: true, value: w } : fail(Errno.EINVAL);
  return upCreate(work, 'work', S.IFDIR, 0, 0, 0, ctx);
}

/**
 * Mounts an overlay. Errors: EINVAL (bad options, more than 125 lower layers, upper and work
 * on different filesystems or nested in each other, upper or work also a lower layer, a
 * boot-time mount without a caller), ENOENT/ENOTDIR/EACCES (layer paths), EROFS (upperdir on
 * a read-only mount).
 */
export function mountOverlay(req: MountRequest): SysResult<OverlaySuperBlock> {
  const ctx = req.ctx;
  if (ctx === undefined) return fail(Errno.EINVAL);
  const o = parseOverlayOptions(req.data);
  if (!o.ok) {
    ctx.kernel.log(`overlayfs: bad mount options '${req.data}' (need lowerdir=, and workdir= with upperdir=)`);
    return o;
  }
  const opts = o.value;
  if (opts.lowerdirs.length > OVERLAY_MAX_LOWER) {
    ctx.kernel.log(`overlayfs: too many lower directories (${opts.lowerdirs.length}), limit is ${OVERLAY_MAX_LOWER}`);
    return fail(Errno.EINVAL);
  }
  const roots: Inode[] = [];
  for (const p of opts.lowerdirs) {
    const r = layerDir(ctx, p);
    if (!r.ok) return r;
    roots.push(r.value.dentry.inode);
  }
  let upper: Dentry | undefined, work: Dentry | undefined;
  if (opts.upperdir !== undefined) {
    const u = layerDir(ctx, opts.upperdir);
    if (!u.ok) return u;
    const w = layerDir(ctx, opts.workdir!);
    if (!w.ok) return w;
    if (u.value.mnt.readonly) return fail(Errno.EROFS);
    const ud = u.value.dentry, wd = w.value.dentry;
    if (ud.inode.sb !== wd.inode.sb) {
      ctx.kernel.log('overlayfs: workdir and upperdir must reside under the same mount');
      return fail(Errno.EINVAL);
    }
    if (ud.isAncestorOf(wd) || wd.isAncestorOf(ud)) {
      ctx.kernel.log('overlayfs: workdir and upperdir must be separate subtrees');
      return fail(Errno.EINVAL);
    }
    if (roots.includes(ud.inode) || roots.includes(wd.inode)) {
      ctx.kernel.log('overlayfs: upperdir or workdir is also a lower directory');
      return fail(Errno.EINVAL);
    }
    upper = ud;
    const pw = prepareWork(wd, ctx);
    if (!pw.ok) return pw;
    work = pw.value;
  }
  const stack = lowerStackFor(roots, ctx);
  const sb = new OverlaySuperBlock(req.clock, req.source || 'overlay', {
    stack, upper, work, lowerdirs: opts.lowerdirs, upperdir: opts.upperdir, workdir: opts.workdir,
  });
  const low = upper !== undefined && isOpaqueDir(upper.inode, ctx) ? undefined : { inode: roots[0], dir: stack.root };
  sb.setRoot(new OverlayInode(sb, sb.inoOf(low?.inode ?? upper!.inode), null, '/', upper, low));
  if (upper === undefined) sb.readonly = true;
  return { ok: true, value: sb };
}

/** The overlay filesystem type (mountable in user namespaces, as Linux allows since 5.11). */
export const overlayType: FileSystemType = {
  name: 'overlay',
  usernsMount: true,
  mount: mountOverlay,
};
