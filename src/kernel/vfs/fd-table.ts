// The file descriptor table of a process: fd numbers → open file descriptions (shared on
// dup/fork) plus the per-fd close-on-exec flag. Lowest free fd first; RLIMIT_NOFILE-like limit.
import { Errno, type SysResult } from '../../abi/index.js';
import type { OpenFile } from './open-file.js';

/** Default limit on fds per process (RLIMIT_NOFILE soft limit): EMFILE beyond it. */
export const DEFAULT_NOFILE = 1024;

export class FdTable {
  /** RLIMIT_NOFILE: fds must be below this. */
  maxFds = DEFAULT_NOFILE;
  private files: (OpenFile | undefined)[] = [];
  private cloexec: boolean[] = [];
  /** Invariant: every fd below `lowestFree` is in use. */
  private lowestFree = 0;
  private used = 0;

  /** The open file at `fd`, or undefined (EBADF). */
  get(fd: number): OpenFile | undefined {
    return this.files[fd];
  }

  /** Number of open fds. */
  get count(): number {
    return this.used;
  }

  /**
   * Puts `file` at the lowest free fd ≥ `minFd`, taking a reference. Errors: EMFILE
   * (no free fd below maxFds), EINVAL (minFd beyond the limit).
   */
  alloc(file: OpenFile, cloexec: boolean, minFd = 0): SysResult<number> {
    if (minFd >= this.maxFds) return { ok: false, errno: Errno.EINVAL };
    let fd = minFd > this.lowestFree ? minFd : this.lowestFree;
    const files = this.files;
    while (fd < files.length && files[fd] !== undefined) fd++;
    if (fd >= this.maxFds) return { ok: false, errno: Errno.EMFILE };
    if (minFd <= this.lowestFree) this.lowestFree = fd + 1;
    this.set(fd, file, cloexec);
    return { ok: true, value: fd };
  }

  /** Is there a free fd at all (cheap early EMFILE check)? */
  hasFree(): boolean {
    return this.used < this.maxFds;
  }

  /**
   * Puts `file` exactly at `fd` (dup2/dup3), closing what was there, taking a reference.
   * Errors: EBADF (fd negative or beyond the limit).
   */
  replace(fd: number, file: OpenFile, cloexec: boolean): SysResult<number> {
    if (!Number.isInteger(fd) || fd < 0 || fd >= this.maxFds) return { ok: false, errno: Errno.EBADF };
    file.get(); // before put(): old may be this very file
    const old = this.files[fd];
    if (old) {
      this.used--;
      this.files[fd] = undefined;
      old.put();
    }
    this.files[fd] = file;
    this.cloexec[fd] = cloexec;
    this.used++;
    if (fd === this.lowestFree) this.advanceLowest();
    return { ok: true, value: fd };
  }

  /**
   * For the kernel core: install `file` (e.g. from openCustomFile) as `fd`, or at the lowest
   * free fd. Returns the fd or an errno (EMFILE, EBADF).
   */
  installFile(file: OpenFile, fd?: number, cloexec = false): SysResult<number> {
    return fd === undefined ? this.alloc(file, cloexec) : this.replace(fd, file, cloexec);
  }

  /** Closes `fd`; false if it was not open (EBADF). */
  close(fd: number): boolean {
    const file = this.files[fd];
    if (file === undefined) return false;
    this.files[fd] = undefined;
    this.used--;
    if (fd < this.lowestFree) this.lowestFree = fd;
    if (fd === this.files.length - 1) this.trim();
    file.put();
    return true;
  }

  isCloexec(fd: number): boolean {
    return this.cloexec[fd] === true;
  }

  setCloexec(fd: number, on: boolean): void {
    if (this.files[fd]) this.cloexec[fd] = on;
  }

  /** Open fds in increasing order (for /proc/<pid>/fd). */
  fds(): number[] {
    const out: number[] = [];
    for (let fd = 0; fd < this.files.length; fd++) if (this.files[fd]) out.push(fd);
    return out;
  }

  /**
   * A copy sharing the same open file descriptions, as fork gives the child. Array copies and
   * one tight loop: an engine forks every container from a table with 3 fds per running container.
   */
  clone(): FdTable {
    const t = new FdTable();
    t.maxFds = this.maxFds;
    t.files = this.files.slice();
    t.cloexec = this.cloexec.slice();
    for (const f of t.files) if (f !== undefined) f.get();
    t.used = this.used;
    t.lowestFree = this.lowestFree;
    return t;
  }

  /** Closes every fd marked FD_CLOEXEC (execve). */
  closeOnExec(): void {
    const files = this.files;
    const cloexec = this.cloexec;
    let lowest = -1;
    for (let fd = 0; fd < files.length; fd++) {
      const f = files[fd];
      if (f === undefined) {
        if (lowest < 0) lowest = fd;
        continue;
      }
      if (cloexec[fd] !== true) continue;
      files[fd] = undefined;
      this.used--;
      if (lowest < 0) lowest = fd;
      f.put();
    }
    if (lowest >= 0 && lowest < this.lowestFree) this.lowestFree = lowest;
    this.trim();
  }

  /** Closes every fd (exit). */
  closeAll(): void {
    for (let fd = 0; fd < this.files.length; fd++) if (this.files[fd]) this.close(fd);
    this.files = [];
    this.cloexec = [];
    this.lowestFree = 0;
  }

  private set(fd: number, file: OpenFile, cloexec: boolean): void {
    file.get();
    this.files[fd] = file;
    this.cloexec[fd] = cloexec;
    this.used++;
  }

  /**
   * Drops the free slots at the end of the arrays. A forked child inherits the parent's table;
   * without this, a container init forked by an engine holding thousands of fds would keep an
   * array that long after execve closed them (and every clone of it would too).
   */
  private trim(): void {
    let n = this.files.length;
    while (n > 0 && this.files[n - 1] === undefined) n--;
    this.files.length = n;
    if (this.cloexec.length > n) this.cloexec.length = n;
  }

  private advanceLowest(): void {
    let fd = this.lowestFree;
    while (fd < this.files.length && this.files[fd] !== undefined) fd++;
    this.lowestFree = fd;
  }
}
