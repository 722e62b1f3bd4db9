// Metadata syscalls: fstat, fstatat, fchmodat, fchmod, fchownat, fchown, utimensat, umask,
// faccessat.
import { AT, AT_FDCWD, CAP, CAPS_NONE, Errno, MS, O, S, type Stat, type SysResult } from '../../abi/index.js';
import type { SyscallContext, SyscallGroup } from '../syscall-table.js';
import { MAY_WRITE, type Inode } from '../vfs/inode.js';
import { lookupAt } from '../vfs/namei.js';
import { actorUid, capableWrtInode, inGroup, inodePermission, ownerOrCapable } from '../vfs/permission.js';
import type { Mount } from '../vfs/mount.js';
import { OK_VOID, err, readOnlyFor } from './fs-util.js';

const AT_EACCESS = 0x200;
const AT_NO_AUTOMOUNT = 0x800;

/**
 * The target of an *at() metadata call: `path` from dirfd, or with AT_EMPTY_PATH and an empty
 * path the file open at dirfd itself (or the cwd for AT_FDCWD).
 */
/** The inode an *at() call acts on and its mount (null for anonymous files such as pipes). */
interface Target {
  mnt: Mount | null;
  inode: Inode;
}

function targetAt(ctx: SyscallContext, dirfd: number, path: string, flags: number): SysResult<Target> {
  if (path === '' && (flags & AT.EMPTY_PATH)) {
    if (dirfd === AT_FDCWD) {
      const cwd = ctx.proc.fs.cwd;
      return { ok: true, value: { mnt: cwd.mnt, inode: cwd.dentry.inode } };
    }
    const f = ctx.proc.files.get(dirfd);
    if (!f) return err(Errno.EBADF);
    return { ok: true, value: { mnt: f.path?.mnt ?? null, inode: f.inode } };
  }
  const r = lookupAt(ctx, dirfd, path, (flags & AT.SYMLINK_NOFOLLOW) === 0);
  if (!r.ok) return r;
  return { ok: true, value: { mnt: r.value.mnt, inode: r.value.dentry.inode } };
}

/** fstat(fd). Errors: EBADF. */
export function fstat(ctx: SyscallContext, fd: number): SysResult<Stat> {
  const file = ctx.proc.files.get(fd);
  if (!file) return err(Errno.EBADF);
  return { ok: true, value: file.inode.stat(ctx.proc.cred.userns) };
}

/**
 * fstatat(dirfd, path, flags): flags AT_SYMLINK_NOFOLLOW (lstat), AT_EMPTY_PATH.
 * Errors: ENOENT, ENOTDIR, EACCES, ELOOP, ENAMETOOLONG, EBADF, EINVAL (bad flags).
 */
export function fstatat(ctx: SyscallContext, dirfd: number, path: string, flags = 0): SysResult<Stat> {
  if ((flags & ~(AT.SYMLINK_NOFOLLOW | AT.EMPTY_PATH | AT_NO_AUTOMOUNT)) !== 0) return err(Errno.EINVAL);
  const t = targetAt(ctx, dirfd, path, flags);
  if (!t.ok) return t;
  return { ok: true, value: t.value.inode.stat(ctx.proc.cred.userns) };
}

function chmodInode(ctx: SyscallContext, ref: Target, mode: number): SysResult<void> {
  const inode = ref.inode;
  if (ref.mnt && readOnlyFor(ref.mnt, inode)) return err(Errno.EROFS);
  const cred = ctx.proc.cred;
  if (!ownerOrCapable(cred, inode)) return err(Errno.EPERM);
  mode &= 0o7777;
  if ((mode & S.ISGID) && !inGroup(cred, inode.gid) && !capableWrtInode(cred, inode, CAP.FSETID)) mode &= ~S.ISGID;
  return inode.setattr({ mode }, ctx);
}

/**
 * fchmodat(dirfd, path, mode, flags). Errors: EPERM (not owner, no CAP_FOWNER), EROFS, ENOENT,
 * ENOTDIR, EACCES, ELOOP, EINVAL (bad flags), EOPNOTSUPP (AT_SYMLINK_NOFOLLOW on a symlink).
 */
export function fchmodat(ctx: SyscallContext, dirfd: number, path: string, mode: number, flags = 0): SysResult<void> {
  if ((flags & ~(AT.SYMLINK_NOFOLLOW | AT.EMPTY_PATH)) !== 0) return err(Errno.EINVAL);
  const t = targetAt(ctx, dirfd, path, flags);
  if (!t.ok) return t;
  if (t.value.inode.isSymlink) return err(Errno.EOPNOTSUPP);
  return chmodInode(ctx, t.value, mode);
}

/** fchmod(fd, mode). Errors: EBADF (also O_PATH fds), EPERM, EROFS. */
export function fchmod(ctx: SyscallContext, fd: number, mode: number): SysResult<void> {
  const file = ctx.proc.files.get(fd);
  if (!file || (file.flags & O.PATH)) return err(Errno.EBADF);
  return chmodInode(ctx, { mnt: file.path?.mnt ?? null, inode: file.inode }, mode);
}

function chownInode(ctx: SyscallContext, ref: Target, uid: number, gid: number): SysResult<void> {
  const inode = ref.inode;
  const cred = ctx.proc.cred;
  const ns = cred.userns;
  const kuid = uid === -1 ? undefined : ns.parent ? ns.uidToHost(uid) : uid;
  const kgid = gid === -1 ? undefined : ns.parent ? ns.gidToHost(gid) : gid;
  if ((kuid !== undefined && kuid < 0) || (kgid !== undefined && kgid < 0)) return err(Errno.EINVAL);
  if (ref.mnt && readOnlyFor(ref.mnt, inode)) return err(Errno.EROFS);
  const me = actorUid(cred);
  const capChown = (): boolean => capableWrtInode(cred, inode, CAP.CHOWN);
  if (kuid !== undefined && !(me === inode.uid && kuid === inode.uid) && !capChown()) return err(Errno.EPERM);
  if (kgid !== undefined && !(me === inode.uid && (kgid === inode.gid || inGroup(cred, kgid))) && !capChown()) return err(Errno.EPERM);
  let mode: number | undefined;
  if ((kuid !== undefined || kgid !== undefined) && !inode.isDir) {
    let m = inode.mode & ~S.ISUID;
    if (m & 0o010) m &= ~S.ISGID;
    if (m !== inode.mode) mode = m;
  }
  return inode.setattr({ uid: kuid, gid: kgid, mode }, ctx);
}

/**
 * fchownat(dirfd, path, uid, gid, flags): -1 keeps an ID. Errors: EPERM (no CAP_CHOWN, or
 * group not one of the owner's), EINVAL (unmapped ID, bad flags), EROFS, ENOENT, ENOTDIR,
 * EACCES, ELOOP.
 */
export function fchownat(ctx: SyscallContext, dirfd: number, path: string, uid: number, gid: number, flags = 0): SysResult<void> {
  if ((flags & ~(AT.SYMLINK_NOFOLLOW | AT.EMPTY_PATH)) !== 0) return err(Errno.EINVAL);
  const t = targetAt(ctx, dirfd, path, flags);
  if (!t.ok) return t;
  return chownInode(ctx, t.value, uid, gid);
}

/** fchown(fd, uid, gid). Errors: EBADF, EPERM, EINVAL, EROFS. */
export function fchown(ctx: SyscallContext, fd: number, uid: number, gid: number): SysResult<void> {
  const file = ctx.proc.files.get(fd);
  if (!file || (file.flags & O.PATH)) return err(Errno.EBADF);
  return chownInode(ctx, { mnt: file.path?.mnt ?? null, inode: file.inode }, uid, gid);
}

/**
 * utimensat(dirfd, path, atimeMs, mtimeMs, flags): null = now, undefined = unchanged.
 * Errors: EPERM (explicit times, not owner), EACCES ("now" without owner or write permission),
 * EROFS, ENOENT, ENOTDIR, ELOOP, EBADF, EINVAL.
 */
export function utimensat(ctx: SyscallContext, dirfd: number, path: string, atimeMs: number | null | undefined, mtimeMs: number | null | undefined, flags = 0): SysResult<void> {
  if ((flags & ~(AT.SYMLINK_NOFOLLOW | AT.EMPTY_PATH)) !== 0) return err(Errno.EINVAL);
  const t = targetAt(ctx, dirfd, path ?? '', path == null ? flags | AT.EMPTY_PATH : flags);
  if (!t.ok) return t;
  if (atimeMs === undefined && mtimeMs === undefined) return OK_VOID;
  const { inode, mnt } = t.value;
  if (mnt && readOnlyFor(mnt, inode)) return err(Errno.EROFS);
  const cred = ctx.proc.cred;
  if (!ownerOrCapable(cred, inode)) {
    if (typeof atimeMs === 'number' || typeof mtimeMs === 'number') return err(Errno.EPERM);
    const e = inodePermission(cred, inode, MAY_WRITE);
    if (e) return err(e);
  }
  const now = ctx.kernel.clock.nowNs();
  const toNs = (v: number | null | undefined): number | undefined => (v === undefined ? undefined : v === null ? now : v * 1e6);
  return inode.setattr({ atimeNs: toNs(atimeMs), mtimeNs: toNs(mtimeMs) }, ctx);
}

/** umask(mask): sets the file creation mask; returns the previous one. Never fails. */
export function umask(ctx: SyscallContext, mask: number): SysResult<number> {
  const fs = ctx.proc.fs;
  const old = fs.umask;
  fs.umask = mask & 0o777;
  return { ok: true, value: old };
}

/**
 * faccessat(dirfd, path, mode, flags): checks with the real uid/gid (or the effective ones
 * with AT_EACCESS); a non-root real uid has no capabilities for the check.
 * Errors: EACCES, EROFS (W_OK on a read-only mount), ENOENT, ENOTDIR, ELOOP, EINVAL.
 */
export function faccessat(ctx: SyscallContext, dirfd: number, path: string, mode: number, flags = 0): SysResult<void> {
  if ((mode & ~7) !== 0 || (flags & ~(AT_EACCESS | AT.SYMLINK_NOFOLLOW | AT.EMPTY_PATH)) !== 0) return err(Errno.EINVAL);
  const proc = ctx.proc;
  const saved = proc.cred;
  if (!(flags & AT_EACCESS)) {
    const c = saved.clone();
    c.fsuid = c.uid;
    c.fsgid = c.gid;
    c.effective = c.uid === 0 ? c.permitted : CAPS_NONE;
    proc.cred = c;
  }
  try {
    const t = targetAt(ctx, dirfd, path, flags);
    if (!t.ok) return t;
    if (mode === 0) return OK_VOID;
    const { inode, mnt } = t.value;
    if ((mode & 1) && inode.isReg && mnt && (mnt.flags & MS.NOEXEC)) return err(Errno.EACCES);
    const e = inodePermission(proc.cred, inode, mode & 7);
    if (e) return err(e);
    if ((mode & MAY_WRITE) && mnt && readOnlyFor(mnt, inode)) return err(Errno.EROFS);
    return OK_VOID;
  } finally {
    proc.cred = saved;
  }
}

/** The metadata syscalls. */
export const fsMetaSyscalls: SyscallGroup = {
  fstat: { handler: fstat, level: 'full' },
  fstatat: { handler: fstatat, level: 'full' },
  fchmodat: { handler: fchmodat, level: 'full' },
  fchmod: { handler: fchmod, level: 'full' },
  fchownat: { handler: fchownat, level: 'full' },
  fchown: { handler: fchown, level: 'full' },
  utimensat: { handler: utimensat, level: 'full' },
  umask: { handler: umask, level: 'full' },
  faccessat: { handler: faccessat, level: 'full' },
};
