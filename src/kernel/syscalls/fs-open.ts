// openat(2), close(2), dup/dup2/dup3, fcntl(2) and pipe2(2): making and managing fds.
import { Errno, F, FD_CLOEXEC, MS, O, S, type SysResult } from '../../abi/index.js';
import type { SyscallContext, SyscallGroup } from '../syscall-table.js';
import { MAY_READ, MAY_WRITE, type Inode } from '../vfs/inode.js';
import { OpenFile, type FileOps } from '../vfs/open-file.js';
import { MAXSYMLINKS, namei, nameiParent, startDir } from '../vfs/namei.js';
import { actorGid, actorUid, inodePermission, mayCreate } from '../vfs/permission.js';
import { lookupChild, addDentry } from '../vfs/dentry.js';
import { followMounts, type PathRef } from '../vfs/mount.js';
import { charDevice } from '../vfs/char-devices.js';
import { Pipe, pipeOps } from '../vfs/pipe.js';
import { createPipe } from '../vfs/anon-files.js';
import { servicesOf } from '../vfs/kernel-services.js';
import { OK_VOID, err, newInodeOwner, readOnlyFor } from './fs-util.js';

/** Ops of O_PATH descriptions: no I/O at all (read/write see EBADF before getting here). */
const PATH_OPS: FileOps = {};
/** Flags kept for O_PATH opens. */
const PATH_KEEP = O.PATH | O.DIRECTORY | O.NOFOLLOW;
/** Flags that only matter at open time. */
const OPEN_ONLY = O.CREAT | O.EXCL | O.NOCTTY | O.TRUNC | O.CLOEXEC;
/** fcntl(F_SETFL) may change these (O_ASYNC, O_DIRECT and O_NOATIME are accepted and kept). */
const SETFL_MASK = O.APPEND | O.NONBLOCK | 0o20000 | 0o40000 | 0o1000000;

/** Finds or creates the target of an O_CREAT open, following a final symlink unless O_NOFOLLOW. */
function openCreate(ctx: SyscallContext, start: PathRef, path: string, flags: number, mode: number): SysResult<{ ref: PathRef; created: boolean }> {
  let p = path;
  let from = start;
  for (let links = 0; ; ) {
    const pr = nameiParent(ctx, from, p);
    if (!pr.ok) return pr;
    const { dir, name, trailingSlash } = pr.value;
    if (name === '' || name === '.' || name === '..' || trailingSlash) return err(Errno.EISDIR);
    const child = lookupChild(dir.dentry, name, ctx);
    if (child) {
      if (flags & O.EXCL) return err(Errno.EEXIST);
      const ref = child.mounts > 0 ? followMounts(dir.mnt, child) : { mnt: dir.mnt, dentry: child };
      const inode = ref.dentry.inode;
      if (inode.isSymlink) {
        if (flags & O.NOFOLLOW) return err(Errno.ELOOP);
        if (++links > MAXSYMLINKS) return err(Errno.ELOOP);
        const t = inode.readlink(ctx);
        if (!t.ok) return t;
        if (t.value === '') return err(Errno.ENOENT);
        p = t.value;
        from = dir;
        continue;
      }
      if (inode.isDir) return err(Errno.EISDIR);
      return { ok: true, value: { ref, created: false } };
    }
    if (dir.mnt.readonly) return err(Errno.EROFS);
    const dirInode = dir.dentry.inode;
    const e = mayCreate(ctx.proc.cred, dirInode);
    if (e) return err(e);
    const owner = newInodeOwner(ctx, dirInode, S.IFREG | (mode & ~ctx.proc.fs.umask & 0o7777));
    const r = dirInode.create(name, owner.mode, 0, owner.uid, owner.gid, ctx);
    if (!r.ok) return r;
    return { ok: true, value: { ref: { mnt: dir.mnt, dentry: addDentry(dir.dentry, name, r.value) }, created: true } };
  }
}

/** The FileOps for opening `inode` (device by rdev, FIFO, or the filesystem's own). */
function opsFor(ctx: SyscallContext, file: OpenFile, inode: Inode, ref: PathRef, flags: number): SysResult<FileOps> {
  switch (inode.mode & S.IFMT) {
    case S.IFCHR: {
      if (ref.mnt.flags & MS.NODEV) return err(Errno.EACCES);
      const ops = charDevice(inode.rdev);
      if (!ops) return err(Errno.ENXIO);
      return ops.open ? ops.open(file, ctx, flags) : { ok: true, value: ops };
    }
    case S.IFBLK:
      return err(ref.mnt.flags & MS.NODEV ? Errno.EACCES : Errno.ENXIO);
    case S.IFSOCK:
      return err(Errno.ENXIO);
    case S.IFIFO:
      (inode.fifo ??= new Pipe()).attach(file);
      return { ok: true, value: pipeOps };
    default:
      return inode.open(file, ctx);
  }
}

/**
 * openat(dirfd, path, flags, mode). Errors: EMFILE, EBADF/ENOTDIR (dirfd), ENOENT, ENOTDIR,
 * EACCES, EEXIST (O_CREAT|O_EXCL), EISDIR (writing or creating a directory), ELOOP (symlink
 * loop, or O_NOFOLLOW on a symlink), ENAMETOOLONG, EROFS, ENXIO (device without a driver),
 * ENOSPC, EINVAL (bad access mode), EFAULT.
 */
export function openat(ctx: SyscallContext, dirfd: number, path: string, flags: number, mode = 0): SysResult<number> {
  if (typeof flags !== 'number' || typeof path !== 'string') return err(Errno.EFAULT);
  const files = ctx.proc.files;
  if (!files.hasFree()) return err(Errno.EMFILE);
  const isPath = (flags & O.PATH) !== 0;
  if (isPath) flags &= PATH_KEEP | O.CLOEXEC;
  else if ((flags & O.ACCMODE) === O.ACCMODE) return err(Errno.EINVAL);
  const start = startDir(ctx, dirfd, path);
  if (!start.ok) return start;
  let ref: PathRef;
  let created = false;
  if ((flags & O.CREAT) !== 0 && !isPath) {
    const r = openCreate(ctx, start.value, path, flags, typeof mode === 'number' ? mode : 0);
    if (!r.ok) return r;
    ref = r.value.ref;
    created = r.value.created;
  } else {
    const r = namei(ctx, start.value, path, (flags & O.NOFOLLOW) === 0);
    if (!r.ok) return r;
    ref = r.value;
  }
  const inode = ref.dentry.inode;
  if (inode.isSymlink && !isPath) return err(Errno.ELOOP);
  if ((flags & O.DIRECTORY) !== 0 && !inode.isDir) return err(Errno.ENOTDIR);
  const acc = flags & O.ACCMODE;
  const trunc = (flags & O.TRUNC) !== 0 && !isPath;
  if (!isPath) {
    if (inode.isDir && (acc !== O.RDONLY || trunc)) return err(Errno.EISDIR);
    if (!created) {
      const mask = (acc === O.RDONLY ? MAY_READ : acc === O.WRONLY ? MAY_WRITE : MAY_READ | MAY_WRITE) | (trunc ? MAY_WRITE : 0);
      const e = inodePermission(ctx.proc.cred, inode, mask);
      if (e) return err(e);
      if ((acc !== O.RDONLY || trunc) && readOnlyFor(ref.mnt, inode)) return err(Errno.EROFS);
    }
  }
  const file = new OpenFile(flags & ~OPEN_ONLY, PATH_OPS, inode, ref);
  if (!isPath) {
    const ops = opsFor(ctx, file, inode, ref, flags);
    if (!ops.ok) {
      file.get().put();
      return ops;
    }
    file.ops = ops.value;
    if (trunc && inode.isReg && inode.size > 0) {
      const t = inode.truncate(0, ctx);
      if (!t.ok) {
        file.get().put();
        return t;
      }
    }
  }
  const fd = files.alloc(file, (flags & O.CLOEXEC) !== 0);
  if (!fd.ok) file.get().put();
  return fd;
}

/** close(fd). Errors: EBADF. */
export function close(ctx: SyscallContext, fd: number): SysResult<void> {
  return ctx.proc.files.close(fd) ? OK_VOID : err(Errno.EBADF);
}

/** dup(fd): lowest free fd. Errors: EBADF, EMFILE. */
export function dup(ctx: SyscallContext, fd: number): SysResult<number> {
  const file = ctx.proc.files.get(fd);
  if (!file) return err(Errno.EBADF);
  return ctx.proc.files.alloc(file, false);
}

/** dup2(oldfd, newfd): newfd closed first; same fd is a no-op. Errors: EBADF. */
export function dup2(ctx: SyscallContext, oldfd: number, newfd: number): SysResult<number> {
  const files = ctx.proc.files;
  const file = files.get(oldfd);
  if (!file) return err(Errno.EBADF);
  if (oldfd === newfd) return { ok: true, value: newfd };
  return files.replace(newfd, file, false);
}

/** dup3(oldfd, newfd, flags): flags may be O_CLOEXEC. Errors: EBADF, EINVAL (same fd, bad flags). */
export function dup3(ctx: SyscallContext, oldfd: number, newfd: number, flags: number): SysResult<number> {
  if ((flags & ~O.CLOEXEC) !== 0 || oldfd === newfd) return err(Errno.EINVAL);
  const files = ctx.proc.files;
  const file = files.get(oldfd);
  if (!file) return err(Errno.EBADF);
  return files.replace(newfd, file, (flags & O.CLOEXEC) !== 0);
}

/**
 * fcntl(fd, cmd, arg): F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL, F_SETFL (O_APPEND,
 * O_NONBLOCK). Errors: EBADF (also F_SETFL on O_PATH fds), EINVAL (unknown cmd, bad arg), EMFILE.
 */
export function fcntl(ctx: SyscallContext, fd: number, cmd: number, arg = 0): SysResult<number> {
  const files = ctx.proc.files;
  const file = files.get(fd);
  if (!file) return err(Errno.EBADF);
  switch (cmd) {
    case F.DUPFD: case F.DUPFD_CLOEXEC:
      if (!Number.isInteger(arg) || arg < 0) return err(Errno.EINVAL);
      return files.alloc(file, cmd === F.DUPFD_CLOEXEC, arg);
    case F.GETFD:
      return { ok: true, value: files.isCloexec(fd) ? FD_CLOEXEC : 0 };
    case F.SETFD:
      files.setCloexec(fd, (arg & FD_CLOEXEC) !== 0);
      return { ok: true, value: 0 };
    case F.GETFL:
      return { ok: true, value: file.flags };
    case F.SETFL:
      if (file.flags & O.PATH) return err(Errno.EBADF);
      file.flags = (file.flags & ~SETFL_MASK) | (arg & SETFL_MASK);
      return { ok: true, value: 0 };
    default:
      return err(Errno.EINVAL);
  }
}

/** pipe2(flags): [read fd, write fd]; flags O_CLOEXEC, O_NONBLOCK. Errors: EINVAL, EMFILE. */
export function pipe2(ctx: SyscallContext, flags = 0): SysResult<[number, number]> {
  if ((flags & ~(O.CLOEXEC | O.NONBLOCK)) !== 0) return err(Errno.EINVAL);
  const files = ctx.proc.files;
  if (files.count + 2 > files.maxFds) return err(Errno.EMFILE);
  const cred = ctx.proc.cred;
  const [r, w] = createPipe(servicesOf(ctx).clock, flags, actorUid(cred), actorGid(cred));
  const cloexec = (flags & O.CLOEXEC) !== 0;
  const rfd = files.alloc(r, cloexec);
  if (!rfd.ok) {
    r.get().put();
    w.get().put();
    return rfd;
  }
  const wfd = files.alloc(w, cloexec);
  if (!wfd.ok) {
    files.close(rfd.value);
    w.get().put();
    return wfd;
  }
  return { ok: true, value: [rfd.value, wfd.value] };
}

/** The fd-making syscalls. */
export const fsOpenSyscalls: SyscallGroup = {
  openat: { handler: openat, level: 'full', note: 'O_TMPFILE and O_ASYNC unsupported; FIFOs do not block at open' },
  close: { handler: close, level: 'full' },
  dup: { handler: dup, level: 'full' },
  dup2: { handler: dup2, level: 'full' },
  dup3: { handler: dup3, level: 'full' },
  fcntl: { handler: fcntl, level: 'partial', note: 'F_DUPFD*, F_GETFD/SETFD, F_GETFL/SETFL; no locks' },
  pipe2: { handler: pipe2, level: 'full' },
};
