// mount(2), umount2(2), chroot(2) and pivot_root(2): changing the mount tree and the root.
// Mount propagation flags are accepted and recorded (mountinfo shows them) but events are
// not propagated between peers.
import { AT_FDCWD, CAP, Errno, MNT, MS, UMOUNT_NOFOLLOW, type SysResult } from '../../abi/index.js';
import type { SyscallContext, SyscallGroup } from '../syscall-table.js';
import { MAY_EXEC } from '../vfs/inode.js';
import { lookupAt } from '../vfs/namei.js';
import { inodePermission } from '../vfs/permission.js';
import {
  MOUNT_FLAG_MASK, Mount, allocPeerGroup, attachMount, detachMount, followMounts, isPathUnder, type PathRef, type Propagation,
} from '../vfs/mount.js';
import { fileSystems } from '../vfs/fs-type-registry.js';
import { servicesOf } from '../vfs/kernel-services.js';
import type { MountNamespace } from '../ns/mount-namespace.js';
import { OK_VOID, err } from './fs-util.js';

const PROPAGATION_FLAGS = MS.SHARED | MS.PRIVATE | MS.SLAVE | MS.UNBINDABLE;

function mayMount(ctx: SyscallContext): boolean {
  return ctx.proc.cred.capableIn(ctx.proc.ns.mnt.owner, CAP.SYS_ADMIN);
}

/** Copies the mount `src` (showing `root`) and, with `recursive`, the mounts below it, into `ns`. */
function cloneTree(src: Mount, root: PathRef['dentry'], ns: MountNamespace, recursive: boolean): Mount {
  const copy = new Mount(src.sb, root, src.flags & MOUNT_FLAG_MASK, ns);
  copy.lockedFlags = src.lockedFlags;
  if (recursive) {
    for (const [mp, child] of src.children) {
      if (child.propagation === 'unbindable' || !root.isAncestorOf(mp)) continue;
      attachMount(cloneTree(child, child.root, ns, true), copy, mp);
    }
  }
  return copy;
}

function remount(t: PathRef, flags: number, data: string): SysResult<void> {
  const mnt = t.mnt;
  if (t.dentry !== mnt.root) return err(Errno.EINVAL);
  const next = flags & MOUNT_FLAG_MASK;
  if ((mnt.lockedFlags & ~next) !== 0) return err(Errno.EPERM);
  if (!(flags & MS.BIND)) {
    const r = mnt.sb.remount(data ?? '');
    if (!r.ok) return r;
    mnt.sb.readonly = (flags & MS.RDONLY) !== 0;
  }
  mnt.flags = next;
  return OK_VOID;
}

function bind(ctx: SyscallContext, source: string, t: PathRef, flags: number): SysResult<void> {
  const s = lookupAt(ctx, AT_FDCWD, source, true);
  if (!s.ok) return s;
  const src = s.value;
  if (src.mnt.ns !== ctx.proc.ns.mnt || src.mnt.propagation === 'unbindable') return err(Errno.EINVAL);
  if (src.dentry.inode.isDir !== t.dentry.inode.isDir) return err(Errno.ENOTDIR);
  const copy = cloneTree(src.mnt, src.dentry, ctx.proc.ns.mnt, (flags & MS.REC) !== 0);
  attachMount(copy, t.mnt, t.dentry);
  return OK_VOID;
}

function setPropagation(t: PathRef, flags: number): SysResult<void> {
  if (t.dentry !== t.mnt.root) return err(Errno.EINVAL);
  const kind = flags & PROPAGATION_FLAGS;
  if ((kind & (kind - 1)) !== 0) return err(Errno.EINVAL);
  const type: Propagation = kind === MS.SHARED ? 'shared' : kind === MS.SLAVE ? 'slave' : kind === MS.UNBINDABLE ? 'unbindable' : 'private';
  for (const m of flags & MS.REC ? [...t.mnt.subtree()] : [t.mnt]) {
    if (type === 'shared' && m.propagation !== 'shared') m.peerGroup = allocPeerGroup();
    if (type !== 'shared' && type !== 'slave') m.peerGroup = 0;
    m.propagation = type;
  }
  return OK_VOID;
}

function move(ctx: SyscallContext, source: string, t: PathRef): SysResult<void> {
  const s = lookupAt(ctx, AT_FDCWD, source, true);
  if (!s.ok) return s;
  const src = s.value.mnt;
  if (s.value.dentry !== src.root || !src.parent || src.ns !== ctx.proc.ns.mnt) return err(Errno.EINVAL);
  if (isPathUnder(t, { mnt: src, dentry: src.root })) return err(Errno.ELOOP);
  detachMount(src);
  attachMount(src, t.mnt, t.dentry);
  return OK_VOID;
}

function newMount(ctx: SyscallContext, source: string, t: PathRef, fstype: string, flags: number, data: string): SysResult<void> {
  const type = fileSystems.get(fstype);
  if (!type) return err(Errno.ENODEV);
  const cred = ctx.proc.cred;
  if (cred.userns.parent && !type.usernsMount) return err(Errno.EPERM);
  const r = type.mount({ source: source ?? '', flags, data: data ?? '', clock: servicesOf(ctx).clock, userns: cred.userns, ctx });
  if (!r.ok) return r;
  const sb = r.value;
  if (flags & MS.RDONLY) sb.readonly = true;
  attachMount(new Mount(sb, sb.root, flags & MOUNT_FLAG_MASK, ctx.proc.ns.mnt), t.mnt, t.dentry);
  return OK_VOID;
}

/**
 * mount(source, target, fstype, flags, data): new mounts of registered types, MS_BIND (with
 * MS_REC), MS_REMOUNT (with MS_BIND: per-mount flags only), MS_MOVE, and MS_SHARED/
 * MS_PRIVATE/MS_SLAVE/MS_UNBINDABLE (with MS_REC). Errors: EPERM (no CAP_SYS_ADMIN over the
 * mount namespace, a type not mountable in a user namespace, clearing a locked flag), ENODEV
 * (unknown type), ENOENT, ENOTDIR (bind of a directory onto a file or back), EINVAL (not a
 * mount root for remount/propagation/move, several propagation types, bad options, foreign
 * namespace), ELOOP (move under itself), EACCES, ENOSPC.
 */
export function mount(ctx: SyscallContext, source: string, target: string, fstype: string, flags: number, data: string): SysResult<void> {
  if (typeof target !== 'string') return err(Errno.EFAULT);
  if ((flags >>> 16) === 0xc0ed) flags &= 0xffff; // MS_MGC_VAL, the old magic
  if (!mayMount(ctx)) return err(Errno.EPERM);
  const r = lookupAt(ctx, AT_FDCWD, target, true);
  if (!r.ok) return r;
  const t = r.value;
  if (t.mnt.ns !== ctx.proc.ns.mnt) return err(Errno.EINVAL);
  if (flags & MS.REMOUNT) return remount(t, flags, data);
  if (flags & MS.BIND) return bind(ctx, source, t, flags);
  if (flags & PROPAGATION_FLAGS) return setPropagation(t, flags);
  if (flags & MS.MOVE) return move(ctx, source, t);
  return newMount(ctx, source, t, fstype, flags, data);
}

/**
 * umount2(target, flags): flags MNT_FORCE (accepted), MNT_DETACH (lazy: detach the subtree now,
 * users keep it), MNT_EXPIRE (EAGAIN), UMOUNT_NOFOLLOW. Errors: EPERM, EINVAL (not a mount
 * point, not in the caller's namespace, the namespace root, bad flags), EBUSY (child mounts,
 * open files, cwd or root on it), ENOENT, ENOTDIR, EACCES.
 */
export function umount2(ctx: SyscallContext, target: string, flags = 0): SysResult<void> {
  if ((flags & ~(MNT.FORCE | MNT.DETACH | MNT.EXPIRE | UMOUNT_NOFOLLOW)) !== 0) return err(Errno.EINVAL);
  if ((flags & MNT.EXPIRE) && (flags & (MNT.FORCE | MNT.DETACH))) return err(Errno.EINVAL);
  if (!mayMount(ctx)) return err(Errno.EPERM);
  const r = lookupAt(ctx, AT_FDCWD, target, (flags & UMOUNT_NOFOLLOW) === 0);
  if (!r.ok) return r;
  // LOOKUP_MOUNTPOINT: the target is the topmost mount stacked on the final component, so
  // runc's pivot_root(".", ".") + umount2(".", MNT_DETACH) detaches the old root.
  const { mnt, dentry } = followMounts(r.value.mnt, r.value.dentry);
  if (dentry !== mnt.root || mnt.ns !== ctx.proc.ns.mnt || !mnt.parent) return err(Errno.EINVAL);
  if (flags & MNT.EXPIRE) return err(Errno.EAGAIN);
  if (!(flags & MNT.DETACH)) {
    if (ctx.proc.fs.root.mnt === mnt || mnt.busy) return err(Errno.EBUSY);
  }
  const subtree = [...mnt.subtree()];
  detachMount(mnt);
  for (const m of subtree) m.ns = null;
  return OK_VOID;
}

/** chroot(path). Errors: EPERM (no CAP_SYS_CHROOT), ENOENT, ENOTDIR, EACCES, ELOOP. */
export function chroot(ctx: SyscallContext, path: string): SysResult<void> {
  const r = lookupAt(ctx, AT_FDCWD, path, true);
  if (!r.ok) return r;
  const inode = r.value.dentry.inode;
  if (!inode.isDir) return err(Errno.ENOTDIR);
  const e = inodePermission(ctx.proc.cred, inode, MAY_EXEC);
  if (e) return err(e);
  if (!ctx.proc.cred.hasCap(CAP.SYS_CHROOT)) return err(Errno.EPERM);
  ctx.proc.fs.setRoot(r.value);
  return OK_VOID;
}

/**
 * pivot_root(new_root, put_old): makes new_root the root mount of the caller's view and
 * moves the old root mount to put_old; processes whose root or cwd was the old root move to
 * the new one. Errors: EPERM (no CAP_SYS_ADMIN), ENOTDIR, ENOENT, EBUSY (new_root or put_old
 * on the current root mount), EINVAL (new_root not a mount point, root not a mount point,
 * put_old not under new_root, new_root not under the root, shared mounts involved, foreign
 * namespace), EACCES, ELOOP.
 */
export function pivot_root(ctx: SyscallContext, newRoot: string, putOld: string): SysResult<void> {
  if (!mayMount(ctx)) return err(Errno.EPERM);
  const nr = lookupAt(ctx, AT_FDCWD, newRoot, true);
  if (!nr.ok) return nr;
  const or = lookupAt(ctx, AT_FDCWD, putOld, true);
  if (!or.ok) return or;
  const nw = nr.value, old = or.value;
  if (!nw.dentry.inode.isDir || !old.dentry.inode.isDir) return err(Errno.ENOTDIR);
  const fs = ctx.proc.fs;
  const root = { mnt: fs.root.mnt, dentry: fs.root.dentry };
  const ns = ctx.proc.ns.mnt;
  if (nw.mnt.ns !== ns || old.mnt.ns !== ns || root.mnt.ns !== ns) return err(Errno.EINVAL);
  if (old.mnt.propagation === 'shared' || nw.mnt.parent?.propagation === 'shared' || root.mnt.parent?.propagation === 'shared') return err(Errno.EINVAL);
  if (nw.dentry.deleted || old.dentry.deleted) return err(Errno.ENOENT);
  if (nw.mnt === root.mnt || old.mnt === root.mnt) return err(Errno.EBUSY);
  if (root.dentry !== root.mnt.root || !root.mnt.parent || !root.mnt.mountpoint) return err(Errno.EINVAL);
  if (nw.dentry !== nw.mnt.root || !nw.mnt.parent) return err(Errno.EINVAL);
  if (!isPathUnder(old, nw) || !isPathUnder(nw, root)) return err(Errno.EINVAL);
  const rootParent = root.mnt.parent;
  const rootMp = root.mnt.mountpoint;
  detachMount(nw.mnt);
  detachMount(root.mnt);
  attachMount(root.mnt, old.mnt, old.dentry);
  attachMount(nw.mnt, rootParent, rootMp);
  const target = { mnt: nw.mnt, dentry: nw.dentry };
  for (const user of [...root.mnt.fsUsers]) {
    if (user.root.mnt === root.mnt && user.root.dentry === root.dentry) user.setRoot(target);
    if (user.cwd.mnt === root.mnt && user.cwd.dentry === root.dentry) user.setCwd(target);
  }
  return OK_VOID;
}

/** The mount syscalls. */
export const mountSyscalls: SyscallGroup = {
  mount: { handler: mount, level: 'partial', note: 'propagation flags recorded but not propagated' },
  umount2: { handler: umount2, level: 'full' },
  chroot: { handler: chroot, level: 'full' },
  pivot_root: { handler: pivot_root, level: 'full' },
};
