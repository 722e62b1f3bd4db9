// Helpers shared by the file and mount syscall handlers: fd lookup, new-file ownership and
// mode (umask, setgid directories), and read-only-mount checks.
import { CAP, Errno, S, type SysResult } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import type { Inode } from '../vfs/inode.js';
import type { OpenFile } from '../vfs/open-file.js';
import type { Mount } from '../vfs/mount.js';
import { actorGid, actorUid, capableWrtInode, inGroup } from '../vfs/permission.js';
import type { UserNamespace } from '../ns/user-namespace.js';

/** The shared success value of void syscalls (no allocation per call). */
export const OK_VOID: SysResult<void> = Object.freeze({ ok: true, value: undefined }) as SysResult<void>;

/** A failure result. */
export function err<T = never>(errno: number): SysResult<T> {
  return { ok: false, errno };
}

/** The open file at `fd` of the caller, or undefined. */
export function fileOf(ctx: SyscallContext, fd: number): OpenFile | undefined {
  return ctx.proc.files.get(fd);
}

/** Is a write to `inode` on `mnt` refused because the mount is read-only (devices and FIFOs are exempt)? */
export function readOnlyFor(mnt: Mount, inode: Inode): boolean {
  if (!mnt.readonly) return false;
  const t = inode.mode & S.IFMT;
  return t === S.IFREG || t === S.IFDIR || t === S.IFLNK;
}

/**
 * Owner and final mode of a new inode in `dir` (inode_init_owner): the caller's fsuid, and the
 * directory's group when it is setgid (new directories inherit S_ISGID); S_ISGID is dropped
 * from other files the caller could not have set it on. `mode` already has the umask applied.
 */
export function newInodeOwner(ctx: SyscallContext, dir: Inode, mode: number): { uid: number; gid: number; mode: number } {
  const cred = ctx.proc.cred;
  const uid = actorUid(cred);
  let gid = actorGid(cred);
  if (dir.mode & S.ISGID) {
    gid = dir.gid;
    if ((mode & S.IFMT) === S.IFDIR) mode |= S.ISGID;
    else if ((mode & S.ISGID) && (mode & 0o010) && !inGroup(cred, gid) && !capableWrtInode(cred, dir, CAP.FSETID)) mode &= ~S.ISGID;
  }
  return { uid, gid, mode };
}

/** Is the caller's fsuid/fsgid mapped to a real host ID (EOVERFLOW otherwise when creating files)? */
export function callerMapped(ctx: SyscallContext): boolean {
  const c = ctx.proc.cred;
  return actorUid(c) >= 0 && actorGid(c) >= 0;
}

/** The initial user namespace (the root of `ns`'s chain). */
export function initialUserNs(ns: UserNamespace): UserNamespace {
  let n = ns;
  while (n.parent) n = n.parent;
  return n;
}

/** Reasonable errno for a bad argument type (programs pass JS values). */
export const EFAULT = Errno.EFAULT;
