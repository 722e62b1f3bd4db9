// Changes to the real upper filesystem, made the way the VFS makes them: the inode operation
// plus the matching dentry-cache update, so the upper directory seen through its own mount
// (and the engine reading it to commit a layer) stays coherent with what overlay did.
import { fail, Errno, type SysResult } from '../../../abi/index.js';
import type { SyscallContext } from '../../syscall-table.js';
import type { Inode } from '../../vfs/inode.js';
import { addDentry, dropDentry, lookupChild, moveDentry, type Dentry } from '../../vfs/dentry.js';

const OK: SysResult<void> = { ok: true, value: undefined };

/** Creates `name` in real directory `dir` (mode includes the type bits). */
export function upCreate(dir: Dentry, name: string, mode: number, rdev: number, uid: number, gid: number, ctx: SyscallContext): SysResult<Dentry> {
  const r = dir.inode.create(name, mode, rdev, uid, gid, ctx);
  return r.ok ? { ok: true, value: addDentry(dir, name, r.value) } : r;
}

/** Creates symlink `name` → `target` in `dir`. */
export function upSymlink(dir: Dentry, name: string, target: string, uid: number, gid: number, ctx: SyscallContext): SysResult<Dentry> {
  const r = dir.inode.symlink(name, target, uid, gid, ctx);
  return r.ok ? { ok: true, value: addDentry(dir, name, r.value) } : r;
}

/** Adds hard link `name` in `dir` to `inode`. */
export function upLink(dir: Dentry, name: string, inode: Inode, ctx: SyscallContext): SysResult<Dentry> {
  const r = dir.inode.link(name, inode, ctx);
  return r.ok ? { ok: true, value: addDentry(dir, name, inode) } : r;
}

/** Removes entry `name` of `dir` (unlink, or rmdir for a directory); absent is fine. */
export function upRemove(dir: Dentry, name: string, ctx: SyscallContext): SysResult<void> {
  const d = lookupChild(dir, name, ctx);
  if (d === undefined) return OK;
  const r = d.inode.isDir ? dir.inode.rmdir(name, d.inode, ctx) : dir.inode.unlink(name, d.inode, ctx);
  if (!r.ok) return r;
  dropDentry(d);
  return OK;
}

/** Renames `oldDir`/`oldName` to `newDir`/`newName`, replacing what is there. Errors: ENOENT. */
export function upRename(oldDir: Dentry, oldName: string, newDir: Dentry, newName: string, ctx: SyscallContext): SysResult<Dentry> {
  const od = lookupChild(oldDir, oldName, ctx);
  if (od === undefined) return fail(Errno.ENOENT);
  const nd = lookupChild(newDir, newName, ctx);
  const r = oldDir.inode.rename(oldName, od.inode, newDir.inode, newName, nd?.inode, ctx);
  if (!r.ok) return r;
  if (nd !== undefined) dropDentry(nd);
  moveDentry(od, newDir, newName);
  return { ok: true, value: od };
}
