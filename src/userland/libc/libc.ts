// libc: the C library over `sys`. Turns syscall results back into values or ErrnoError (with
// the syscall and path), and adds what programs expect from libc: PATH search, whole-file
// reads, buffered stdio, environment handling. Programs use this; only libc touches `sys`.
import {
  AT, AT_FDCWD, ErrnoError, Errno, O, SEEK, type Dirent, type Stat, type Sys, type SysResult, type ChildFn,
  type WaitResult, S, type Termios, type Winsize,
} from '../../abi/index.js';
import * as term from './terminal.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 encode. */
export const encode = (s: string): Uint8Array => encoder.encode(s);
/** UTF-8 decode (invalid sequences become U+FFFD, as a terminal would show them). */
export const decode = (b: Uint8Array): string => decoder.decode(b);

/** Unwraps a syscall result or throws ErrnoError naming the call (and path). */
export function check<T>(r: SysResult<T>, syscall: string, path?: string): T {
  if (r.ok) return r.value;
  throw new ErrnoError(r.errno, syscall, path);
}

/** The C library bound to one process's `sys`. */
export class Libc {
  constructor(readonly sys: Sys) {}

  // --- files -------------------------------------------------------------------------------
  async open(path: string, flags: number = O.RDONLY, mode = 0o666): Promise<number> {
    return check(await this.sys.openat(AT_FDCWD, path, flags, mode), 'open', path);
  }

  async close(fd: number): Promise<void> {
    check(await this.sys.close(fd), 'close');
  }

  async read(fd: number, count = 65536): Promise<Uint8Array> {
    return check(await this.sys.read(fd, count), 'read');
  }

  /** Reads until EOF. */
  async readAll(fd: number): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = await this.read(fd, 65536);
      if (chunk.length === 0) break;
      chunks.push(chunk);
      total += chunk.length;
    }
    return concat(chunks, total);
  }

  /** Writes all of `data`, looping over partial writes. */
  async writeAll(fd: number, data: Uint8Array | string): Promise<void> {
    let bytes = typeof data === 'string' ? encode(data) : data;
    while (bytes.length > 0) {
      const n = check(await this.sys.write(fd, bytes), 'write');
      bytes = bytes.subarray(n);
    }
  }

  async readFile(path: string): Promise<Uint8Array> {
    const fd = await this.open(path, O.RDONLY);
    try {
      return await this.readAll(fd);
    } finally {
      await this.sys.close(fd);
    }
  }

  async readTextFile(path: string): Promise<string> {
    return decode(await this.readFile(path));
  }

  async writeFile(path: string, data: Uint8Array | string, mode = 0o666, flags: number = O.WRONLY | O.CREAT | O.TRUNC): Promise<void> {
    const fd = await this.open(path, flags, mode);
    try {
      await this.writeAll(fd, data);
    } finally {
      await this.sys.close(fd);
    }
  }

  async stat(path: string): Promise<Stat> {
    return check(await this.sys.fstatat(AT_FDCWD, path, 0), 'stat', path);
  }

  async lstat(path: string): Promise<Stat> {
    return check(await this.sys.fstatat(AT_FDCWD, path, AT.SYMLINK_NOFOLLOW), 'lstat', path);
  }

  async fstat(fd: number): Promise<Stat> {
    return check(await this.sys.fstat(fd), 'fstat');
  }

  /** stat that answers undefined instead of throwing ENOENT/ENOTDIR. */
  async statOrUndefined(path: string, follow = true): Promise<Stat | undefined> {
    const r = await this.sys.fstatat(AT_FDCWD, path, follow ? 0 : AT.SYMLINK_NOFOLLOW);
    if (r.ok) return r.value;
    if (r.errno === Errno.ENOENT || r.errno === Errno.ENOTDIR) return undefined;
    throw new ErrnoError(r.errno, 'stat', path);
  }

  /** All entries of a directory (including `.` and `..` if the filesystem reports them). */
  async readdir(path: string): Promise<Dirent[]> {
    const fd = await this.open(path, O.RDONLY | O.DIRECTORY);
    try {
      const all: Dirent[] = [];
      for (;;) {
        const batch = check(await this.sys.getdents64(fd), 'getdents64', path);
        if (batch.length === 0) break;
        all.push(...batch);
      }
      return all;
    } finally {
      await this.sys.close(fd);
    }
  }

  async mkdir(path: string, mode = 0o777): Promise<void> {
    check(await this.sys.mkdirat(AT_FDCWD, path, mode), 'mkdir', path);
  }

  async rmdir(path: string): Promise<void> {
    check(await this.sys.unlinkat(AT_FDCWD, path, AT.REMOVEDIR), 'rmdir', path);
  }

  async unlink(path: string): Promise<void> {
    check(await this.sys.unlinkat(AT_FDCWD, path, 0), 'unlink', path);
  }

  async rename(from: string, to: string): Promise<void> {
    check(await this.sys.renameat2(AT_FDCWD, from, AT_FDCWD, to, 0), 'rename', from);
  }

  async link(target: string, path: string): Promise<void> {
    check(await this.sys.linkat(AT_FDCWD, target, AT_FDCWD, path, 0), 'link', path);
  }

  async symlink(target: string, path: string): Promise<void> {
    check(await this.sys.symlinkat(target, AT_FDCWD, path), 'symlink', path);
  }

  async readlink(path: string): Promise<string> {
    return check(await this.sys.readlinkat(AT_FDCWD, path), 'readlink', path);
  }

  async chmod(path: string, mode: number): Promise<void> {
    check(await this.sys.fchmodat(AT_FDCWD, path, mode, 0), 'chmod', path);
  }

  async chown(path: string, uid: number, gid: number, follow = true): Promise<void> {
    check(await this.sys.fchownat(AT_FDCWD, path, uid, gid, follow ? 0 : AT.SYMLINK_NOFOLLOW), 'chown', path);
  }

  async access(path: string, mode: number): Promise<boolean> {
    return (await this.sys.faccessat(AT_FDCWD, path, mode, 0)).ok;
  }

  async getcwd(): Promise<string> {
    return check(await this.sys.getcwd(), 'getcwd');
  }

  async chdir(path: string): Promise<void> {
    check(await this.sys.chdir(path), 'chdir', path);
  }

  async lseek(fd: number, offset: number, whence: number = SEEK.SET): Promise<number> {
    return check(await this.sys.lseek(fd, offset, whence), 'lseek');
  }

  async dup2(from: number, to: number): Promise<number> {
    return check(await this.sys.dup2(from, to), 'dup2');
  }

  async pipe(flags = 0): Promise<[number, number]> {
    return check(await this.sys.pipe2(flags), 'pipe');
  }

  // --- processes ---------------------------------------------------------------------------
  async fork(child: ChildFn, flags = 0): Promise<number> {
    return check(await this.sys.clone(flags, child), 'fork');
  }

  async waitpid(pid: number, options = 0): Promise<WaitResult> {
    for (;;) {
      const r = await this.sys.wait4(pid, options);
      if (r.ok) return r.value;
      if (r.errno !== Errno.EINTR) throw new ErrnoError(r.errno, 'wait4');
    }
  }

  /**
   * execvp: runs `file`, searching PATH when it has no slash. Returns only on failure, with
   * the errno execvp reports (EACCES if some candidate was not executable, else the last).
   */
  async execvp(file: string, argv: string[], envp: string[]): Promise<ErrnoError> {
    if (file.includes('/')) {
      const r = await this.sys.execve(file, argv, envp);
      return new ErrnoError(r.ok ? Errno.EIO : r.errno, 'execve', file);
    }
    const path = getenv(envp, 'PATH') ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    let sawEacces = false;
    let last: number = Errno.ENOENT;
    for (const dir of path.split(':')) {
      const full = `${dir || '.'}/${file}`;
      const r = await this.sys.execve(full, argv, envp);
      if (r.ok) continue;
      if (r.errno === Errno.EACCES) sawEacces = true;
      else if (r.errno !== Errno.ENOENT && r.errno !== Errno.ENOTDIR) { last = r.errno; break; }
    }
    return new ErrnoError(sawEacces ? Errno.EACCES : last, 'execve', file);
  }

  /** Finds `file` on PATH as an executable regular file; undefined if none. */
  async which(file: string, envp: string[]): Promise<string | undefined> {
    if (file.includes('/')) return file;
    const path = getenv(envp, 'PATH') ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
    for (const dir of path.split(':')) {
      const full = `${dir || '.'}/${file}`;
      const st = await this.statOrUndefined(full);
      if (st && (st.mode & S.IFMT) === S.IFREG && (await this.access(full, 1))) return full;
    }
    return undefined;
  }

  /** Sleeps; like sleep(3), returns early when a handled signal interrupts it. */
  async sleep(seconds: number): Promise<void> {
    await this.sys.nanosleep(Math.round(seconds * 1e9));
  }

  async getpid(): Promise<number> {
    return check(await this.sys.getpid(), 'getpid');
  }

  // --- terminals (terminal.ts) ---------------------------------------------------------------
  isatty(fd: number): Promise<boolean> {
    return term.isatty(this.sys, fd);
  }

  tcgetattr(fd: number): Promise<Termios> {
    return term.tcgetattr(this.sys, fd);
  }

  tcsetattr(fd: number, when: number, termios: Partial<Termios>): Promise<void> {
    return term.tcsetattr(this.sys, fd, when, termios);
  }

  ttyname(fd: number): Promise<string | undefined> {
    return term.ttyname(this.sys, fd);
  }

  openpty(options?: { ptmx?: string; flags?: number; winsize?: Winsize }): Promise<term.Pty> {
    return term.openpty(this.sys, options);
  }

  setControllingTty(fd: number, steal = false): Promise<void> {
    return term.setControllingTty(this.sys, fd, steal);
  }

  tcgetpgrp(fd: number): Promise<number> {
    return term.tcgetpgrp(this.sys, fd);
  }

  tcsetpgrp(fd: number, pgid: number): Promise<void> {
    return term.tcsetpgrp(this.sys, fd, pgid);
  }

  getWinsize(fd: number): Promise<Winsize> {
    return term.getWinsize(this.sys, fd);
  }

  setWinsize(fd: number, ws: Winsize): Promise<void> {
    return term.setWinsize(this.sys, fd, ws);
  }
}

/** Joins chunks into one buffer. */
export function concat(chunks: Uint8Array[], total = chunks.reduce((n, c) => n + c.length, 0)): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/** The value of NAME in an envp array (last one wins, as getenv sees a well-formed env). */
export function getenv(envp: readonly string[], name: string): string | undefined {
  const prefix = `${name}=`;
  for (let i = envp.length - 1; i >= 0; i--) if (envp[i].startsWith(prefix)) return envp[i].slice(prefix.length);
  return undefined;
}
