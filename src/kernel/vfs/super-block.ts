// A mounted filesystem instance (Linux's struct super_block): device number, inode numbers,
// root dentry, and the hooks mount(2) uses for remount and mountinfo. Filesystems subclass it.
import { Errno, fail, makedev, type SysResult } from '../../abi/index.js';
import type { Clock } from './kernel-services.js';
import type { Inode } from './inode.js';
import { Dentry } from './dentry.js';

let nextAnonMinor = 16;

/** Allocates an anonymous device number (major 0) as Linux's get_anon_bdev does. */
export function allocAnonDev(): number {
  return makedev(0, nextAnonMinor++);
}

/** One filesystem instance. Invariant: `root` is set (setRoot) before the sb is mounted. */
export class SuperBlock {
  /** st_dev of every inode of this filesystem. */
  readonly dev: number = allocAnonDev();
  /** The root dentry, shared by every mount (and bind mount) of this superblock. */
  root!: Dentry;
  /**
   * Entries may appear or vanish without going through the VFS (proc, cgroup, host files):
   * cached dentries are revalidated with Inode.lookup on every path walk.
   */
  volatile = false;
  /** Superblock-level read-only (MS_RDONLY on a new mount or a non-bind remount). */
  readonly = false;
  private nextIno = 1;

  constructor(
    /** The filesystem type name, as /proc/mounts shows it. */
    readonly type: string,
    readonly clock: Clock,
    /** The mount source ("tmpfs", "/dev/sda1", "overlay", a host path…). */
    public source: string,
  ) {}

  /** A fresh inode number (stable for the inode's life). */
  allocIno(): number {
    return this.nextIno++;
  }

  /** Installs the root inode; returns its dentry. */
  setRoot(inode: Inode): Dentry {
    this.root = new Dentry('/', null, inode);
    return this.root;
  }

  /** Superblock options for mountinfo, without rw/ro (e.g. `size=65536k,mode=755`). */
  options(): string {
    return '';
  }

  /** mount(MS_REMOUNT) without MS_BIND: apply new options. Default: options are not changeable. */
  remount(data: string): SysResult<void> {
    return data === '' ? { ok: true, value: undefined } : fail(Errno.EINVAL);
  }

  /** sync(2)/syncfs(2): make written data durable. Default: nothing to do (memory only). */
  sync(): void {}
}
