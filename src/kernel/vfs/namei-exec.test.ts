// Path resolution corners (cwd, fchdir, deleted cwd, trailing slashes, user namespaces) and
// readExecutable, the VFS side of execve.
import { describe, expect, it } from 'vitest';
import { AT, AT_FDCWD, CLONE, Errno, O, type SysResult } from '../../abi/index.js';
import { bootTestMachine, must } from './test-harness.js';
import { readExecutable } from './exec-file.js';

const errnoOf = (r: SysResult<unknown>): number => (r.ok ? 0 : r.errno);

describe('path resolution', () => {
  it('relative paths start at the cwd; fchdir moves there; dirfd-relative *at() calls work', async () => {
    const { root: sys } = bootTestMachine();
    must(await sys.mkdirat(AT_FDCWD, '/tmp/a', 0o755));
    must(await sys.mkdirat(AT_FDCWD, '/tmp/a/b', 0o755));
    must(await sys.chdir('/tmp/a'));
    must(await sys.mkdirat(AT_FDCWD, 'c', 0o755));
    expect(must(await sys.fstatat(AT_FDCWD, '/tmp/a/c', 0)).mode & 0o170000).toBe(0o040000);
    const dfd = must(await sys.openat(AT_FDCWD, 'b', O.RDONLY | O.DIRECTORY));
    must(await sys.mkdirat(dfd, 'inside', 0o755));
    expect(errnoOf(await sys.fstatat(AT_FDCWD, '/tmp/a/b/inside', 0))).toBe(0);
    must(await sys.fchdir(dfd));
    expect(must(await sys.getcwd())).toBe('/tmp/a/b');
    expect(must(await sys.fstatat(AT_FDCWD, './../b/./inside/', 0)).ino).toBe(must(await sys.fstatat(dfd, 'inside', 0)).ino);
    expect(errnoOf(await sys.chdir('/tmp/a/b/inside/../missing'))).toBe(Errno.ENOENT);
    expect(errnoOf(await sys.fstatat(AT_FDCWD, '', 0))).toBe(Errno.ENOENT);
    expect(must(await sys.fstatat(AT_FDCWD, '', AT.EMPTY_PATH)).ino).toBe(must(await sys.fstatat(AT_FDCWD, '.', 0)).ino);
  });

  it('getcwd fails with ENOENT once the cwd is removed', async () => {
    const { root: sys } = bootTestMachine();
    must(await sys.mkdirat(AT_FDCWD, '/tmp/gone', 0o755));
    must(await sys.chdir('/tmp/gone'));
    must(await sys.unlinkat(AT_FDCWD, '/tmp/gone', AT.REMOVEDIR));
    expect(errnoOf(await sys.getcwd())).toBe(Errno.ENOENT);
    expect(errnoOf(await sys.openat(AT_FDCWD, 'new', O.CREAT | O.WRONLY, 0o644))).toBe(0);
  });

  it('search permission is needed on every directory of the path', async () => {
    const m = bootTestMachine();
    must(await m.root.mkdirat(AT_FDCWD, '/tmp/locked', 0o700));
    must(await m.root.mkdirat(AT_FDCWD, '/tmp/locked/open', 0o777));
    const u = await m.user(1000);
    expect(errnoOf(await u.fstatat(AT_FDCWD, '/tmp/locked/open', 0))).toBe(Errno.EACCES);
    expect(errnoOf(await u.chdir('/tmp/locked'))).toBe(Errno.EACCES);
  });

  it('a user namespace root owns nothing outside its mapping and cannot mknod devices', async () => {
    const m = bootTestMachine();
    const c = m.kernel.spawn({ external: true, argv: ['c'] });
    must(await c.sys.unshare(CLONE.NEWUSER | CLONE.NEWNS));
    // no uid_map written: the host's root files are owned by the overflow uid inside
    const st = must(await c.sys.fstatat(AT_FDCWD, '/tmp', 0));
    expect(st.uid).toBe(65534);
    expect(errnoOf(await c.sys.mknodat(AT_FDCWD, '/tmp/null', 0o020666, 0x103))).toBe(Errno.EPERM);
    expect(errnoOf(await c.sys.fchmodat(AT_FDCWD, '/tmp', 0o777, 0))).toBe(Errno.EPERM);
    expect(errnoOf(await c.sys.openat(AT_FDCWD, '/dev/console', O.WRONLY))).toBe(Errno.EACCES);
    must(await c.sys.mount('tmpfs', '/tmp', 'tmpfs', 0, ''));
    expect(errnoOf(await c.sys.mount('devtmpfs', '/tmp', 'devtmpfs', 0, ''))).toBe(Errno.EPERM);
  });
});

describe('readExecutable', () => {
  it('returns the file and its path; EACCES for directories, missing x bits and noexec', async () => {
    const m = bootTestMachine();
    const spawned = m.kernel.spawn({ external: true, argv: ['x'] });
    const sys = spawned.sys;
    const ctx = { kernel: m.kernel, proc: spawned.proc, state: {} };
    must(await sys.mkdirat(AT_FDCWD, '/bin', 0o755));
    const fd = must(await sys.openat(AT_FDCWD, '/bin/prog', O.WRONLY | O.CREAT, 0o644));
    must(await sys.write(fd, new Uint8Array([1, 2, 3])));
    must(await sys.symlinkat('prog', AT_FDCWD, '/bin/alias'));
    expect(errnoOf(readExecutable(ctx, '/bin/prog'))).toBe(Errno.EACCES);
    must(await sys.fchmodat(AT_FDCWD, '/bin/prog', 0o744, 0));
    const r = readExecutable(ctx, '/bin/alias');
    expect(r.ok && Array.from(r.value.data)).toEqual([1, 2, 3]);
    expect(r.ok && r.value.path).toBe('/bin/prog');
    expect(errnoOf(readExecutable(ctx, '/bin'))).toBe(Errno.EACCES);
    expect(errnoOf(readExecutable(ctx, '/bin/none'))).toBe(Errno.ENOENT);
    expect(errnoOf(readExecutable(ctx, '/bin/prog/x'))).toBe(Errno.ENOTDIR);
    const u = await m.user(1000);
    expect(errnoOf(await u.execve('/bin/prog', ['prog'], []))).toBe(Errno.EACCES);
    must(await sys.fchmodat(AT_FDCWD, '/bin/prog', 0o755, 0));
    expect(errnoOf(await u.execve('/bin/prog', ['prog'], []))).toBe(Errno.ENOEXEC);
  });
});
