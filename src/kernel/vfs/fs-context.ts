// Per-process filesystem context: root (chroot), cwd and umask (Linux's fs_struct).
// Shared between threads/clone(CLONE_FS); copied by fork. Pins the mounts it stands on.
import type { Mount, PathRef } from './mount.js';

/** The filesystem context of a process. */
export class FsContext {
  umask = 0o022;
  private rootRef: PathRef;
  private cwdRef: PathRef;
  private released = false;
  /** Processes using this context (CLONE_FS shares it). */
  private users = 1;

  constructor(root: PathRef, cwd: PathRef = root) {
    this.rootRef = { mnt: root.mnt, dentry: root.dentry };
    this.cwdRef = { mnt: cwd.mnt, dentry: cwd.dentry };
    this.rootRef.mnt.addFsUser(this);
    this.cwdRef.mnt.addFsUser(this);
  }

  /** The process root: `/` and the upper bound of `..`. */
  get root(): PathRef {
    return this.rootRef;
  }

  get cwd(): PathRef {
    return this.cwdRef;
  }

  setRoot(p: PathRef): void {
    const old = this.rootRef.mnt;
    this.rootRef = { mnt: p.mnt, dentry: p.dentry };
    this.repin(old, p.mnt);
  }

  setCwd(p: PathRef): void {
    const old = this.cwdRef.mnt;
    this.cwdRef = { mnt: p.mnt, dentry: p.dentry };
    this.repin(old, p.mnt);
  }

  /** Another process shares this context (clone with CLONE_FS). */
  share(): this {
    this.users++;
    return this;
  }

  /** A process using this context is done with it; the last one releases the pins. */
  drop(): void {
    if (--this.users <= 0) this.release();
  }

  /** A copy, as fork without CLONE_FS gives the child. */
  clone(): FsContext {
    const c = new FsContext(this.rootRef, this.cwdRef);
    c.umask = this.umask;
    return c;
  }

  /**
   * Drops the mount pins (call when the last process using this context exits); umount
   * without MNT_DETACH counts pinned mounts as busy.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.rootRef.mnt.deleteFsUser(this);
    this.cwdRef.mnt.deleteFsUser(this);
  }

  private repin(old: Mount, now: Mount): void {
    if (this.released) return;
    if (old !== this.rootRef.mnt && old !== this.cwdRef.mnt) old.deleteFsUser(this);
    now.addFsUser(this);
  }
}
