// How overlay marks deletions in a real (tmpfs) directory: whiteouts are 0/0 character devices
// (as Linux overlayfs makes them), and an opaque directory holds a marker entry named
// `.wh..wh..opq` (our stand-in for the trusted.overlay.opaque=y xattr: it can be made through
// syscalls, so the engine can extract an OCI layer's opaque directories into a lower dir).
import { S, type SysResult } from '../../../abi/index.js';
import type { SyscallContext } from '../../syscall-table.js';
import type { Inode } from '../../vfs/inode.js';
import type { Dentry } from '../../vfs/dentry.js';
import { upCreate, upRemove } from './upper-ops.js';

/** The name of the opaque-directory marker (any file type); never shown in the merged view. */
export const OPAQUE_MARKER = '.wh..wh..opq';

/** Is `inode` a whiteout (a character device with device number 0/0)? */
export function isWhiteout(inode: Inode): boolean {
  return (inode.mode & S.IFMT) === S.IFCHR && inode.rdev === 0;
}

/** Is the real directory `dir` opaque (it hides whatever the layers below have at its path)? */
export function isOpaqueDir(dir: Inode, ctx: SyscallContext): boolean {
  return dir.lookup(OPAQUE_MARKER, ctx) !== undefined;
}

/** Creates a whiteout called `name` in the real upper directory `dir` (root-owned, mode 0, like Linux). */
export function makeWhiteout(dir: Dentry, name: string, ctx: SyscallContext): SysResult<Dentry> {
  return upCreate(dir, name, S.IFCHR, 0, 0, 0, ctx);
}

/** Marks the real upper directory `dir` opaque (idempotent). */
export function markOpaque(dir: Dentry, ctx: SyscallContext): SysResult<void> {
  if (isOpaqueDir(dir.inode, ctx)) return { ok: true, value: undefined };
  const r = upCreate(dir, OPAQUE_MARKER, S.IFCHR, 0, 0, 0, ctx);
  return r.ok ? { ok: true, value: undefined } : r;
}

/**
 * Empties a real upper directory that holds only whiteouts and the opaque marker (a directory
 * the merged view calls empty), before it is removed or replaced.
 */
export function purgeWhiteouts(dir: Dentry, ctx: SyscallContext): void {
  for (const e of [...dir.inode.readdir(ctx)]) upRemove(dir, e.name, ctx);
}
