// Mount namespaces: a mount tree per namespace, copied at clone/unshare(CLONE_NEWNS).
// The tree itself is made of vfs/mount.ts Mounts; this class owns its root and the copy.
import { Namespace } from './namespace.js';
import type { UserNamespace } from './user-namespace.js';
import type { FsContext } from '../vfs/fs-context.js';
import type { Dentry } from '../vfs/dentry.js';
import { MOUNT_FLAG_MASK, Mount, attachMount } from '../vfs/mount.js';

export class MountNamespace extends Namespace {
  readonly kind = 'mnt' as const;
  /** The root of the tree (Linux's rootfs-like bottom mount). Set by whoever creates the namespace. */
  root!: Mount;

  constructor(inum: number, readonly owner: UserNamespace) {
    super(inum);
  }

  /** Every mount of the namespace, parents before children (mountinfo order). */
  mounts(): Mount[] {
    return this.root ? [...this.root.subtree()] : [];
  }

  /** Does a mount of this namespace cover `dentry` (is_local_mountpoint)? */
  isMountpoint(dentry: Dentry): boolean {
    if (dentry.mounts === 0) return false;
    for (const m of this.mounts()) if (m.mountpoint === dentry && m.parent) return true;
    return false;
  }

  /**
   * A copy of the whole mount tree for a new namespace. `fs` is the calling process's context:
   * its root and cwd are moved onto the corresponding mounts of the copy (as copy_mnt_ns does).
   */
  copy(inum: number, owner: UserNamespace, fs: FsContext): MountNamespace {
    const ns = new MountNamespace(inum, owner);
    const map = new Map<Mount, Mount>();
    const clone = (m: Mount): Mount => {
      const c = new Mount(m.sb, m.root, m.flags, ns);
      c.lockedFlags = owner === this.owner ? m.lockedFlags : m.flags & MOUNT_FLAG_MASK;
      c.propagation = m.propagation === 'shared' ? 'slave' : m.propagation;
      if (m.propagation === 'shared' && owner === this.owner) {
        c.propagation = 'shared';
        c.peerGroup = m.peerGroup;
      }
      map.set(m, c);
      for (const [dentry, child] of m.children) attachMount(clone(child), c, dentry);
      return c;
    };
    ns.root = clone(this.root);
    const root = map.get(fs.root.mnt);
    const cwd = map.get(fs.cwd.mnt);
    if (root) fs.setRoot({ mnt: root, dentry: fs.root.dentry });
    if (cwd) fs.setCwd({ mnt: cwd, dentry: fs.cwd.dentry });
    return ns;
  }
}
