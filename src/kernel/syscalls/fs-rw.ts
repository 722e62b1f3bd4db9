// read/write/pread/pwrite, lseek, ioctl, fsync/sync and truncate/ftruncate: I/O on fds.
import { AT_FDCWD, Errno, O, SEEK, type SysResult } from '../../abi/index.js';
import type { HandlerResult, SyscallContext, SyscallGroup } from '../syscall-table.js';
import { MAY_WRITE } from '../vfs/inode.js';
import { lookupAt } from '../vfs/namei.js';
import { inodePermission } from '../vfs/permission.js';
import { OK_VOID, err, readOnlyFor } from './fs-util.js';

/** Linux's MAX_RW_COUNT: one call moves at most this many bytes. */
const MAX_RW = 0x7ffff000;
const SEEK_DATA = 3, SEEK_HOLE = 4;

function badCount(n: unknown): boolean {
  return typeof n !== 'number' || !(n >= 0) || !Number.isFinite(n);
}

/**
 * read(fd, count): up to count bytes; an empty array is end of file. May block (pipes, ttys).
 * Errors: EBADF (not open for reading), EISDIR, EINVAL (bad count, no read op), EAGAIN
 * (O_NONBLOCK and nothing to read), EINTR.
 */
export function read(ctx: SyscallContext, fd: number, count: number): HandlerResult<Uint8Array> {
  const file = ctx.proc.files.get(fd);
  if (file === undefined || !file.readable) return err(Errno.EBADF);
  if (badCount(count)) return err(Errno.EINVAL);
  const ops = file.ops;
  if (ops.read === undefined) return err(Errno.EINVAL);
  if (count > MAX_RW) count = MAX_RW;
  if (ops.stream) return ops.read(file, ctx, count, 0);
  const r = ops.read(file, ctx, count, file.pos);
  if ((r as SysResult<Uint8Array>).ok === true) file.pos += (r as { value: Uint8Array }).value.length;
  return r;
}

/**
 * write(fd, data): bytes written (O_APPEND writes at the end). May block (pipes).
 * Errors: EBADF (not open for writing), EFAULT (data not a Uint8Array), EPIPE (+SIGPIPE),
 * EAGAIN, ENOSPC, EFBIG, EINVAL, EINTR.
 */
export function write(ctx: SyscallContext, fd: number, data: Uint8Array): HandlerResult<number> {
  const file = ctx.proc.files.get(fd);
  if (file === undefined || !file.writable) return err(Errno.EBADF);
  if (!(data instanceof Uint8Array)) return err(Errno.EFAULT);
  const ops = file.ops;
  if (ops.write === undefined) return err(Errno.EINVAL);
  if (data.length > MAX_RW) data = data.subarray(0, MAX_RW);
  if (ops.stream) return ops.write(file, ctx, data, 0);
  const pos = file.flags & O.APPEND ? file.inode.size : file.pos;
  const r = ops.write(file, ctx, data, pos);
  if ((r as SysResult<number>).ok === true) file.pos = pos + (r as { value: number }).value;
  return r;
}

/** pread(fd, count, offset): read at offset, position unchanged. Errors: as read, ESPIPE, EINVAL (offset < 0). */
export function pread(ctx: SyscallContext, fd: number, count: number, offset: number): HandlerResult<Uint8Array> {
  const file = ctx.proc.files.get(fd);
  if (file === undefined || !file.readable) return err(Errno.EBADF);
  if (file.ops.stream) return err(Errno.ESPIPE);
  if (badCount(count) || badCount(offset)) return err(Errno.EINVAL);
  if (file.ops.read === undefined) return err(Errno.EINVAL);
  return file.ops.read(file, ctx, Math.min(count, MAX_RW), offset);
}

/** pwrite(fd, data, offset): write at offset, position unchanged. Errors: as write, ESPIPE, EINVAL. */
export function pwrite(ctx: SyscallContext, fd: number, data: Uint8Array, offset: number): HandlerResult<number> {
  const file = ctx.proc.files.get(fd);
  if (file === undefined || !file.writable) return err(Errno.EBADF);
  if (file.ops.stream) return err(Errno.ESPIPE);
  if (!(data instanceof Uint8Array)) return err(Errno.EFAULT);
  if (badCount(offset)) return err(Errno.EINVAL);
  if (file.ops.write === undefined) return err(Errno.EINVAL);
  // Linux quirk kept: on an O_APPEND file pwrite appends.
  const pos = file.flags & O.APPEND ? file.inode.size : offset;
  return file.ops.write(file, ctx, data, pos);
}

/**
 * lseek(fd, offset, whence): SEEK_SET/CUR/END (and SEEK_DATA/SEEK_HOLE); returns the new
 * position. Errors: EBADF, ESPIPE (pipes, ttys), EINVAL (bad whence, negative result), ENXIO
 * (SEEK_DATA/HOLE past the end).
 */
export function lseek(ctx: SyscallContext, fd: number, offset: number, whence: number): SysResult<number> {
  const file = ctx.proc.files.get(fd);
  if (file === undefined || (file.flags & O.PATH)) return err(Errno.EBADF);
  if (file.ops.stream) return err(Errno.ESPIPE);
  if (typeof offset !== 'number' || !Number.isFinite(offset)) return err(Errno.EINVAL);
  let pos: number;
  const size = file.inode.size;
  switch (whence) {
    case SEEK.SET: pos = offset; break;
    case SEEK.CUR: pos = file.pos + offset; break;
    case SEEK.END: pos = size + offset; break;
    case SEEK_DATA: if (offset >= size) return err(Errno.ENXIO); pos = offset; break;
    case SEEK_HOLE: if (offset >= size) return err(Errno.ENXIO); pos = size; break;
    default: return err(Errno.EINVAL);
  }
  if (pos < 0) return err(Errno.EINVAL);
  file.pos = pos;
  file.ops.seeked?.(file);
  return { ok: true, value: pos };
}

/** ioctl(fd, request, arg). Errors: EBADF, ENOTTY (not a terminal/device with ioctls), EINVAL. */
export function ioctl(ctx: SyscallContext, fd: number, request: number, arg?: unknown): SysResult<unknown> {
  const file = ctx.proc.files.get(fd);
  if (file === undefined || (file.flags & O.PATH)) return err(Errno.EBADF);
  if (file.ops.ioctl === undefined) return err(Errno.ENOTTY);
  return file.ops.ioctl(file, ctx, request, arg);
}

/** fsync(fd). Errors: EBADF, EINVAL (pipes, sockets: nothing to sync). */
export function fsync(ctx: SyscallContext, fd: number): SysResult<void> {
  const file = ctx.proc.files.get(fd);
  if (file === undefined || (file.flags & O.PATH)) return err(Errno.EBADF);
  if (file.ops.stream) return err(Errno.EINVAL);
  return file.inode.fsync();
}

/** sync(): flushes every filesystem mounted in the caller's namespace. Never fails. */
export function sync(ctx: SyscallContext): SysResult<void> {
  const seen = new Set<unknown>();
  for (const m of ctx.proc.ns.mnt.mounts()) {
    if (seen.has(m.sb)) continue;
    seen.add(m.sb);
    m.sb.sync();
  }
  return OK_VOID;
}

/**
 * truncate(path, length). Errors: ENOENT, ENOTDIR, EACCES, ELOOP, EISDIR, EINVAL (negative
 * length or not a regular file), EROFS, ENOSPC, EFBIG.
 */
export function truncate(ctx: SyscallContext, path: string, length: number): SysResult<void> {
  if (badCount(length)) return err(Errno.EINVAL);
  const r = lookupAt(ctx, AT_FDCWD, path, true);
  if (!r.ok) return r;
  const inode = r.value.dentry.inode;
  if (inode.isDir) return err(Errno.EISDIR);
  if (!inode.isReg) return err(Errno.EINVAL);
  const e = inodePermission(ctx.proc.cred, inode, MAY_WRITE);
  if (e) return err(e);
  if (readOnlyFor(r.value.mnt, inode)) return err(Errno.EROFS);
  return inode.truncate(Math.floor(length), ctx);
}

/** ftruncate(fd, length). Errors: EBADF, EINVAL (not open for writing, not regular, negative length), ENOSPC, EFBIG. */
export function ftruncate(ctx: SyscallContext, fd: number, length: number): SysResult<void> {
  const file = ctx.proc.files.get(fd);
  if (file === undefined || (file.flags & O.PATH)) return err(Errno.EBADF);
  if (badCount(length) || !file.writable || !file.inode.isReg) return err(Errno.EINVAL);
  return file.inode.truncate(Math.floor(length), ctx);
}

/** The I/O syscalls. */
export const fsRwSyscalls: SyscallGroup = {
  read: { handler: read, level: 'full' },
  write: { handler: write, level: 'full' },
  pread: { handler: pread, level: 'full' },
  pwrite: { handler: pwrite, level: 'full' },
  lseek: { handler: lseek, level: 'full' },
  ioctl: { handler: ioctl, level: 'partial', note: 'terminal ioctls (termios, winsize, sessions, pty TIOCGPTN/TIOCSPTLCK/TIOCSIG) on ptys and the console; no others' },
  fsync: { handler: fsync, level: 'full' },
  sync: { handler: sync, level: 'full' },
  truncate: { handler: truncate, level: 'full' },
  ftruncate: { handler: ftruncate, level: 'full' },
};
