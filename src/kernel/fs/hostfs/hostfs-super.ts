// The hostfs superblock and filesystem type: mount('/real/dir', target, 'hostfs', flags, '')
// makes a real host directory the root of a mount. Which directories may be mounted is the
// business of the HostDirectories the machine was booted with (attachHostDirectories): a kernel
// without one answers ENODEV. Path resolution inside the mount is the VFS's own, component by
// component, so `..` and symlinks (absolute or relative) can never leave the mount's root;
// the host is never asked to follow a symlink.
import { Errno, S, type SysResult } from '../../../abi/index.js';
import { SuperBlock } from '../../vfs/super-block.js';
import type { FileSystemType, MountRequest } from '../../vfs/fs-type-registry.js';
import type { Clock } from '../../vfs/kernel-services.js';
import { parseMountOptions } from '../mount-options.js';
import type { HostDirectories, HostDirectory, HostStat } from './host-directory.js';
import { HostfsInode, hostKey } from './hostfs-inode.js';
import { HostMeta } from './hostfs-meta.js';

/** One mounted host directory. Inodes are cached by host identity, so hard links share one. */
export class HostfsSuperBlock extends SuperBlock {
  private readonly inodes = new Map<string, HostfsInode>();

  constructor(clock: Clock, readonly dir: HostDirectory, readonly meta: HostMeta) {
    super('hostfs', clock, dir.root);
    this.volatile = true; // the host may change the tree: every walk asks it again
  }

  /** The inode of host file `path` (stat `h`), cached by identity; its path is brought up to date. */
  inodeFor(path: string, h: HostStat): HostfsInode {
    const key = hostKey(h);
    let inode = this.inodes.get(key);
    if (inode && (inode.mode & S.IFMT) !== (h.mode & S.IFMT) && this.meta.get(key)?.mode === undefined) inode = undefined; // a new file under a reused number
    if (inode) {
      inode.path = path;
      inode.apply(h);
      return inode;
    }
    inode = new HostfsInode(this, path, h, key);
    this.inodes.set(key, inode);
    return inode;
  }

  /** A file moved to `to`: it and (for a directory) every cached inode below it get new paths. */
  moved(inode: HostfsInode, to: string): void {
    const from = inode.path;
    inode.path = to;
    if (!inode.isDir) return;
    for (const other of this.inodes.values()) {
      if (other.path.startsWith(`${from}/`)) other.path = `${to}${other.path.slice(from.length)}`;
    }
  }

  /** The file has no links and no open handles left. */
  forget(inode: HostfsInode): void {
    if (this.inodes.get(inode.key) === inode) this.inodes.delete(inode.key);
    this.meta.forget(inode.key);
  }
}

/** The host directories each kernel may mount, and the metadata shared by their mounts. */
const machines = new WeakMap<object, { dirs: HostDirectories; meta: HostMeta }>();

/** Gives `kernel` the host directories it may mount with hostfs. */
export function attachHostDirectories(kernel: object, dirs: HostDirectories): void {
  machines.set(kernel, { dirs, meta: metaFor(dirs) });
}

const metas = new WeakMap<HostDirectories, HostMeta>();
function metaFor(dirs: HostDirectories): HostMeta {
  let m = metas.get(dirs);
  if (!m) metas.set(dirs, (m = new HostMeta()));
  return m;
}

/**
 * Mounts the host directory `req.source`. Options: none besides the generic rw/ro/nosuid/nodev/
 * noexec/relatime. Errors: ENODEV (the machine has no host directories), EACCES (not one it was
 * given), ENOENT, ENOTDIR, EINVAL (unknown option).
 */
export function mountHostfs(req: MountRequest): SysResult<HostfsSuperBlock> {
  const machine = req.ctx ? machines.get(req.ctx.kernel) : undefined;
  if (!machine) return { ok: false, errno: Errno.ENODEV };
  for (const key of parseMountOptions(req.data).keys()) {
    if (!['rw', 'ro', 'nosuid', 'nodev', 'noexec', 'relatime'].includes(key)) return { ok: false, errno: Errno.EINVAL };
  }
  const dir = machine.dirs.open(req.source);
  if (!dir.ok) return dir;
  const h = dir.value.lstat('');
  if (!h.ok) return h;
  if ((h.value.mode & S.IFMT) !== S.IFDIR) return { ok: false, errno: Errno.ENOTDIR };
  const sb = new HostfsSuperBlock(req.clock, dir.value, machine.meta);
  const root = sb.inodeFor('', h.value);
  sb.setRoot(root);
  return { ok: true, value: sb };
}

/** The hostfs filesystem type (not mountable inside user namespaces). */
export const hostfsType: FileSystemType = { name: 'hostfs', mount: mountHostfs };
