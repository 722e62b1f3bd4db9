// Filesystem conformance suite: the same black-box cases (through syscalls) run against every
// filesystem factory listed in FACTORIES. overlay and hostfs add a factory here.
import { describe, expect, it } from 'vitest';
import { AT, AT_FDCWD, Errno, O, S, SEEK, type Sys, type SysResult } from '../../abi/index.js';
import { bootTestMachine, must, type TestMachine } from '../vfs/test-harness.js';
import { overlayFsFactories } from './overlay/overlay-conformance.js';
import { hostfsFactories } from '../../boot/hostfs-conformance.js';

/** Makes a fresh, empty, writable directory on the filesystem under test; returns its path. */
export interface FsFactory {
  name: string;
  setup(m: TestMachine): Promise<string>;
}

const FACTORIES: FsFactory[] = [
  {
    name: 'tmpfs',
    async setup(m) {
      must(await m.root.mkdirat(AT_FDCWD, '/mnt', 0o755));
      must(await m.root.mount('tmpfs', '/mnt', 'tmpfs', 0, 'mode=777'));
      return '/mnt';
    },
  },
  {
    name: 'tmpfs subdirectory bind mount',
    async setup(m) {
      must(await m.root.mkdirat(AT_FDCWD, '/src', 0o755));
      must(await m.root.mount('tmpfs', '/src', 'tmpfs', 0, ''));
      must(await m.root.mkdirat(AT_FDCWD, '/src/sub', 0o777));
      must(await m.root.fchmodat(AT_FDCWD, '/src/sub', 0o777, 0));
      must(await m.root.mkdirat(AT_FDCWD, '/mnt', 0o755));
      must(await m.root.mount('/src/sub', '/mnt', '', 0x1000 /* MS_BIND */, ''));
      return '/mnt';
    },
  },
  ...overlayFsFactories,
  ...hostfsFactories,
];

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

function errnoOf(r: SysResult<unknown>): number {
  return r.ok ? 0 : r.errno;
}

async function writeFile(sys: Sys, path: string, text: string, mode = 0o644): Promise<void> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.WRONLY | O.CREAT | O.TRUNC, mode), `open ${path}`);
  must(await sys.write(fd, enc(text)));
  must(await sys.close(fd));
}

async function readFile(sys: Sys, path: string): Promise<string> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.RDONLY), `open ${path}`);
  let out = '';
  for (;;) {
    const chunk = must(await sys.read(fd, 4096));
    if (chunk.length === 0) break;
    out += dec(chunk);
  }
  must(await sys.close(fd));
  return out;
}

async function names(sys: Sys, path: string): Promise<string[]> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.RDONLY | O.DIRECTORY));
  const out: string[] = [];
  for (;;) {
    const batch = must(await sys.getdents64(fd));
    if (batch.length === 0) break;
    out.push(...batch.map((d) => d.name));
  }
  must(await sys.close(fd));
  return out.sort();
}

describe.each(FACTORIES)('filesystem conformance: $name', (factory) => {
  async function setup(): Promise<{ m: TestMachine; sys: Sys; d: string }> {
    const m = bootTestMachine();
    const d = await factory.setup(m);
    return { m, sys: m.root, d };
  }

  it('creates, writes, reads back and appends', async () => {
    const { sys, d } = await setup();
    await writeFile(sys, `${d}/f`, 'hello');
    expect(await readFile(sys, `${d}/f`)).toBe('hello');
    const fd = must(await sys.openat(AT_FDCWD, `${d}/f`, O.WRONLY | O.APPEND));
    must(await sys.lseek(fd, 0, SEEK.SET));
    expect(must(await sys.write(fd, enc(' world')))).toBe(6);
    must(await sys.close(fd));
    expect(await readFile(sys, `${d}/f`)).toBe('hello world');
    const st = must(await sys.fstatat(AT_FDCWD, `${d}/f`, 0));
    expect(st.size).toBe(11);
    expect(st.mode).toBe(S.IFREG | 0o644);
  });

  it('O_TRUNC empties, O_EXCL refuses existing names, ENOENT without O_CREAT', async () => {
    const { sys, d } = await setup();
    await writeFile(sys, `${d}/f`, 'data');
    must(await sys.close(must(await sys.openat(AT_FDCWD, `${d}/f`, O.WRONLY | O.TRUNC))));
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/f`, 0)).size).toBe(0);
    expect(errnoOf(await sys.openat(AT_FDCWD, `${d}/f`, O.WRONLY | O.CREAT | O.EXCL, 0o644))).toBe(Errno.EEXIST);
    expect(errnoOf(await sys.openat(AT_FDCWD, `${d}/missing`, O.RDONLY))).toBe(Errno.ENOENT);
    expect(errnoOf(await sys.openat(AT_FDCWD, `${d}/missing/x`, O.RDONLY))).toBe(Errno.ENOENT);
  });

  it('pread/pwrite leave the position; writes past the end leave a zero-filled hole', async () => {
    const { sys, d } = await setup();
    const fd = must(await sys.openat(AT_FDCWD, `${d}/h`, O.RDWR | O.CREAT, 0o600));
    must(await sys.pwrite(fd, enc('xy'), 6));
    expect(must(await sys.lseek(fd, 0, SEEK.CUR))).toBe(0);
    expect(Array.from(must(await sys.pread(fd, 100, 0)))).toEqual([0, 0, 0, 0, 0, 0, 120, 121]);
    expect(must(await sys.lseek(fd, -2, SEEK.END))).toBe(6);
    expect(dec(must(await sys.read(fd, 10)))).toBe('xy');
    must(await sys.ftruncate(fd, 2));
    expect(Array.from(must(await sys.pread(fd, 100, 0)))).toEqual([0, 0]);
    must(await sys.ftruncate(fd, 4));
    expect(Array.from(must(await sys.pread(fd, 100, 0)))).toEqual([0, 0, 0, 0]);
    expect(errnoOf(await sys.lseek(fd, -1, SEEK.SET))).toBe(Errno.EINVAL);
  });

  it('ENOTDIR and EISDIR', async () => {
    const { sys, d } = await setup();
    await writeFile(sys, `${d}/f`, 'x');
    must(await sys.mkdirat(AT_FDCWD, `${d}/dir`, 0o755));
    expect(errnoOf(await sys.openat(AT_FDCWD, `${d}/f/x`, O.RDONLY))).toBe(Errno.ENOTDIR);
    expect(errnoOf(await sys.openat(AT_FDCWD, `${d}/f/`, O.RDONLY))).toBe(Errno.ENOTDIR);
    expect(errnoOf(await sys.openat(AT_FDCWD, `${d}/f`, O.RDONLY | O.DIRECTORY))).toBe(Errno.ENOTDIR);
    expect(errnoOf(await sys.openat(AT_FDCWD, `${d}/dir`, O.WRONLY))).toBe(Errno.EISDIR);
    expect(errnoOf(await sys.openat(AT_FDCWD, `${d}/dir`, O.RDWR | O.CREAT, 0o644))).toBe(Errno.EISDIR);
    expect(errnoOf(await sys.openat(AT_FDCWD, `${d}/new/`, O.RDWR | O.CREAT, 0o644))).toBe(Errno.EISDIR);
    const dfd = must(await sys.openat(AT_FDCWD, `${d}/dir`, O.RDONLY));
    expect(errnoOf(await sys.read(dfd, 10))).toBe(Errno.EISDIR);
    expect(errnoOf(await sys.mkdirat(AT_FDCWD, `${d}/f/sub`, 0o755))).toBe(Errno.ENOTDIR);
    expect(errnoOf(await sys.unlinkat(AT_FDCWD, `${d}/dir`, 0))).toBe(Errno.EISDIR);
    expect(errnoOf(await sys.unlinkat(AT_FDCWD, `${d}/f`, AT.REMOVEDIR))).toBe(Errno.ENOTDIR);
    expect(errnoOf(await sys.unlinkat(AT_FDCWD, `${d}/f/`, 0))).toBe(Errno.ENOTDIR);
  });

  it('mkdir, rmdir, ENOTEMPTY, EEXIST, nlink of directories', async () => {
    const { sys, d } = await setup();
    must(await sys.mkdirat(AT_FDCWD, `${d}/a`, 0o755));
    expect(errnoOf(await sys.mkdirat(AT_FDCWD, `${d}/a`, 0o755))).toBe(Errno.EEXIST);
    must(await sys.mkdirat(AT_FDCWD, `${d}/a/b/`, 0o755));
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/a`, 0)).nlink).toBe(3);
    expect(errnoOf(await sys.unlinkat(AT_FDCWD, `${d}/a`, AT.REMOVEDIR))).toBe(Errno.ENOTEMPTY);
    expect(errnoOf(await sys.unlinkat(AT_FDCWD, `${d}/a/.`, AT.REMOVEDIR))).toBe(Errno.EINVAL);
    must(await sys.unlinkat(AT_FDCWD, `${d}/a/b`, AT.REMOVEDIR));
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/a`, 0)).nlink).toBe(2);
    must(await sys.unlinkat(AT_FDCWD, `${d}/a`, AT.REMOVEDIR));
    expect(errnoOf(await sys.fstatat(AT_FDCWD, `${d}/a`, 0))).toBe(Errno.ENOENT);
    expect(await names(sys, d)).toEqual(['.', '..']);
  });

  it('lists entries with getdents64 and stable inode numbers', async () => {
    const { sys, d } = await setup();
    await writeFile(sys, `${d}/one`, '1');
    must(await sys.mkdirat(AT_FDCWD, `${d}/two`, 0o755));
    must(await sys.symlinkat('one', AT_FDCWD, `${d}/three`));
    expect(await names(sys, d)).toEqual(['.', '..', 'one', 'three', 'two']);
    const fd = must(await sys.openat(AT_FDCWD, d, O.RDONLY | O.DIRECTORY));
    const ents = must(await sys.getdents64(fd));
    const one = ents.find((e) => e.name === 'one')!;
    expect(one.ino).toBe(must(await sys.fstatat(AT_FDCWD, `${d}/one`, 0)).ino);
    expect(one.type).toBe(8);
    expect(ents.find((e) => e.name === 'three')!.type).toBe(10);
    expect(must(await sys.getdents64(fd))).toEqual([]);
    must(await sys.lseek(fd, 0, SEEK.SET));
    expect(must(await sys.getdents64(fd)).length).toBe(5);
  });

  it('renames files and directories by Linux rules', async () => {
    const { sys, d } = await setup();
    await writeFile(sys, `${d}/a`, 'A');
    await writeFile(sys, `${d}/b`, 'B');
    must(await sys.mkdirat(AT_FDCWD, `${d}/dir`, 0o755));
    must(await sys.mkdirat(AT_FDCWD, `${d}/full`, 0o755));
    await writeFile(sys, `${d}/full/x`, 'x');
    must(await sys.mkdirat(AT_FDCWD, `${d}/empty`, 0o755));
    const inoA = must(await sys.fstatat(AT_FDCWD, `${d}/a`, 0)).ino;
    must(await sys.renameat2(AT_FDCWD, `${d}/a`, AT_FDCWD, `${d}/b`, 0));
    expect(await readFile(sys, `${d}/b`)).toBe('A');
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/b`, 0)).ino).toBe(inoA);
    expect(errnoOf(await sys.fstatat(AT_FDCWD, `${d}/a`, 0))).toBe(Errno.ENOENT);
    expect(errnoOf(await sys.renameat2(AT_FDCWD, `${d}/b`, AT_FDCWD, `${d}/dir`, 0))).toBe(Errno.EISDIR);
    expect(errnoOf(await sys.renameat2(AT_FDCWD, `${d}/dir`, AT_FDCWD, `${d}/b`, 0))).toBe(Errno.ENOTDIR);
    expect(errnoOf(await sys.renameat2(AT_FDCWD, `${d}/dir`, AT_FDCWD, `${d}/full`, 0))).toBe(Errno.ENOTEMPTY);
    expect(errnoOf(await sys.renameat2(AT_FDCWD, `${d}/dir`, AT_FDCWD, `${d}/dir/sub`, 0))).toBe(Errno.EINVAL);
    expect(errnoOf(await sys.renameat2(AT_FDCWD, `${d}/missing`, AT_FDCWD, `${d}/m2`, 0))).toBe(Errno.ENOENT);
    expect(errnoOf(await sys.renameat2(AT_FDCWD, `${d}/b`, AT_FDCWD, `${d}/full/x`, 1))).toBe(Errno.EEXIST);
    must(await sys.renameat2(AT_FDCWD, `${d}/dir`, AT_FDCWD, `${d}/empty`, 0));
    must(await sys.renameat2(AT_FDCWD, `${d}/empty`, AT_FDCWD, `${d}/full/moved`, 0));
    expect(await names(sys, `${d}/full`)).toEqual(['.', '..', 'moved', 'x']);
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/full`, 0)).nlink).toBe(3);
    must(await sys.renameat2(AT_FDCWD, `${d}/b`, AT_FDCWD, `${d}/b`, 0));
    expect(await readFile(sys, `${d}/b`)).toBe('A');
  });

  it('hard links share the inode and count links', async () => {
    const { sys, d } = await setup();
    await writeFile(sys, `${d}/f`, 'data');
    must(await sys.linkat(AT_FDCWD, `${d}/f`, AT_FDCWD, `${d}/g`, 0));
    const f = must(await sys.fstatat(AT_FDCWD, `${d}/f`, 0));
    const g = must(await sys.fstatat(AT_FDCWD, `${d}/g`, 0));
    expect(g.ino).toBe(f.ino);
    expect(g.nlink).toBe(2);
    expect(errnoOf(await sys.linkat(AT_FDCWD, `${d}/f`, AT_FDCWD, `${d}/g`, 0))).toBe(Errno.EEXIST);
    must(await sys.mkdirat(AT_FDCWD, `${d}/dir`, 0o755));
    expect(errnoOf(await sys.linkat(AT_FDCWD, `${d}/dir`, AT_FDCWD, `${d}/dir2`, 0))).toBe(Errno.EPERM);
    must(await sys.unlinkat(AT_FDCWD, `${d}/f`, 0));
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/g`, 0)).nlink).toBe(1);
    expect(await readFile(sys, `${d}/g`)).toBe('data');
  });

  it('unlinked files stay readable through open descriptors', async () => {
    const { sys, d } = await setup();
    await writeFile(sys, `${d}/f`, 'still here');
    const fd = must(await sys.openat(AT_FDCWD, `${d}/f`, O.RDONLY));
    must(await sys.unlinkat(AT_FDCWD, `${d}/f`, 0));
    expect(dec(must(await sys.read(fd, 100)))).toBe('still here');
    expect(must(await sys.fstat(fd)).nlink).toBe(0);
  });

  it('symlinks: follow, lstat, readlink, dangling O_CREAT, O_NOFOLLOW and ELOOP', async () => {
    const { sys, d } = await setup();
    await writeFile(sys, `${d}/target`, 'T');
    must(await sys.symlinkat('target', AT_FDCWD, `${d}/link`));
    expect(await readFile(sys, `${d}/link`)).toBe('T');
    expect(must(await sys.readlinkat(AT_FDCWD, `${d}/link`))).toBe('target');
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/link`, AT.SYMLINK_NOFOLLOW)).mode & S.IFMT).toBe(S.IFLNK);
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/link`, AT.SYMLINK_NOFOLLOW)).size).toBe(6);
    expect(errnoOf(await sys.readlinkat(AT_FDCWD, `${d}/target`, ))).toBe(Errno.EINVAL);
    expect(errnoOf(await sys.openat(AT_FDCWD, `${d}/link`, O.RDONLY | O.NOFOLLOW))).toBe(Errno.ELOOP);
    must(await sys.symlinkat('made', AT_FDCWD, `${d}/dangling`));
    must(await sys.close(must(await sys.openat(AT_FDCWD, `${d}/dangling`, O.WRONLY | O.CREAT, 0o600))));
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/made`, 0)).mode).toBe(S.IFREG | 0o600);
    expect(errnoOf(await sys.openat(AT_FDCWD, `${d}/dangling`, O.WRONLY | O.CREAT | O.EXCL, 0o600))).toBe(Errno.EEXIST);
    must(await sys.symlinkat('loop2', AT_FDCWD, `${d}/loop1`));
    must(await sys.symlinkat('loop1', AT_FDCWD, `${d}/loop2`));
    expect(errnoOf(await sys.openat(AT_FDCWD, `${d}/loop1`, O.RDONLY))).toBe(Errno.ELOOP);
    expect(errnoOf(await sys.symlinkat('', AT_FDCWD, `${d}/empty`))).toBe(Errno.ENOENT);
    expect(errnoOf(await sys.symlinkat('x', AT_FDCWD, `${d}/target`))).toBe(Errno.EEXIST);
    must(await sys.mkdirat(AT_FDCWD, `${d}/dir`, 0o755));
    must(await sys.symlinkat('dir', AT_FDCWD, `${d}/dirlink`));
    expect(errnoOf(await sys.unlinkat(AT_FDCWD, `${d}/dirlink/`, AT.REMOVEDIR))).toBe(Errno.ENOTDIR);
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/dirlink/`, AT.SYMLINK_NOFOLLOW)).mode & S.IFMT).toBe(S.IFDIR);
  });

  it('a chain of 40 symlinks resolves, 41 fail with ELOOP', async () => {
    const { sys, d } = await setup();
    await writeFile(sys, `${d}/l0`, 'end');
    for (let i = 1; i <= 41; i++) must(await sys.symlinkat(`l${i - 1}`, AT_FDCWD, `${d}/l${i}`));
    expect(await readFile(sys, `${d}/l40`)).toBe('end');
    expect(errnoOf(await sys.openat(AT_FDCWD, `${d}/l41`, O.RDONLY))).toBe(Errno.ELOOP);
  });

  it('ENAMETOOLONG for a long component', async () => {
    const { sys, d } = await setup();
    expect(errnoOf(await sys.openat(AT_FDCWD, `${d}/${'x'.repeat(256)}`, O.CREAT | O.WRONLY, 0o644))).toBe(Errno.ENAMETOOLONG);
    must(await sys.close(must(await sys.openat(AT_FDCWD, `${d}/${'x'.repeat(255)}`, O.CREAT | O.WRONLY, 0o644))));
    expect(errnoOf(await sys.fstatat(AT_FDCWD, `${d}/${'y/'.repeat(2100)}`, 0))).toBe(Errno.ENAMETOOLONG);
  });

  it('permission bits: owner, group, other; root bypasses; x needed to search', async () => {
    const { m, sys, d } = await setup();
    await writeFile(sys, `${d}/secret`, 's', 0o600);
    await writeFile(sys, `${d}/grp`, 'g', 0o640);
    must(await sys.fchownat(AT_FDCWD, `${d}/grp`, 0, 100, 0));
    const u = await m.user(1000, 1000, [100]);
    const other = await m.user(2000);
    expect(errnoOf(await u.openat(AT_FDCWD, `${d}/secret`, O.RDONLY))).toBe(Errno.EACCES);
    expect(await readFile(u, `${d}/grp`)).toBe('g');
    expect(errnoOf(await u.openat(AT_FDCWD, `${d}/grp`, O.WRONLY))).toBe(Errno.EACCES);
    expect(errnoOf(await other.openat(AT_FDCWD, `${d}/grp`, O.RDONLY))).toBe(Errno.EACCES);
    must(await sys.mkdirat(AT_FDCWD, `${d}/noexec`, 0o766));
    await writeFile(sys, `${d}/noexec/f`, 'f', 0o666);
    expect(errnoOf(await u.openat(AT_FDCWD, `${d}/noexec/f`, O.RDONLY))).toBe(Errno.EACCES);
    expect(await readFile(sys, `${d}/noexec/f`)).toBe('f');
    expect(errnoOf(await u.faccessat(AT_FDCWD, `${d}/grp`, 4, 0))).toBe(0);
    expect(errnoOf(await u.faccessat(AT_FDCWD, `${d}/grp`, 2, 0))).toBe(Errno.EACCES);
    await writeFile(sys, `${d}/prog`, 'p', 0o644);
    expect(errnoOf(await sys.faccessat(AT_FDCWD, `${d}/prog`, 1, 0))).toBe(Errno.EACCES);
    must(await sys.fchmodat(AT_FDCWD, `${d}/prog`, 0o744, 0));
    expect(errnoOf(await sys.faccessat(AT_FDCWD, `${d}/prog`, 1, 0))).toBe(0);
  });

  it('files get the creator as owner and the umask applied; setgid directories pass their group on', async () => {
    const { m, sys, d } = await setup();
    const u = await m.user(1000, 1000);
    must(await u.umask(0o027));
    await writeFile(u, `${d}/mine`, 'm', 0o666);
    const st = must(await sys.fstatat(AT_FDCWD, `${d}/mine`, 0));
    expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([1000, 1000, 0o640]);
    must(await sys.mkdirat(AT_FDCWD, `${d}/shared`, 0o777));
    must(await sys.fchownat(AT_FDCWD, `${d}/shared`, 0, 50, 0));
    must(await sys.fchmodat(AT_FDCWD, `${d}/shared`, 0o2777, 0));
    await writeFile(u, `${d}/shared/f`, 'x');
    must(await u.mkdirat(AT_FDCWD, `${d}/shared/sub`, 0o755));
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/shared/f`, 0)).gid).toBe(50);
    const sub = must(await sys.fstatat(AT_FDCWD, `${d}/shared/sub`, 0));
    expect(sub.gid).toBe(50);
    expect(sub.mode & S.ISGID).toBe(S.ISGID);
  });

  it('sticky directories: only owners delete', async () => {
    const { m, sys, d } = await setup();
    must(await sys.mkdirat(AT_FDCWD, `${d}/tmp`, 0o777));
    must(await sys.fchmodat(AT_FDCWD, `${d}/tmp`, 0o1777, 0));
    const a = await m.user(1000);
    const b = await m.user(2000);
    await writeFile(a, `${d}/tmp/a`, 'a');
    expect(errnoOf(await b.unlinkat(AT_FDCWD, `${d}/tmp/a`, 0))).toBe(Errno.EPERM);
    expect(errnoOf(await b.renameat2(AT_FDCWD, `${d}/tmp/a`, AT_FDCWD, `${d}/tmp/b`, 0))).toBe(Errno.EPERM);
    must(await a.unlinkat(AT_FDCWD, `${d}/tmp/a`, 0));
  });

  it('chmod, chown and utimensat enforce ownership and capabilities', async () => {
    const { m, sys, d } = await setup();
    const u = await m.user(1000, 1000, [7]);
    await writeFile(u, `${d}/f`, 'x');
    must(await u.fchmodat(AT_FDCWD, `${d}/f`, 0o4755, 0));
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/f`, 0)).mode & 0o7777).toBe(0o4755);
    const other = await m.user(2000);
    expect(errnoOf(await other.fchmodat(AT_FDCWD, `${d}/f`, 0o777, 0))).toBe(Errno.EPERM);
    expect(errnoOf(await u.fchownat(AT_FDCWD, `${d}/f`, 2000, -1, 0))).toBe(Errno.EPERM);
    expect(errnoOf(await u.fchownat(AT_FDCWD, `${d}/f`, -1, 9, 0))).toBe(Errno.EPERM);
    must(await u.fchownat(AT_FDCWD, `${d}/f`, -1, 7, 0));
    const st = must(await sys.fstatat(AT_FDCWD, `${d}/f`, 0));
    expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([1000, 7, 0o755]);
    must(await sys.fchownat(AT_FDCWD, `${d}/f`, 3000, 3000, 0));
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/f`, 0)).uid).toBe(3000);
    must(await sys.utimensat(AT_FDCWD, `${d}/f`, 1000, 2000, 0));
    const t = must(await sys.fstatat(AT_FDCWD, `${d}/f`, 0));
    expect([t.atime.sec, t.mtime.sec, t.mtime.nsec]).toEqual([1, 2, 0]);
    expect(errnoOf(await u.utimensat(AT_FDCWD, `${d}/f`, 5, 5, 0))).toBe(Errno.EPERM);
    expect(errnoOf(await other.utimensat(AT_FDCWD, `${d}/f`, null, null, 0))).toBe(Errno.EACCES);
  });

  it('write access to the directory is needed to create and delete', async () => {
    const { m, sys, d } = await setup();
    must(await sys.mkdirat(AT_FDCWD, `${d}/ro`, 0o755));
    await writeFile(sys, `${d}/ro/f`, 'x');
    must(await sys.fchmodat(AT_FDCWD, `${d}/ro/f`, 0o666, 0));
    const u = await m.user(1000);
    expect(errnoOf(await u.openat(AT_FDCWD, `${d}/ro/new`, O.CREAT | O.WRONLY, 0o644))).toBe(Errno.EACCES);
    expect(errnoOf(await u.mkdirat(AT_FDCWD, `${d}/ro/sub`, 0o755))).toBe(Errno.EACCES);
    expect(errnoOf(await u.unlinkat(AT_FDCWD, `${d}/ro/f`, 0))).toBe(Errno.EACCES);
    const fd = must(await u.openat(AT_FDCWD, `${d}/ro/f`, O.WRONLY));
    expect(must(await u.write(fd, enc('ok')))).toBe(2);
  });

  it('mknod makes FIFOs for anyone and devices only with CAP_MKNOD', async () => {
    const { m, sys, d } = await setup();
    const u = await m.user(1000);
    must(await u.mknodat(AT_FDCWD, `${d}/fifo`, S.IFIFO | 0o644, 0));
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/fifo`, 0)).mode & S.IFMT).toBe(S.IFIFO);
    expect(errnoOf(await u.mknodat(AT_FDCWD, `${d}/null`, S.IFCHR | 0o666, (1 << 8) | 3))).toBe(Errno.EPERM);
    must(await sys.mknodat(AT_FDCWD, `${d}/null`, S.IFCHR | 0o666, (1 << 8) | 3));
    expect(must(await sys.fstatat(AT_FDCWD, `${d}/null`, 0)).mode).toBe(S.IFCHR | 0o644);
    must(await sys.fchmodat(AT_FDCWD, `${d}/null`, 0o666, 0));
    const st = must(await sys.fstatat(AT_FDCWD, `${d}/null`, 0));
    expect(st.rdev).toBe((1 << 8) | 3);
    const fd = must(await u.openat(AT_FDCWD, `${d}/null`, O.RDWR));
    expect(must(await u.write(fd, enc('gone')))).toBe(4);
    expect(must(await u.read(fd, 10)).length).toBe(0);
    expect(errnoOf(await sys.mknodat(AT_FDCWD, `${d}/dir`, S.IFDIR | 0o755, 0))).toBe(Errno.EPERM);
  });

  it('st_dev is the same within the filesystem and inode numbers are distinct', async () => {
    const { sys, d } = await setup();
    await writeFile(sys, `${d}/a`, '');
    await writeFile(sys, `${d}/b`, '');
    const a = must(await sys.fstatat(AT_FDCWD, `${d}/a`, 0));
    const b = must(await sys.fstatat(AT_FDCWD, `${d}/b`, 0));
    const root = must(await sys.fstatat(AT_FDCWD, '/', 0));
    expect(a.dev).toBe(b.dev);
    expect(a.ino).not.toBe(b.ino);
    expect(a.dev).not.toBe(root.dev);
  });
});
