// Directory-tree syscalls: mkdirat, mknodat, unlinkat, renameat2, linkat, symlinkat,
// readlinkat, getdents64, getcwd, chdir, fchdir.
import { AT, AT_FDCWD, CAP, Errno, O, S, type Dirent, type SysResult } from '../../abi/index.js';
import type { SyscallContext, SyscallGroup } from '../syscall-table.js';
import { MAY_EXEC, MAY_WRITE } from '../vfs/inode.js';
import { lookupAt, lookupParentAt, type ParentPath } from '../vfs/namei.js';
import { inodePermission, mayCreate, mayDelete } from '../vfs/permission.js';
import { addDentry, dropDentry, lookupChild, moveDentry, type Dentry } from '../vfs/dentry.js';
import { pathString, type PathRef } from '../vfs/mount.js';
import { OK_VOID, err, initialUserNs, newInodeOwner } from './fs-util.js';

const RENAME_NOREPLACE = 1;

/** The parent of a name to create: resolves, rejects `/`, `.` and `..` with `ifDot`. */
function createParent(ctx: SyscallContext, dirfd: number, path: string, ifDot: number): SysResult<ParentPath> {
  const r = lookupParentAt(ctx, dirfd, path);
  if (!r.ok) return r;
  const n = r.value.name;
  if (n === '' || n === '.' || n === '..') return err(ifDot);
  return r;
}

/** Common checks before creating `name` in `parent`: EEXIST, EROFS, EACCES. */
function checkCreate(ctx: SyscallContext, parent: ParentPath): number {
  if (lookupChild(parent.dir.dentry, parent.name, ctx)) return Errno.EEXIST;
  if (parent.dir.mnt.readonly) return Errno.EROFS;
  return mayCreate(ctx.proc.cred, parent.dir.dentry.inode);
}

/** Does a mount of the caller's namespace cover `dentry`? */
function isLocalMountpoint(ctx: SyscallContext, dentry: Dentry): boolean {
  return dentry.mounts > 0 && ctx.proc.ns.mnt.isMountpoint(dentry);
}

/**
 * mkdirat(dirfd, path, mode). Errors: EEXIST, ENOENT, ENOTDIR, EACCES, EROFS, ELOOP,
 * ENAMETOOLONG, ENOSPC, EPERM (filesystem refuses), EBADF.
 */
export function mkdirat(ctx: SyscallContext, dirfd: number, path: string, mode: number): SysResult<void> {
  const p = createParent(ctx, dirfd, path, Errno.EEXIST);
  if (!p.ok) return p;
  const e = checkCreate(ctx, p.value);
  if (e) return err(e);
  const dir = p.value.dir.dentry;
  const owner = newInodeOwner(ctx, dir.inode, S.IFDIR | (mode & ~ctx.proc.fs.umask & 0o1777));
  const r = dir.inode.create(p.value.name, owner.mode, 0, owner.uid, owner.gid, ctx);
  if (!r.ok) return r;
  addDentry(dir, p.value.name, r.value);
  return OK_VOID;
}

/**
 * mknodat(dirfd, path, mode, dev): regular files, FIFOs, sockets, and (with CAP_MKNOD in the
 * initial user namespace) character and block devices. Errors: EPERM (devices without
 * CAP_MKNOD, directories), EINVAL (unknown type), EEXIST, ENOENT, ENOTDIR, EACCES, EROFS.
 */
export function mknodat(ctx: SyscallContext, dirfd: number, path: string, mode: number, dev: number): SysResult<void> {
  let type = mode & S.IFMT;
  if (type === 0) type = S.IFREG;
  if (type === S.IFDIR) return err(Errno.EPERM);
  if (type !== S.IFREG && type !== S.IFCHR && type !== S.IFBLK && type !== S.IFIFO && type !== S.IFSOCK) return err(Errno.EINVAL);
  const cred = ctx.proc.cred;
  if ((type === S.IFCHR || type === S.IFBLK) && !cred.capableIn(initialUserNs(cred.userns), CAP.MKNOD)) return err(Errno.EPERM);
  const p = createParent(ctx, dirfd, path, Errno.EEXIST);
  if (!p.ok) return p;
  const e = checkCreate(ctx, p.value);
  if (e) return err(e);
  const dir = p.value.dir.dentry;
  const owner = newInodeOwner(ctx, dir.inode, type | (mode & ~ctx.proc.fs.umask & 0o7777));
  const r = dir.inode.create(p.value.name, owner.mode, dev >>> 0, owner.uid, owner.gid, ctx);
  if (!r.ok) return r;
  addDentry(dir, p.value.name, r.value);
  return OK_VOID;
}

/**
 * unlinkat(dirfd, path, flags): AT_REMOVEDIR removes an empty directory. Errors: ENOENT,
 * ENOTDIR, EISDIR (unlink of a directory), ENOTEMPTY, EBUSY (mount point or `/`), EINVAL
 * (bad flags, rmdir of `.`), EACCES, EPERM (sticky directory), EROFS, ELOOP.
 */
export function unlinkat(ctx: SyscallContext, dirfd: number, path: string, flags: number): SysResult<void> {
  if ((flags & ~AT.REMOVEDIR) !== 0) return err(Errno.EINVAL);
  const rmdir = (flags & AT.REMOVEDIR) !== 0;
  const p = lookupParentAt(ctx, dirfd, path);
  if (!p.ok) return p;
  const { dir, name, trailingSlash } = p.value;
  if (name === '') return err(rmdir ? Errno.EBUSY : Errno.EISDIR);
  if (name === '.') return err(rmdir ? Errno.EINVAL : Errno.EISDIR);
  if (name === '..') return err(rmdir ? Errno.ENOTEMPTY : Errno.EISDIR);
  const child = lookupChild(dir.dentry, name, ctx);
  if (!child) return err(Errno.ENOENT);
  const inode = child.inode;
  if (rmdir) {
    if (!inode.isDir) return err(Errno.ENOTDIR);
    if (isLocalMountpoint(ctx, child)) return err(Errno.EBUSY);
    const root = ctx.proc.fs.root;
    if (child === root.dentry && dir.mnt === root.mnt) return err(Errno.EBUSY);
  } else {
    if (inode.isDir) return err(Errno.EISDIR);
    if (trailingSlash) return err(Errno.ENOTDIR);
    if (isLocalMountpoint(ctx, child)) return err(Errno.EBUSY);
  }
  if (dir.mnt.readonly) return err(Errno.EROFS);
  const e = mayDelete(ctx.proc.cred, dir.dentry.inode, inode);
  if (e) return err(e);
  if (rmdir && !inode.isEmptyDir(ctx)) return err(Errno.ENOTEMPTY);
  const r = rmdir ? dir.dentry.inode.rmdir(name, inode, ctx) : dir.dentry.inode.unlink(name, inode, ctx);
  if (!r.ok) return r;
  dropDentry(child);
  return OK_VOID;
}

/**
 * renameat2(olddirfd, oldpath, newdirfd, newpath, flags): flags 0 or RENAME_NOREPLACE.
 * Errors: ENOENT, ENOTDIR, EISDIR (file over directory), ENOTEMPTY (over a non-empty
 * directory), EEXIST (NOREPLACE), EINVAL (directory into itself, bad flags), EXDEV (across
 * mounts), EBUSY (mount points, `.`/`..`), EACCES, EPERM (sticky), EROFS, ELOOP.
 */
export function renameat2(ctx: SyscallContext, olddirfd: number, oldpath: string, newdirfd: number, newpath: string, flags = 0): SysResult<void> {
  if ((flags & ~RENAME_NOREPLACE) !== 0) return err(Errno.EINVAL);
  const op = lookupParentAt(ctx, olddirfd, oldpath);
  if (!op.ok) return op;
  const np = lookupParentAt(ctx, newdirfd, newpath);
  if (!np.ok) return np;
  const o = op.value, n = np.value;
  if (o.name === '' || o.name === '.' || o.name === '..' || n.name === '' || n.name === '.' || n.name === '..') return err(Errno.EBUSY);
  if (o.dir.mnt !== n.dir.mnt) return err(Errno.EXDEV);
  const oldD = lookupChild(o.dir.dentry, o.name, ctx);
  if (!oldD) return err(Errno.ENOENT);
  const inode = oldD.inode;
  if (!inode.isDir && (o.trailingSlash || n.trailingSlash)) return err(Errno.ENOTDIR);
  if (inode.isDir && oldD.isAncestorOf(n.dir.dentry)) return err(Errno.EINVAL);
  const newD = lookupChild(n.dir.dentry, n.name, ctx);
  if (newD) {
    if (newD.inode === inode) return OK_VOID;
    if (flags & RENAME_NOREPLACE) return err(Errno.EEXIST);
    if (inode.isDir && !newD.inode.isDir) return err(Errno.ENOTDIR);
    if (!inode.isDir && newD.inode.isDir) return err(Errno.EISDIR);
    if (newD.isAncestorOf(o.dir.dentry)) return err(Errno.ENOTEMPTY);
  }
  if (isLocalMountpoint(ctx, oldD) || (newD && isLocalMountpoint(ctx, newD))) return err(Errno.EBUSY);
  if (o.dir.mnt.readonly) return err(Errno.EROFS);
  const cred = ctx.proc.cred;
  let e = mayDelete(cred, o.dir.dentry.inode, inode);
  if (!e) e = newD ? mayDelete(cred, n.dir.dentry.inode, newD.inode) : mayCreate(cred, n.dir.dentry.inode);
  if (!e && inode.isDir && o.dir.dentry !== n.dir.dentry) e = inodePermission(cred, inode, MAY_WRITE);
  if (e) return err(e);
  if (newD && newD.inode.isDir && !newD.inode.isEmptyDir(ctx)) return err(Errno.ENOTEMPTY);
  const r = o.dir.dentry.inode.rename(o.name, inode, n.dir.dentry.inode, n.name, newD?.inode, ctx);
  if (!r.ok) return r;
  if (newD) dropDentry(newD);
  moveDentry(oldD, n.dir.dentry, n.name);
  return OK_VOID;
}

/**
 * linkat(olddirfd, oldpath, newdirfd, newpath, flags): flags AT_SYMLINK_FOLLOW, AT_EMPTY_PATH.
 * Errors: ENOENT, EEXIST, EPERM (directories), EXDEV, EACCES, EROFS, ENOTDIR, ELOOP, EINVAL.
 */
export function linkat(ctx: SyscallContext, olddirfd: number, oldpath: string, newdirfd: number, newpath: string, flags = 0): SysResult<void> {
  if ((flags & ~(AT.SYMLINK_FOLLOW | AT.EMPTY_PATH)) !== 0) return err(Errno.EINVAL);
  let src: SysResult<PathRef>;
  if (oldpath === '' && (flags & AT.EMPTY_PATH)) {
    if (!ctx.proc.cred.hasCap(CAP.DAC_READ_SEARCH)) return err(Errno.ENOENT);
    const f = ctx.proc.files.get(olddirfd);
    src = f?.path ? { ok: true, value: f.path } : err(Errno.EBADF);
  } else {
    src = lookupAt(ctx, olddirfd, oldpath, (flags & AT.SYMLINK_FOLLOW) !== 0);
  }
  if (!src.ok) return src;
  const p = createParent(ctx, newdirfd, newpath, Errno.EEXIST);
  if (!p.ok) return p;
  const inode = src.value.dentry.inode;
  if (p.value.trailingSlash) return err(inode.isDir ? Errno.EEXIST : Errno.ENOENT);
  if (lookupChild(p.value.dir.dentry, p.value.name, ctx)) return err(Errno.EEXIST);
  if (p.value.dir.mnt !== src.value.mnt) return err(Errno.EXDEV);
  if (inode.isDir) return err(Errno.EPERM);
  const e = checkCreate(ctx, p.value);
  if (e) return err(e);
  if (inode.nlink === 0) return err(Errno.ENOENT);
  const dir = p.value.dir.dentry;
  const r = dir.inode.link(p.value.name, inode, ctx);
  if (!r.ok) return r;
  addDentry(dir, p.value.name, inode);
  return OK_VOID;
}

/** symlinkat(target, newdirfd, linkpath). Errors: ENOENT (empty target), EEXIST, EACCES, EROFS, ENOTDIR, ENAMETOOLONG. */
export function symlinkat(ctx: SyscallContext, target: string, newdirfd: number, linkpath: string): SysResult<void> {
  if (typeof target !== 'string') return err(Errno.EFAULT);
  if (target === '') return err(Errno.ENOENT);
  if (target.length >= 4096) return err(Errno.ENAMETOOLONG);
  const p = createParent(ctx, newdirfd, linkpath, Errno.EEXIST);
  if (!p.ok) return p;
  if (p.value.trailingSlash) return err(lookupChild(p.value.dir.dentry, p.value.name, ctx) ? Errno.EEXIST : Errno.ENOENT);
  const e = checkCreate(ctx, p.value);
  if (e) return err(e);
  const dir = p.value.dir.dentry;
  const owner = newInodeOwner(ctx, dir.inode, S.IFLNK | 0o777);
  const r = dir.inode.symlink(p.value.name, target, owner.uid, owner.gid, ctx);
  if (!r.ok) return r;
  addDentry(dir, p.value.name, r.value);
  return OK_VOID;
}

/** readlinkat(dirfd, path): the target; an empty path reads dirfd itself (O_PATH|O_NOFOLLOW). Errors: EINVAL (not a symlink), ENOENT, ENOTDIR, EACCES, EBADF. */
export function readlinkat(ctx: SyscallContext, dirfd: number, path: string): SysResult<string> {
  if (path === '') {
    const f = ctx.proc.files.get(dirfd);
    if (dirfd === AT_FDCWD || !f) return err(dirfd === AT_FDCWD ? Errno.ENOENT : Errno.EBADF);
    return f.inode.isSymlink ? f.inode.readlink(ctx) : err(Errno.ENOENT);
  }
  const r = lookupAt(ctx, dirfd, path, false);
  if (!r.ok) return r;
  const inode = r.value.dentry.inode;
  if (!inode.isSymlink) return err(Errno.EINVAL);
  return inode.readlink(ctx);
}

/** getdents64(fd): the next batch of entries (`.` and `..` first); [] at the end. Errors: EBADF, ENOTDIR. */
export function getdents64(ctx: SyscallContext, fd: number): SysResult<Dirent[]> {
  const file = ctx.proc.files.get(fd);
  if (file === undefined || (file.flags & O.PATH)) return err(Errno.EBADF);
  if (!file.inode.isDir || !file.ops.getdents) return err(Errno.ENOTDIR);
  return file.ops.getdents(file, ctx);
}

/** getcwd(): the cwd relative to the process root. Errors: ENOENT (cwd deleted). Unreachable cwds read `(unreachable)/…`. */
export function getcwd(ctx: SyscallContext): SysResult<string> {
  const fs = ctx.proc.fs;
  if (fs.cwd.dentry.deleted) return err(Errno.ENOENT);
  return { ok: true, value: pathString(fs.cwd, fs.root).path };
}

function changeDir(ctx: SyscallContext, ref: PathRef): SysResult<void> {
  if (!ref.dentry.inode.isDir) return err(Errno.ENOTDIR);
  const e = inodePermission(ctx.proc.cred, ref.dentry.inode, MAY_EXEC);
  if (e) return err(e);
  ctx.proc.fs.setCwd(ref);
  return OK_VOID;
}

/** chdir(path). Errors: ENOENT, ENOTDIR, EACCES, ELOOP, ENAMETOOLONG. */
export function chdir(ctx: SyscallContext, path: string): SysResult<void> {
  const r = lookupAt(ctx, AT_FDCWD, path, true);
  return r.ok ? changeDir(ctx, r.value) : r;
}

/** fchdir(fd). Errors: EBADF, ENOTDIR, EACCES. */
export function fchdir(ctx: SyscallContext, fd: number): SysResult<void> {
  const file = ctx.proc.files.get(fd);
  if (!file || !file.path) return err(Errno.EBADF);
  return changeDir(ctx, file.path);
}

/** The directory-tree syscalls. */
export const fsDirSyscalls: SyscallGroup = {
  mkdirat: { handler: mkdirat, level: 'full' },
  mknodat: { handler: mknodat, level: 'full' },
  unlinkat: { handler: unlinkat, level: 'full' },
  renameat2: { handler: renameat2, level: 'partial', note: 'RENAME_EXCHANGE and RENAME_WHITEOUT unsupported (EINVAL)' },
  linkat: { handler: linkat, level: 'full' },
  symlinkat: { handler: symlinkat, level: 'full' },
  readlinkat: { handler: readlinkat, level: 'full' },
  getdents64: { handler: getdents64, level: 'full' },
  getcwd: { handler: getcwd, level: 'full' },
  chdir: { handler: chdir, level: 'full' },
  fchdir: { handler: fchdir, level: 'full' },
};
