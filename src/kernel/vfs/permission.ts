// Permission checks (Linux's generic_permission, may_delete, inode_owner_or_capable): owner /
// group / other bits against fsuid/fsgid/groups, with CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
// and CAP_FOWNER counting only for inodes whose owner is mapped in the caller's user namespace.
import { CAP, Errno, S } from '../../abi/index.js';
import type { UserNamespace } from '../ns/user-namespace.js';
import { MAY_EXEC, MAY_READ, MAY_WRITE, type Inode } from './inode.js';

/** Who is asking: Credentials fits; access(2) builds one from the real IDs. IDs are as seen in `userns`. */
export interface FsActor {
  fsuid: number;
  fsgid: number;
  groups: number[];
  userns: UserNamespace;
  hasCap(cap: number): boolean;
}

/** The caller's fsuid as a host ID. */
export function actorUid(a: FsActor): number {
  return a.userns.parent ? a.userns.uidToHost(a.fsuid) : a.fsuid;
}

/** The caller's fsgid as a host ID. */
export function actorGid(a: FsActor): number {
  return a.userns.parent ? a.userns.gidToHost(a.fsgid) : a.fsgid;
}

/** Is host gid `kgid` the caller's fsgid or one of its supplementary groups (in_group_p)? */
export function inGroup(a: FsActor, kgid: number): boolean {
  if (actorGid(a) === kgid) return true;
  const ns = a.userns;
  for (const g of a.groups) if ((ns.parent ? ns.gidToHost(g) : g) === kgid) return true;
  return false;
}

/** Is host uid `kuid` mapped in `ns`? */
export function uidMapped(ns: UserNamespace, kuid: number): boolean {
  return !ns.parent || ns.uidToHost(ns.uidFromHost(kuid)) === kuid;
}

export function gidMapped(ns: UserNamespace, kgid: number): boolean {
  return !ns.parent || ns.gidToHost(ns.gidFromHost(kgid)) === kgid;
}

/** capable_wrt_inode_uidgid: the caller holds `cap` and the inode's owner and group map into its namespace. */
export function capableWrtInode(a: FsActor, inode: Inode, cap: number): boolean {
  return a.hasCap(cap) && uidMapped(a.userns, inode.uid) && gidMapped(a.userns, inode.gid);
}

/**
 * generic_permission: 0 if `mask` (MAY_READ|MAY_WRITE|MAY_EXEC) is allowed, else EACCES.
 * Read-only mounts and noexec are the caller's business (they depend on the mount).
 */
export function inodePermission(a: FsActor, inode: Inode, mask: number): number {
  let mode = inode.mode;
  if (actorUid(a) === inode.uid) mode >>= 6;
  else if (inGroup(a, inode.gid)) mode >>= 3;
  if ((mask & ~mode & 7) === 0) return 0;
  if (inode.isDir) {
    if ((mask & MAY_WRITE) === 0 && capableWrtInode(a, inode, CAP.DAC_READ_SEARCH)) return 0;
    return capableWrtInode(a, inode, CAP.DAC_OVERRIDE) ? 0 : Errno.EACCES;
  }
  if ((mask & MAY_EXEC) === 0 || (inode.mode & 0o111) !== 0) {
    if (capableWrtInode(a, inode, CAP.DAC_OVERRIDE)) return 0;
  }
  if ((mask & ~MAY_READ) === 0 && capableWrtInode(a, inode, CAP.DAC_READ_SEARCH)) return 0;
  return Errno.EACCES;
}

/** inode_owner_or_capable: the caller owns the inode or has CAP_FOWNER over it. */
export function ownerOrCapable(a: FsActor, inode: Inode): boolean {
  return actorUid(a) === inode.uid || capableWrtInode(a, inode, CAP.FOWNER);
}

/** may_create: write and search permission on the directory. Returns 0 or EACCES. */
export function mayCreate(a: FsActor, dir: Inode): number {
  return inodePermission(a, dir, MAY_WRITE | MAY_EXEC);
}

/**
 * may_delete: write+search on `dir`, and in a sticky directory the caller must own the victim
 * or the directory (or have CAP_FOWNER). Returns 0, EACCES or EPERM.
 */
export function mayDelete(a: FsActor, dir: Inode, victim: Inode): number {
  const e = inodePermission(a, dir, MAY_WRITE | MAY_EXEC);
  if (e) return e;
  if (dir.mode & S.ISVTX) {
    const uid = actorUid(a);
    if (uid !== victim.uid && uid !== dir.uid && !capableWrtInode(a, victim, CAP.FOWNER)) return Errno.EPERM;
  }
  return 0;
}
