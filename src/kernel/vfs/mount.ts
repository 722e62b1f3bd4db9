// Mounts (Linux's struct mount): a superblock's subtree grafted on a dentry of a parent mount,
// with per-mount flags and propagation type. Mounts form one tree per MountNamespace.
import { MS } from '../../abi/index.js';
import type { SuperBlock } from './super-block.js';
import type { Dentry } from './dentry.js';
import type { MountNamespace } from '../ns/mount-namespace.js';
import type { FsContext } from './fs-context.js';

/** A location in the mount tree: the (mount, dentry) pair Linux calls `struct path`. */
export interface PathRef {
  mnt: Mount;
  dentry: Dentry;
}

/** Propagation type set by MS_SHARED/MS_PRIVATE/MS_SLAVE/MS_UNBINDABLE. */
export type Propagation = 'shared' | 'private' | 'slave' | 'unbindable';

/** The per-mount flags a mount keeps (the rest of mount(2)'s flags are actions). */
export const MOUNT_FLAG_MASK = MS.RDONLY | MS.NOSUID | MS.NODEV | MS.NOEXEC | MS.NOATIME | MS.NODIRATIME | MS.RELATIME | MS.STRICTATIME;

let nextMountId = 20;
const NO_CHILDREN: ReadonlyMap<Dentry, Mount> = new Map();
const NO_USERS: ReadonlySet<FsContext> = new Set();
let nextPeerGroup = 1;

/** A fresh peer group ID for a mount made shared. */
export function allocPeerGroup(): number {
  return nextPeerGroup++;
}

export class Mount {
  /** mountinfo's mount ID. */
  readonly id = nextMountId++;
  parent: Mount | null = null;
  /** The dentry in `parent` this mount covers. */
  mountpoint: Dentry | null = null;
  /**
   * Child mounts by the dentry they cover, made on the first one (most mounts are leaves).
   * Written only by attachMount/detachMount. Invariant: at most one child per dentry (stacks nest).
   */
  childMap: Map<Dentry, Mount> | undefined = undefined;
  propagation: Propagation = 'private';
  /** Peer group ID for shared mounts (mountinfo `shared:N`). */
  peerGroup = 0;
  /**
   * Flags a less privileged namespace may not clear (MNT_LOCK_*): set on mounts copied into a
   * mount namespace owned by another user namespace.
   */
  lockedFlags = 0;
  /** Open file descriptions on this mount (umount without MNT_DETACH fails with EBUSY). */
  openFiles = 0;
  /** Filesystem contexts whose root or cwd is on this mount (made on the first one). */
  private users: Set<FsContext> | undefined = undefined;

  constructor(
    readonly sb: SuperBlock,
    /** The dentry of `sb` this mount shows (sb.root, or a subdirectory for bind mounts). */
    readonly root: Dentry,
    /** MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | atime flags. */
    public flags: number,
    public ns: MountNamespace | null,
  ) {}

  /** Child mounts by the dentry they cover. */
  get children(): ReadonlyMap<Dentry, Mount> {
    return this.childMap ?? NO_CHILDREN;
  }

  /** Filesystem contexts whose root or cwd is on this mount. */
  get fsUsers(): ReadonlySet<FsContext> {
    return this.users ?? NO_USERS;
  }

  addFsUser(fs: FsContext): void {
    (this.users ??= new Set()).add(fs);
  }

  deleteFsUser(fs: FsContext): void {
    this.users?.delete(fs);
  }

  get readonly(): boolean {
    return (this.flags & MS.RDONLY) !== 0 || this.sb.readonly;
  }

  /** Is the mount busy for umount: child mounts, open files or cwd/root users. */
  get busy(): boolean {
    return this.children.size > 0 || this.openFiles > 0 || this.fsUsers.size > 0;
  }

  /** The mount and its descendants, parents first. */
  *subtree(): Generator<Mount> {
    yield this;
    for (const c of this.children.values()) yield* c.subtree();
  }
}

/** Grafts `child` on `mountpoint` of `parent` (attach_mnt). Precondition: nothing mounted there. */
export function attachMount(child: Mount, parent: Mount, mountpoint: Dentry): void {
  child.parent = parent;
  child.mountpoint = mountpoint;
  (parent.childMap ??= new Map()).set(mountpoint, child);
  mountpoint.mounts++;
}

/** Ungrafts `child` from its parent (detach_mnt). */
export function detachMount(child: Mount): void {
  const parent = child.parent;
  const mp = child.mountpoint;
  if (parent && mp && parent.childMap?.get(mp) === child) {
    parent.childMap.delete(mp);
    mp.mounts--;
  }
  child.parent = null;
  child.mountpoint = null;
}

/** Follows mounts stacked on (mnt, dentry) down to the topmost one (follow_mount). */
export function followMounts(mnt: Mount, dentry: Dentry): PathRef {
  while (dentry.mounts > 0) {
    const c = mnt.children.get(dentry);
    if (c === undefined) break;
    mnt = c;
    dentry = c.root;
  }
  return { mnt, dentry };
}

/** Is `path` at or below `top` in the mount tree (is_path_reachable)? */
export function isPathUnder(path: PathRef, top: PathRef): boolean {
  let { mnt, dentry } = path;
  for (;;) {
    if (mnt === top.mnt) return top.dentry.isAncestorOf(dentry);
    if (!mnt.parent || !mnt.mountpoint) return false;
    dentry = mnt.mountpoint;
    mnt = mnt.parent;
  }
}

/**
 * The path of `path` as seen from `root` (d_path): `/a/b`, or `(unreachable)/b…` style when it
 * is not under root, with ` (deleted)` appended for unlinked dentries.
 */
export function pathString(path: PathRef, root: PathRef): { path: string; reachable: boolean } {
  const parts: string[] = [];
  let { mnt, dentry } = path;
  let reachable = true;
  const deleted = path.dentry.deleted;
  for (;;) {
    if (dentry === root.dentry && mnt === root.mnt) break;
    if (dentry === mnt.root) {
      if (!mnt.parent || !mnt.mountpoint) {
        reachable = false;
        break;
      }
      dentry = mnt.mountpoint;
      mnt = mnt.parent;
      continue;
    }
    parts.push(dentry.name);
    if (!dentry.parent) {
      reachable = false;
      break;
    }
    dentry = dentry.parent;
  }
  let s = '/' + parts.reverse().join('/');
  if (!reachable) s = '(unreachable)' + (s === '/' ? '/' : s);
  if (deleted) s += ' (deleted)';
  return { path: s, reachable };
}
