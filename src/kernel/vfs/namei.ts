// Path resolution (Linux's namei): walks a path from the process root or a start directory,
// honouring chroot, `..` at the root and at mount roots, mount crossing, symlinks (ELOOP after
// 40), trailing slashes and search permission. *at() start-directory lookup lives here too.
import { AT_FDCWD, Errno, type SysResult } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import { MAY_EXEC } from './inode.js';
import { inodePermission } from './permission.js';
import { lookupChild, type Dentry } from './dentry.js';
import { followMounts, type Mount, type PathRef } from './mount.js';

export const PATH_MAX = 4096;
export const NAME_MAX = 255;
/** Symlinks followed in one resolution before ELOOP (Linux's MAXSYMLINKS). */
export const MAXSYMLINKS = 40;

/** The directory that will hold the last component, and that component. */
export interface ParentPath {
  dir: PathRef;
  /** The last component: may be `.` or `..`, or `` when the path is only slashes (`/`). */
  name: string;
  /** The path ended with `/` after the last component. */
  trailingSlash: boolean;
}

const fail = (errno: number): { ok: false; errno: number } => ({ ok: false, errno });

/**
 * Resolves `path` from `start` (ignored for absolute paths), following a final symlink when
 * `follow`. Errors: ENOENT (missing component, empty path, empty symlink), ENOTDIR, EACCES
 * (no search permission on a directory), ELOOP (more than 40 symlinks), ENAMETOOLONG.
 */
export function namei(ctx: SyscallContext, start: PathRef, path: string, follow: boolean): SysResult<PathRef> {
  return walk(ctx, start, path, follow, false) as SysResult<PathRef>;
}

/**
 * Resolves all but the last component of `path` (for create, unlink, rename…). The last
 * component is not looked up and not checked. Errors as namei.
 */
export function nameiParent(ctx: SyscallContext, start: PathRef, path: string): SysResult<ParentPath> {
  return walk(ctx, start, path, false, true) as SysResult<ParentPath>;
}

function walk(ctx: SyscallContext, start: PathRef, path: string, follow: boolean, wantParent: boolean): SysResult<PathRef | ParentPath> {
  if (typeof path !== 'string') return fail(Errno.EFAULT);
  if (path.length === 0) return fail(Errno.ENOENT);
  if (path.length >= PATH_MAX) return fail(Errno.ENAMETOOLONG);
  const cred = ctx.proc.cred;
  const root = ctx.proc.fs.root;
  let mnt: Mount, dentry: Dentry;
  if (path.charCodeAt(0) === 47) {
    mnt = root.mnt;
    dentry = root.dentry;
  } else {
    mnt = start.mnt;
    dentry = start.dentry;
  }
  let p = path;
  let i = 0;
  let links = 0;
  let mustBeDir = false;
  for (;;) {
    const len = p.length;
    while (i < len && p.charCodeAt(i) === 47) i++;
    if (i >= len) break;
    let j = p.indexOf('/', i);
    if (j < 0) j = len;
    if (j - i > NAME_MAX) return fail(Errno.ENAMETOOLONG);
    const name = p.slice(i, j);
    let k = j;
    while (k < len && p.charCodeAt(k) === 47) k++;
    const last = k >= len;
    const trailing = last && j < len;
    i = k;
    const dirInode = dentry.inode;
    if (!dirInode.isDir) return fail(Errno.ENOTDIR);
    const perm = inodePermission(cred, dirInode, MAY_EXEC);
    if (perm !== 0) return fail(perm);
    if (last && wantParent) return { ok: true, value: { dir: { mnt, dentry }, name, trailingSlash: trailing } };
    mustBeDir = trailing;
    if (name === '.') continue;
    if (name === '..') {
      for (;;) {
        if (dentry === root.dentry && mnt === root.mnt) break;
        if (dentry !== mnt.root) {
          dentry = dentry.parent ?? dentry;
          break;
        }
        if (!mnt.parent || !mnt.mountpoint) break;
        dentry = mnt.mountpoint;
        mnt = mnt.parent;
      }
      if (dentry.mounts > 0) ({ mnt, dentry } = followMounts(mnt, dentry));
      continue;
    }
    const child = lookupChild(dentry, name, ctx);
    if (child === undefined) return fail(Errno.ENOENT);
    let cm = mnt;
    let cd = child;
    if (cd.mounts > 0) ({ mnt: cm, dentry: cd } = followMounts(mnt, cd));
    if (cd.inode.isSymlink && (!last || follow || trailing)) {
      if (++links > MAXSYMLINKS) return fail(Errno.ELOOP);
      const t = cd.inode.readlink(ctx);
      if (!t.ok) return t;
      const target = t.value;
      if (target.length === 0) return fail(Errno.ENOENT);
      p = target + p.slice(j);
      i = 0;
      if (p.length >= PATH_MAX) return fail(Errno.ENAMETOOLONG);
      if (target.charCodeAt(0) === 47) {
        mnt = root.mnt;
        dentry = root.dentry;
      }
      continue;
    }
    mnt = cm;
    dentry = cd;
  }
  if (wantParent) return { ok: true, value: { dir: { mnt, dentry }, name: '', trailingSlash: true } };
  if (mustBeDir && !dentry.inode.isDir) return fail(Errno.ENOTDIR);
  return { ok: true, value: { mnt, dentry } };
}

/**
 * The start directory of an *at() call: the cwd for AT_FDCWD (or any absolute path), else the
 * directory open at `dirfd`. Errors: EBADF (dirfd not open), ENOTDIR (not a directory).
 */
export function startDir(ctx: SyscallContext, dirfd: number, path: string): SysResult<PathRef> {
  const fs = ctx.proc.fs;
  if (dirfd === AT_FDCWD || (typeof path === 'string' && path.charCodeAt(0) === 47)) return { ok: true, value: fs.cwd };
  const file = ctx.proc.files.get(dirfd);
  if (file === undefined) return fail(Errno.EBADF);
  if (file.path === null || !file.inode.isDir) return fail(Errno.ENOTDIR);
  return { ok: true, value: file.path };
}

/** startDir + namei. */
export function lookupAt(ctx: SyscallContext, dirfd: number, path: string, follow: boolean): SysResult<PathRef> {
  const s = startDir(ctx, dirfd, path);
  if (!s.ok) return s;
  return walk(ctx, s.value, path, follow, false) as SysResult<PathRef>;
}

/** startDir + nameiParent. */
export function lookupParentAt(ctx: SyscallContext, dirfd: number, path: string): SysResult<ParentPath> {
  const s = startDir(ctx, dirfd, path);
  if (!s.ok) return s;
  return walk(ctx, s.value, path, false, true) as SysResult<ParentPath>;
}
