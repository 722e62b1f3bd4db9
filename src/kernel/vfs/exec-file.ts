// readExecutable: how execve reads the file it runs (the VFS side of exec).
import { AT_FDCWD, Errno, MS, type SysResult } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import { MAY_EXEC } from './inode.js';
import { lookupAt } from './namei.js';
import { inodePermission } from './permission.js';
import { pathString } from './mount.js';

/**
 * Resolves `path` (following symlinks) and returns the whole file and its path as the caller
 * sees it. Errors: ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG, EACCES (search permission, not a
 * regular file, noexec mount, or no execute permission — root needs at least one x bit).
 */
export function readExecutable(ctx: SyscallContext, path: string): SysResult<{ data: Uint8Array; path: string }> {
  const r = lookupAt(ctx, AT_FDCWD, path, true);
  if (!r.ok) return r;
  const { mnt, dentry } = r.value;
  const inode = dentry.inode;
  if (!inode.isReg || (mnt.flags & MS.NOEXEC) !== 0) return { ok: false, errno: Errno.EACCES };
  const e = inodePermission(ctx.proc.cred, inode, MAY_EXEC);
  if (e !== 0) return { ok: false, errno: e };
  return { ok: true, value: { data: inode.readAt(0, inode.size), path: pathString(r.value, ctx.proc.fs.root).path } };
}
