// The host side of hostfs: HostDirectory over node:fs, and HostExports, the list of real
// directories a machine may mount (the data root's volumes and the bind sources the engine
// asks for). Every call walks the path from the root with lstat and refuses a symlink or a
// non-directory on the way, and the last component is opened with O_NOFOLLOW: the host never
// follows a link, so nothing the machine writes can lead it outside the root.
import {
  closeSync, constants, fchmodSync, fstatSync, fsyncSync, ftruncateSync, linkSync, lstatSync, lutimesSync, mkdirSync, openSync,
  readSync, readdirSync, readlinkSync, realpathSync, renameSync, rmdirSync, symlinkSync, unlinkSync, writeSync, type BigIntStats,
} from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { Errno, type SysResult } from '../abi/index.js';
import type { HostDirectories, HostDirectory, HostStat } from '../kernel/fs/hostfs/index.js';

const { O_RDONLY, O_RDWR, O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK, O_DIRECTORY } = constants;
/** Largest single read (a bigger request is a short read, as pread(2) may be). */
const MAX_READ = 64 << 20;

/** An errno for a thrown node:fs error. */
function errnoOf(e: unknown): number {
  const code = (e as { code?: string }).code;
  return code && code in Errno ? Errno[code as keyof typeof Errno] : Errno.EIO;
}

class HostError extends Error {
  constructor(readonly errno: number) {
    super(`errno ${errno}`);
  }
}

/** Runs a node:fs call, turning a throw into an errno result. */
function attempt<T>(fn: () => T): SysResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, errno: e instanceof HostError ? e.errno : errnoOf(e) };
  }
}

function toHostStat(s: BigIntStats): HostStat {
  return {
    dev: s.dev, ino: s.ino, mode: Number(s.mode), nlink: Number(s.nlink), size: Number(s.size),
    atimeNs: Number(s.atimeNs), mtimeNs: Number(s.mtimeNs), ctimeNs: Number(s.ctimeNs), btimeNs: Number(s.birthtimeNs),
  };
}

/** One host directory tree; see HostDirectory for the path rules. */
export class NodeHostDirectory implements HostDirectory {
  constructor(readonly root: string) {}

  /**
   * The host path of `path`, after checking every directory above its last component is a real
   * directory (not a symlink). Throws HostError (EINVAL for a bad component, ENOTDIR).
   */
  private hostPath(path: string): string {
    if (path === '') return this.root;
    const parts = path.split('/');
    let at = this.root;
    const dirCheck = (p: string) => {
      const st = lstatSync(p);
      if (!st.isDirectory()) throw new HostError(st.isSymbolicLink() ? Errno.ELOOP : Errno.ENOTDIR);
    };
    for (const c of parts) {
      if (c === '' || c === '.' || c === '..' || c.includes('\0') || c.includes(sep)) throw new HostError(Errno.EINVAL);
    }
    dirCheck(at);
    for (let i = 0; i < parts.length; i++) {
      at = `${at}/${parts[i]}`;
      if (i < parts.length - 1) dirCheck(at);
    }
    return at;
  }

  lstat(path: string): SysResult<HostStat> {
    return attempt(() => toHostStat(lstatSync(this.hostPath(path), { bigint: true })));
  }

  readdir(path: string): SysResult<string[]> {
    return attempt(() => {
      const p = this.hostPath(path);
      if (lstatSync(p).isSymbolicLink()) throw new HostError(Errno.ENOTDIR);
      return readdirSync(p);
    });
  }

  open(path: string, writable: boolean): SysResult<number> {
    return attempt(() => {
      const p = this.hostPath(path);
      let fd: number;
      try {
        fd = openSync(p, (writable ? O_RDWR : O_RDONLY) | O_NOFOLLOW | O_NONBLOCK);
      } catch (e) {
        if (!writable || errnoOf(e) !== Errno.EACCES) throw e;
        fd = openSync(p, O_WRONLY | O_NOFOLLOW | O_NONBLOCK);
      }
      if (!fstatSync(fd).isFile()) {
        closeSync(fd);
        throw new HostError(Errno.EINVAL);
      }
      return fd;
    });
  }

  fstat(handle: number): SysResult<HostStat> {
    return attempt(() => toHostStat(fstatSync(handle, { bigint: true })));
  }

  pread(handle: number, pos: number, count: number): SysResult<Uint8Array> {
    return attempt(() => {
      const buf = Buffer.alloc(Math.max(0, Math.min(count, MAX_READ)));
      let n = 0;
      while (n < buf.length) {
        const got = readSync(handle, buf, n, buf.length - n, pos + n);
        if (got === 0) break;
        n += got;
      }
      return new Uint8Array(buf.buffer, buf.byteOffset, n);
    });
  }

  pwrite(handle: number, pos: number, data: Uint8Array): SysResult<number> {
    return attempt(() => writeSync(handle, data, 0, data.length, pos));
  }

  ftruncate(handle: number, size: number): SysResult<void> {
    return attempt(() => ftruncateSync(handle, size));
  }

  fsync(handle: number): SysResult<void> {
    return attempt(() => fsyncSync(handle));
  }

  close(handle: number): void {
    try { closeSync(handle); } catch { /* already gone */ }
  }

  createFile(path: string, mode: number): SysResult<void> {
    return attempt(() => {
      const fd = openSync(this.hostPath(path), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
      try { fchmodSync(fd, mode); } finally { closeSync(fd); }
    });
  }

  mkdir(path: string, mode: number): SysResult<void> {
    return attempt(() => {
      const p = this.hostPath(path);
      mkdirSync(p, { mode });
      this.chmodNoFollow(p, mode);
    });
  }

  symlink(target: string, path: string): SysResult<void> {
    return attempt(() => symlinkSync(target, this.hostPath(path)));
  }

  readlink(path: string): SysResult<string> {
    return attempt(() => readlinkSync(this.hostPath(path)));
  }

  link(existing: string, path: string): SysResult<void> {
    return attempt(() => linkSync(this.hostPath(existing), this.hostPath(path)));
  }

  unlink(path: string): SysResult<void> {
    return attempt(() => unlinkSync(this.hostPath(path)));
  }

  rmdir(path: string): SysResult<void> {
    return attempt(() => rmdirSync(this.hostPath(path)));
  }

  rename(from: string, to: string): SysResult<void> {
    return attempt(() => renameSync(this.hostPath(from), this.hostPath(to)));
  }

  chmod(path: string, mode: number): SysResult<void> {
    return attempt(() => this.chmodNoFollow(this.hostPath(path), mode));
  }

  utimes(path: string, atimeNs: number, mtimeNs: number): SysResult<void> {
    return attempt(() => lutimesSync(this.hostPath(path), atimeNs / 1e9, mtimeNs / 1e9));
  }

  /** chmod that never follows a symlink: fchmod on an O_NOFOLLOW descriptor. */
  private chmodNoFollow(p: string, mode: number): void {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) throw new HostError(Errno.EOPNOTSUPP);
    const fd = openSync(p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | (st.isDirectory() ? O_DIRECTORY : 0));
    try { fchmodSync(fd, mode); } finally { closeSync(fd); }
  }
}

/**
 * The real directories a machine may mount with hostfs: those allowed (and what is below them),
 * compared by real path, so a symlink cannot turn an allowed name into another directory.
 */
export class HostExports implements HostDirectories {
  private readonly roots = new Set<string>();
  private readonly opened = new Map<string, NodeHostDirectory>();

  /** Lets machines mount `dir` and what is below it. Throws when it does not exist. */
  allow(dir: string): void {
    this.roots.add(realpathSync(dir));
  }

  open(source: string): SysResult<HostDirectory> {
    if (!isAbsolute(source)) return { ok: false, errno: Errno.EINVAL };
    const real = attempt(() => realpathSync(resolve(source)));
    if (!real.ok) return real;
    const allowed = [...this.roots].some((r) => real.value === r || real.value.startsWith(r.endsWith(sep) ? r : `${r}${sep}`));
    if (!allowed) return { ok: false, errno: Errno.EACCES };
    let dir = this.opened.get(real.value);
    if (!dir) this.opened.set(real.value, (dir = new NodeHostDirectory(real.value)));
    return { ok: true, value: dir };
  }
}
