// Black-box tests of the mount tree: mount/umount2/bind/remount/propagation, EXDEV and EBUSY,
// size-limited tmpfs, nodev/noexec, mount namespaces, chroot and pivot_root.
import { describe, expect, it } from 'vitest';
import { AT, AT_FDCWD, CLONE, Errno, MNT, MS, O, S, type Sys, type SysResult } from '../../abi/index.js';
import { bootTestMachine, must } from './test-harness.js';
import { mountinfo, procMounts } from './mountinfo.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const errnoOf = (r: SysResult<unknown>): number => (r.ok ? 0 : r.errno);

async function touch(sys: Sys, path: string, text = ''): Promise<void> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.WRONLY | O.CREAT | O.TRUNC, 0o644), `open ${path}`);
  if (text) must(await sys.write(fd, enc(text)));
  must(await sys.close(fd));
}

async function exists(sys: Sys, path: string): Promise<boolean> {
  return (await sys.fstatat(AT_FDCWD, path, AT.SYMLINK_NOFOLLOW)).ok;
}

describe('mount and umount2', () => {
  it('mounts a tmpfs over a directory, hiding and then revealing its content', async () => {
    const { root: sys } = bootTestMachine();
    must(await sys.mkdirat(AT_FDCWD, '/mnt', 0o755));
    await touch(sys, '/mnt/under');
    must(await sys.mount('tmpfs', '/mnt', 'tmpfs', 0, 'mode=700,uid=5,gid=6'));
    expect(await exists(sys, '/mnt/under')).toBe(false);
    const st = must(await sys.fstatat(AT_FDCWD, '/mnt', 0));
    expect([st.mode, st.uid, st.gid]).toEqual([S.IFDIR | 0o700, 5, 6]);
    await touch(sys, '/mnt/over');
    must(await sys.mount('tmpfs', '/mnt', 'tmpfs', 0, ''));
    expect(await exists(sys, '/mnt/over')).toBe(false);
    must(await sys.umount2('/mnt', 0));
    expect(await exists(sys, '/mnt/over')).toBe(true);
    must(await sys.umount2('/mnt', 0));
    expect(await exists(sys, '/mnt/under')).toBe(true);
    expect(errnoOf(await sys.umount2('/mnt', 0))).toBe(Errno.EINVAL);
  });

  it('refuses unknown types, bad options, unprivileged callers and non-mountpoints', async () => {
    const m = bootTestMachine();
    const sys = m.root;
    must(await sys.mkdirat(AT_FDCWD, '/mnt', 0o777));
    expect(errnoOf(await sys.mount('x', '/mnt', 'nosuchfs', 0, ''))).toBe(Errno.ENODEV);
    expect(errnoOf(await sys.mount('x', '/mnt', 'tmpfs', 0, 'bogus=1'))).toBe(Errno.EINVAL);
    expect(errnoOf(await sys.mount('x', '/mnt', 'tmpfs', 0, 'size=lots'))).toBe(Errno.EINVAL);
    expect(errnoOf(await sys.mount('x', '/missing', 'tmpfs', 0, ''))).toBe(Errno.ENOENT);
    const u = await m.user(1000);
    expect(errnoOf(await u.mount('x', '/mnt', 'tmpfs', 0, ''))).toBe(Errno.EPERM);
    must(await sys.mount('x', '/mnt', 'tmpfs', 0, ''));
    expect(errnoOf(await u.umount2('/mnt', 0))).toBe(Errno.EPERM);
    expect(errnoOf(await sys.umount2('/tmp', 0))).toBe(Errno.EINVAL);
    expect(errnoOf(await sys.umount2('/mnt', 0x100))).toBe(Errno.EINVAL);
  });

  it('tmpfs size= limits data: short write, then ENOSPC; remount can grow it', async () => {
    const { root: sys } = bootTestMachine();
    must(await sys.mkdirat(AT_FDCWD, '/small', 0o755));
    must(await sys.mount('tmpfs', '/small', 'tmpfs', 0, 'size=8k'));
    const fd = must(await sys.openat(AT_FDCWD, '/small/f', O.WRONLY | O.CREAT, 0o644));
    expect(must(await sys.write(fd, new Uint8Array(5000)))).toBe(5000);
    expect(must(await sys.write(fd, new Uint8Array(5000)))).toBe(3192);
    expect(errnoOf(await sys.write(fd, new Uint8Array(1)))).toBe(Errno.ENOSPC);
    expect(errnoOf(await sys.ftruncate(fd, 100_000))).toBe(Errno.ENOSPC);
    const g = must(await sys.openat(AT_FDCWD, '/small/g', O.WRONLY | O.CREAT, 0o644));
    expect(errnoOf(await sys.write(g, new Uint8Array(1)))).toBe(Errno.ENOSPC);
    must(await sys.mount('', '/small', '', MS.REMOUNT, 'size=16k'));
    expect(must(await sys.write(g, new Uint8Array(4096)))).toBe(4096);
    expect(errnoOf(await sys.mount('', '/small', '', MS.REMOUNT, 'size=4k'))).toBe(Errno.EINVAL);
    must(await sys.close(fd));
    must(await sys.unlinkat(AT_FDCWD, '/small/f', 0));
    const h = must(await sys.openat(AT_FDCWD, '/small/h', O.WRONLY | O.CREAT, 0o644));
    expect(must(await sys.write(h, new Uint8Array(8192)))).toBe(8192);
  });

  it('EBUSY: child mounts, open files and cwds pin a mount; MNT_DETACH unmounts anyway', async () => {
    const m = bootTestMachine();
    const sys = m.root;
    must(await sys.mkdirat(AT_FDCWD, '/mnt', 0o755));
    must(await sys.mount('tmpfs', '/mnt', 'tmpfs', 0, ''));
    must(await sys.mkdirat(AT_FDCWD, '/mnt/sub', 0o755));
    must(await sys.mount('tmpfs', '/mnt/sub', 'tmpfs', 0, ''));
    expect(errnoOf(await sys.umount2('/mnt', 0))).toBe(Errno.EBUSY);
    expect(errnoOf(await sys.unlinkat(AT_FDCWD, '/mnt/sub', AT.REMOVEDIR))).toBe(Errno.EBUSY);
    expect(errnoOf(await sys.renameat2(AT_FDCWD, '/mnt/sub', AT_FDCWD, '/mnt/sub2', 0))).toBe(Errno.EBUSY);
    must(await sys.umount2('/mnt/sub', 0));
    await touch(sys, '/mnt/f', 'kept');
    const fd = must(await sys.openat(AT_FDCWD, '/mnt/f', O.RDONLY));
    expect(errnoOf(await sys.umount2('/mnt', 0))).toBe(Errno.EBUSY);
    must(await sys.close(fd));
    const u = m.kernel.spawn({ external: true, argv: ['u'] }).sys;
    must(await u.chdir('/mnt'));
    expect(errnoOf(await sys.umount2('/mnt', 0))).toBe(Errno.EBUSY);
    must(await u.chdir('/'));
    const fd2 = must(await sys.openat(AT_FDCWD, '/mnt/f', O.RDONLY));
    must(await sys.umount2('/mnt', MNT.DETACH));
    expect(await exists(sys, '/mnt/f')).toBe(false);
    expect(new TextDecoder().decode(must(await sys.read(fd2, 10)))).toBe('kept');
  });

  it('EXDEV for rename and link across mounts', async () => {
    const { root: sys } = bootTestMachine();
    must(await sys.mkdirat(AT_FDCWD, '/mnt', 0o755));
    must(await sys.mount('tmpfs', '/mnt', 'tmpfs', 0, ''));
    await touch(sys, '/tmp/f');
    expect(errnoOf(await sys.renameat2(AT_FDCWD, '/tmp/f', AT_FDCWD, '/mnt/f', 0))).toBe(Errno.EXDEV);
    expect(errnoOf(await sys.linkat(AT_FDCWD, '/tmp/f', AT_FDCWD, '/mnt/f', 0))).toBe(Errno.EXDEV);
    must(await sys.mkdirat(AT_FDCWD, '/b', 0o755));
    must(await sys.mount('/tmp', '/b', '', MS.BIND, ''));
    expect(errnoOf(await sys.renameat2(AT_FDCWD, '/tmp/f', AT_FDCWD, '/b/g', 0))).toBe(Errno.EXDEV);
    must(await sys.renameat2(AT_FDCWD, '/b/f', AT_FDCWD, '/b/g', 0));
    expect(await exists(sys, '/tmp/g')).toBe(true);
  });

  it('bind mounts: same files; MS_REC brings submounts; files onto files, not onto directories', async () => {
    const { root: sys } = bootTestMachine();
    for (const d of ['/a', '/a/sub', '/b', '/c']) must(await sys.mkdirat(AT_FDCWD, d, 0o755));
    must(await sys.mount('tmpfs', '/a/sub', 'tmpfs', 0, ''));
    await touch(sys, '/a/sub/deep');
    await touch(sys, '/a/top');
    must(await sys.mount('/a', '/b', '', MS.BIND, ''));
    must(await sys.mount('/a', '/c', '', MS.BIND | MS.REC, ''));
    expect(await exists(sys, '/b/top')).toBe(true);
    expect(await exists(sys, '/b/sub/deep')).toBe(false);
    expect(await exists(sys, '/c/sub/deep')).toBe(true);
    await touch(sys, '/b/new');
    expect(await exists(sys, '/a/new')).toBe(true);
    expect(must(await sys.fstatat(AT_FDCWD, '/b/new', 0)).ino).toBe(must(await sys.fstatat(AT_FDCWD, '/a/new', 0)).ino);
    await touch(sys, '/tmp/file', 'bound');
    await touch(sys, '/tmp/target');
    must(await sys.mount('/tmp/file', '/tmp/target', '', MS.BIND, ''));
    const fd = must(await sys.openat(AT_FDCWD, '/tmp/target', O.RDONLY));
    expect(new TextDecoder().decode(must(await sys.read(fd, 10)))).toBe('bound');
    expect(errnoOf(await sys.mount('/tmp/file', '/c', '', MS.BIND, ''))).toBe(Errno.ENOTDIR);
    expect(errnoOf(await sys.mount('/missing', '/c', '', MS.BIND, ''))).toBe(Errno.ENOENT);
  });

  it('read-only bind remount: EROFS through it, writable elsewhere; devices stay writable', async () => {
    const m = bootTestMachine();
    const sys = m.root;
    must(await sys.mkdirat(AT_FDCWD, '/ro', 0o755));
    await touch(sys, '/tmp/f', 'x');
    must(await sys.mount('/tmp', '/ro', '', MS.BIND, ''));
    must(await sys.mount('', '/ro', '', MS.REMOUNT | MS.BIND | MS.RDONLY, ''));
    expect(errnoOf(await sys.openat(AT_FDCWD, '/ro/f', O.WRONLY))).toBe(Errno.EROFS);
    expect(errnoOf(await sys.openat(AT_FDCWD, '/ro/new', O.WRONLY | O.CREAT, 0o644))).toBe(Errno.EROFS);
    expect(errnoOf(await sys.mkdirat(AT_FDCWD, '/ro/d', 0o755))).toBe(Errno.EROFS);
    expect(errnoOf(await sys.unlinkat(AT_FDCWD, '/ro/f', 0))).toBe(Errno.EROFS);
    expect(errnoOf(await sys.fchmodat(AT_FDCWD, '/ro/f', 0o600, 0))).toBe(Errno.EROFS);
    expect(errnoOf(await sys.truncate('/ro/f', 0))).toBe(Errno.EROFS);
    expect(errnoOf(await sys.faccessat(AT_FDCWD, '/ro/f', 2, 0))).toBe(Errno.EROFS);
    expect(errnoOf(await sys.symlinkat('x', AT_FDCWD, '/ro/l'))).toBe(Errno.EROFS);
    expect(must(await sys.openat(AT_FDCWD, '/ro/f', O.RDONLY))).toBeGreaterThanOrEqual(0);
    await touch(sys, '/tmp/f', 'still writable');
    must(await sys.mknodat(AT_FDCWD, '/tmp/null', S.IFCHR | 0o666, 0x103));
    must(await sys.openat(AT_FDCWD, '/ro/null', O.WRONLY));
    must(await sys.mount('', '/ro', '', MS.REMOUNT | MS.BIND, ''));
    await touch(sys, '/ro/f', 'rw again');
    expect(errnoOf(await sys.mount('', '/ro/f', '', MS.REMOUNT | MS.BIND | MS.RDONLY, ''))).toBe(Errno.EINVAL);
  });

  it('a new read-only mount is read-only; superblock remount rw makes it writable', async () => {
    const { root: sys } = bootTestMachine();
    must(await sys.mkdirat(AT_FDCWD, '/mnt', 0o755));
    must(await sys.mount('tmpfs', '/mnt', 'tmpfs', MS.RDONLY, ''));
    expect(errnoOf(await sys.mkdirat(AT_FDCWD, '/mnt/d', 0o755))).toBe(Errno.EROFS);
    must(await sys.mount('tmpfs', '/mnt', 'tmpfs', MS.REMOUNT, ''));
    must(await sys.mkdirat(AT_FDCWD, '/mnt/d', 0o755));
  });

  it('propagation flags: accepted on mount roots, EINVAL elsewhere or when combined', async () => {
    const { root: sys } = bootTestMachine();
    must(await sys.mount('', '/', '', MS.REC | MS.PRIVATE, ''));
    must(await sys.mount('', '/', '', MS.REC | MS.SHARED, ''));
    must(await sys.mount('none', '/', '', MS.REC | MS.SLAVE, ''));
    expect(errnoOf(await sys.mount('', '/tmp', '', MS.PRIVATE, ''))).toBe(Errno.EINVAL);
    expect(errnoOf(await sys.mount('', '/', '', MS.PRIVATE | MS.SHARED, ''))).toBe(Errno.EINVAL);
    must(await sys.mount('', '/dev', '', MS.UNBINDABLE, ''));
    must(await sys.mkdirat(AT_FDCWD, '/b', 0o755));
    expect(errnoOf(await sys.mount('/dev', '/b', '', MS.BIND, ''))).toBe(Errno.EINVAL);
  });

  it('MS_MOVE moves a mount; ELOOP when moving under itself', async () => {
    const { root: sys } = bootTestMachine();
    for (const d of ['/a', '/b']) must(await sys.mkdirat(AT_FDCWD, d, 0o755));
    must(await sys.mount('tmpfs', '/a', 'tmpfs', 0, ''));
    await touch(sys, '/a/f');
    must(await sys.mkdirat(AT_FDCWD, '/a/in', 0o755));
    expect(errnoOf(await sys.mount('/a', '/a/in', '', MS.MOVE, ''))).toBe(Errno.ELOOP);
    must(await sys.mount('/a', '/b', '', MS.MOVE, ''));
    expect(await exists(sys, '/b/f')).toBe(true);
    expect(await exists(sys, '/a/f')).toBe(false);
  });

  it('nodev refuses device opens; noexec refuses execve', async () => {
    const { root: sys } = bootTestMachine();
    must(await sys.mkdirat(AT_FDCWD, '/nd', 0o755));
    must(await sys.mount('tmpfs', '/nd', 'tmpfs', MS.NODEV | MS.NOEXEC, ''));
    must(await sys.mknodat(AT_FDCWD, '/nd/null', S.IFCHR | 0o666, 0x103));
    expect(errnoOf(await sys.openat(AT_FDCWD, '/nd/null', O.RDONLY))).toBe(Errno.EACCES);
    await touch(sys, '/nd/prog', 'data');
    must(await sys.fchmodat(AT_FDCWD, '/nd/prog', 0o755, 0));
    expect(errnoOf(await sys.faccessat(AT_FDCWD, '/nd/prog', 1, 0))).toBe(Errno.EACCES);
    await touch(sys, '/tmp/prog', 'data');
    must(await sys.fchmodat(AT_FDCWD, '/tmp/prog', 0o755, 0));
    expect(errnoOf(await sys.faccessat(AT_FDCWD, '/tmp/prog', 1, 0))).toBe(0);
  });

  it('`..` at a mount root leads to the directory that holds the mountpoint', async () => {
    const { root: sys } = bootTestMachine();
    must(await sys.mkdirat(AT_FDCWD, '/tmp/m', 0o755));
    must(await sys.mount('tmpfs', '/tmp/m', 'tmpfs', 0, ''));
    await touch(sys, '/tmp/sibling');
    expect(await exists(sys, '/tmp/m/../sibling')).toBe(true);
    must(await sys.chdir('/tmp/m'));
    expect(must(await sys.getcwd())).toBe('/tmp/m');
    must(await sys.chdir('..'));
    expect(must(await sys.getcwd())).toBe('/tmp');
    expect(must(await sys.fstatat(AT_FDCWD, '/..', 0)).ino).toBe(must(await sys.fstatat(AT_FDCWD, '/', 0)).ino);
  });
});

describe('mountinfo', () => {
  it('lists the mounts visible from the process root, in tree order', async () => {
    const m = bootTestMachine();
    const p = m.kernel.spawn({ external: true, argv: ['p'] });
    must(await p.sys.mkdirat(AT_FDCWD, '/data', 0o755));
    must(await p.sys.mount('tmpfs', '/data', 'tmpfs', MS.NOSUID | MS.NODEV, 'size=64k,mode=755'));
    must(await p.sys.mount('/data', '/tmp', '', MS.BIND, ''));
    must(await p.sys.mount('', '/tmp', '', MS.REMOUNT | MS.BIND | MS.RDONLY, ''));
    must(await p.sys.mount('', '/data', '', MS.SHARED, ''));
    const text = mountinfo(p.proc.ns.mnt, p.proc.fs.root);
    const lines = text.trim().split('\n').map((l) => l.split(' '));
    expect(lines.map((l) => l[4])).toEqual(['/', '/dev', '/data', '/tmp']);
    expect(lines[2].slice(5)).toEqual(['rw,nosuid,nodev,relatime', expect.stringMatching(/^shared:\d+$/), '-', 'tmpfs', 'tmpfs', 'rw,size=64k,mode=755']);
    expect(lines[3][5]).toBe('ro,relatime'); // MS_REMOUNT|MS_BIND replaces the settable flags, as Linux does
    expect(lines[1][1]).toBe(lines[0][0]);
    expect(procMounts(p.proc.ns.mnt, p.proc.fs.root).split('\n')[1]).toBe('devtmpfs /dev devtmpfs rw,relatime,mode=755 0 0');
  });
});

describe('mount namespaces, chroot and pivot_root', () => {
  it('mounts made after unshare(CLONE_NEWNS) are invisible to the parent namespace', async () => {
    const m = bootTestMachine();
    must(await m.root.mkdirat(AT_FDCWD, '/mnt', 0o755));
    const c = m.kernel.spawn({ external: true, argv: ['c'] }).sys;
    must(await c.unshare(CLONE.NEWNS));
    must(await c.mount('tmpfs', '/mnt', 'tmpfs', 0, ''));
    await touch(c, '/mnt/private');
    expect(await exists(c, '/mnt/private')).toBe(true);
    expect(await exists(m.root, '/mnt/private')).toBe(false);
    await touch(c, '/tmp/shared-fs');
    expect(await exists(m.root, '/tmp/shared-fs')).toBe(true);
    expect(errnoOf(await m.root.umount2('/mnt', 0))).toBe(Errno.EINVAL);
    must(await c.umount2('/dev', MNT.DETACH));
    expect(await exists(c, '/dev/null')).toBe(false);
    expect(await exists(m.root, '/dev/null')).toBe(true);
  });

  it('chroot: needs CAP_SYS_CHROOT; `/`, `..` and absolute symlinks stay inside', async () => {
    const m = bootTestMachine();
    const sys = m.root;
    must(await sys.mkdirat(AT_FDCWD, '/jail', 0o755));
    must(await sys.mkdirat(AT_FDCWD, '/jail/etc', 0o755));
    await touch(sys, '/jail/etc/inside', 'in');
    await touch(sys, '/outside');
    must(await sys.symlinkat('/etc/inside', AT_FDCWD, '/jail/abs'));
    const u = await m.user(1000);
    expect(errnoOf(await u.chroot('/jail'))).toBe(Errno.EPERM);
    const c = m.kernel.spawn({ external: true, argv: ['c'] }).sys;
    expect(errnoOf(await c.chroot('/outside'))).toBe(Errno.ENOTDIR);
    must(await c.chroot('/jail'));
    expect(must(await c.getcwd())).toBe('(unreachable)/');
    must(await c.chdir('/'));
    expect(must(await c.getcwd())).toBe('/');
    expect(await exists(c, '/etc/inside')).toBe(true);
    expect(await exists(c, '/outside')).toBe(false);
    expect(await exists(c, '/../../outside')).toBe(false);
    expect(await exists(c, '/abs')).toBe(true);
    must(await c.chdir('/etc'));
    expect(must(await c.getcwd())).toBe('/etc');
  });

  it('pivot_root the way runc does it: new root, old root under put_old, then detached', async () => {
    const m = bootTestMachine();
    const sys = m.root;
    must(await sys.mkdirat(AT_FDCWD, '/rootfs', 0o755));
    const c = m.kernel.spawn({ external: true, argv: ['runc'] }).sys;
    must(await c.unshare(CLONE.NEWNS));
    must(await c.mount('', '/', '', MS.REC | MS.PRIVATE, ''));
    must(await c.mount('tmpfs', '/rootfs', 'tmpfs', 0, ''));
    must(await c.mkdirat(AT_FDCWD, '/rootfs/bin', 0o755));
    await touch(c, '/rootfs/bin/sh');
    must(await c.mkdirat(AT_FDCWD, '/rootfs/.old', 0o700));
    expect(errnoOf(await c.pivot_root('/rootfs/bin', '/rootfs/.old'))).toBe(Errno.EINVAL);
    expect(errnoOf(await c.pivot_root('/rootfs', '/tmp'))).toBe(Errno.EBUSY);
    expect(errnoOf(await c.pivot_root('/rootfs', '/dev'))).toBe(Errno.EINVAL);
    expect(errnoOf(await c.pivot_root('/tmp', '/tmp'))).toBe(Errno.EBUSY);
    must(await c.chdir('/rootfs'));
    must(await c.pivot_root('.', '.old'));
    expect(must(await c.getcwd())).toBe('/');
    expect(await exists(c, '/bin/sh')).toBe(true);
    expect(await exists(c, '/.old/tmp')).toBe(true);
    expect(await exists(c, '/.old/rootfs/bin')).toBe(false); // the new root left its old mountpoint
    must(await c.umount2('/.old', MNT.DETACH));
    expect(await exists(c, '/.old/rootfs')).toBe(false);
    expect(await exists(c, '/../../rootfs')).toBe(false);
    expect(await exists(sys, '/rootfs/bin')).toBe(false);
    const u = await m.user(1000);
    expect(errnoOf(await u.pivot_root('/', '/'))).toBe(Errno.EPERM);
  });

  it('pivot_root(".", ".") stacks the old root on the new one, as runc does', async () => {
    const m = bootTestMachine();
    must(await m.root.mkdirat(AT_FDCWD, '/rootfs', 0o755));
    const c = m.kernel.spawn({ external: true, argv: ['runc'] }).sys;
    must(await c.unshare(CLONE.NEWNS));
    must(await c.mount('', '/', '', MS.REC | MS.PRIVATE, ''));
    must(await c.mount('/rootfs', '/rootfs', '', MS.BIND | MS.REC, ''));
    await touch(c, '/rootfs/marker');
    must(await c.chdir('/rootfs'));
    must(await c.pivot_root('.', '.'));
    must(await c.umount2('.', MNT.DETACH));
    must(await c.chdir('/'));
    expect(await exists(c, '/marker')).toBe(true);
    expect(await exists(c, '/rootfs')).toBe(false);
  });

  it('pivot_root refuses shared mounts', async () => {
    const m = bootTestMachine();
    must(await m.root.mkdirat(AT_FDCWD, '/rootfs', 0o755));
    const c = m.kernel.spawn({ external: true, argv: ['c'] }).sys;
    must(await c.unshare(CLONE.NEWNS));
    must(await c.mount('', '/', '', MS.REC | MS.SHARED, ''));
    must(await c.mount('tmpfs', '/rootfs', 'tmpfs', 0, ''));
    must(await c.mkdirat(AT_FDCWD, '/rootfs/old', 0o755));
    expect(errnoOf(await c.pivot_root('/rootfs', '/rootfs/old'))).toBe(Errno.EINVAL);
  });
});
