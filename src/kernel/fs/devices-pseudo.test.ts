// Devices under /dev (by rdev) and the pseudo filesystem base, through syscalls.
import { describe, expect, it } from 'vitest';
import { AT, AT_FDCWD, Errno, IOCTL, O, S, SEEK, type Sys, type SysResult } from '../../abi/index.js';
import { bootTestMachine, must } from '../vfs/test-harness.js';
import { fileSystems } from '../vfs/fs-type-registry.js';
import { pseudoFsType } from './pseudo-fs.js';
import { computedSymlink, staticDir, textFile, type PseudoDir, type PseudoNode } from './pseudo-node.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
const errnoOf = (r: SysResult<unknown>): number => (r.ok ? 0 : r.errno);

async function readAll(sys: Sys, path: string): Promise<string> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.RDONLY), `open ${path}`);
  let out = '';
  for (let chunk = must(await sys.read(fd, 7)); chunk.length > 0; chunk = must(await sys.read(fd, 7))) out += dec(chunk);
  must(await sys.close(fd));
  return out;
}

async function writeText(sys: Sys, path: string, text: string): Promise<SysResult<number>> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.WRONLY | O.TRUNC), `open ${path}`);
  const r = await sys.write(fd, enc(text));
  must(await sys.close(fd));
  return r;
}

async function list(sys: Sys, path: string): Promise<string[]> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.RDONLY | O.DIRECTORY));
  const out = must(await sys.getdents64(fd)).map((d) => d.name);
  must(await sys.close(fd));
  return out.sort();
}

describe('/dev', () => {
  it('has the standard character devices with their numbers', async () => {
    const { root: sys } = bootTestMachine();
    const want: [string, number, number][] = [['null', 1, 3], ['zero', 1, 5], ['full', 1, 7], ['random', 1, 8], ['urandom', 1, 9], ['tty', 5, 0], ['console', 5, 1]];
    for (const [name, maj, min] of want) {
      const st = must(await sys.fstatat(AT_FDCWD, `/dev/${name}`, 0));
      expect(st.mode & S.IFMT).toBe(S.IFCHR);
      expect(st.rdev).toBe((maj << 8) | min);
    }
    expect(must(await sys.readlinkat(AT_FDCWD, '/dev/stdout'))).toBe('/proc/self/fd/1');
    expect(must(await sys.fstatat(AT_FDCWD, '/dev/shm', 0)).mode).toBe(S.IFDIR | 0o1777);
    expect(must(await sys.fstatat(AT_FDCWD, '/tmp', 0)).mode).toBe(S.IFDIR | 0o1777);
  });

  it('null, zero, full and urandom behave by device number', async () => {
    const m = bootTestMachine();
    const sys = await m.user(1000);
    const rw = async (p: string): Promise<number> => must(await sys.openat(AT_FDCWD, p, O.RDWR));
    const nul = await rw('/dev/null');
    expect(must(await sys.write(nul, enc('x'.repeat(100))))).toBe(100);
    expect(must(await sys.read(nul, 10)).length).toBe(0);
    const zero = await rw('/dev/zero');
    expect(Array.from(must(await sys.read(zero, 4)))).toEqual([0, 0, 0, 0]);
    const full = await rw('/dev/full');
    expect(errnoOf(await sys.write(full, enc('x')))).toBe(Errno.ENOSPC);
    expect(must(await sys.read(full, 3)).length).toBe(3);
    const ur = await rw('/dev/urandom');
    const a = must(await sys.read(ur, 32));
    const b = must(await sys.read(ur, 32));
    expect(a.length).toBe(32);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    expect(errnoOf(await sys.ioctl(nul, IOCTL.TCGETS))).toBe(Errno.ENOTTY);
  });

  it('console writes reach the kernel console sink; terminal ioctls answer', async () => {
    const m = bootTestMachine();
    const fd = must(await m.root.openat(AT_FDCWD, '/dev/console', O.WRONLY));
    must(await m.root.write(fd, enc('boot ok\n')));
    expect(m.console.map(dec).join('')).toBe('boot ok\n');
    expect(must(await m.root.ioctl(fd, IOCTL.TIOCGWINSZ))).toEqual({ rows: 24, cols: 80 });
    expect(errnoOf(await m.root.lseek(fd, 0, SEEK.SET))).toBe(Errno.ESPIPE);
    const u = await m.user(1000);
    expect(errnoOf(await u.openat(AT_FDCWD, '/dev/console', O.WRONLY))).toBe(Errno.EACCES);
  });

  it('a device number without a driver gives ENXIO', async () => {
    const { root: sys } = bootTestMachine();
    must(await sys.mknodat(AT_FDCWD, '/tmp/odd', S.IFCHR | 0o600, (99 << 8) | 1));
    expect(errnoOf(await sys.openat(AT_FDCWD, '/tmp/odd', O.RDONLY))).toBe(Errno.ENXIO);
  });
});

describe('pseudo filesystems', () => {
  /** A small procfs-like tree: a counter file, a settable value, per-"task" dirs, a self link. */
  function registerTestFs(): { tasks: Set<number>; value: { v: string } } {
    const tasks = new Set<number>([1, 2]);
    const value = { v: 'initial' };
    let opens = 0;
    const task = (id: number): PseudoDir => staticDir({ id: textFile(() => `${id}\n`) }, 0o555, { key: id, uid: id * 100 });
    const tasksDir: PseudoDir = {
      kind: 'dir', mode: 0o755,
      *entries() { for (const id of tasks) yield [String(id), task(id)] as const; },
      lookup: (name) => (tasks.has(Number(name)) ? task(Number(name)) : undefined),
      mkdir: (name) => {
        if (!/^\d+$/.test(name)) return { ok: false, errno: Errno.EINVAL };
        tasks.add(Number(name));
        return { ok: true, value: undefined };
      },
      rmdir: (name) => (Number(name) === 1 ? { ok: false, errno: Errno.EBUSY } : (tasks.delete(Number(name)), { ok: true, value: undefined })),
    };
    const root: Record<string, PseudoNode> = {
      opens: textFile(() => `${++opens}\n`),
      value: textFile(() => `${value.v}\n`, (text) => {
        const t = text.trim();
        if (!/^[a-z]+$/.test(t)) return Errno.EINVAL;
        value.v = t;
        return 0;
      }),
      tasks: tasksDir,
      self: computedSymlink((ctx) => `tasks/${ctx.proc.pid % 2 === 0 ? 2 : 1}`),
    };
    fileSystems.register(pseudoFsType('testfs', () => ({ ok: true, value: staticDir(root) })));
    return { tasks, value };
  }

  it('files are generated per open (a snapshot) and writes go to the handler', async () => {
    registerTestFs();
    const m = bootTestMachine();
    const sys = m.root;
    must(await sys.mkdirat(AT_FDCWD, '/t', 0o755));
    must(await sys.mount('testfs', '/t', 'testfs', 0, ''));
    expect(await readAll(sys, '/t/opens')).toBe('1\n');
    const fd = must(await sys.openat(AT_FDCWD, '/t/opens', O.RDONLY));
    expect(dec(must(await sys.read(fd, 100)))).toBe('2\n');
    expect(must(await sys.read(fd, 100)).length).toBe(0);
    must(await sys.lseek(fd, 0, SEEK.SET));
    expect(dec(must(await sys.read(fd, 100)))).toBe('3\n');
    expect(await readAll(sys, '/t/value')).toBe('initial\n');
    expect(must(await writeText(sys, '/t/value', 'changed\n'))).toBe(8);
    expect(await readAll(sys, '/t/value')).toBe('changed\n');
    expect(errnoOf(await writeText(sys, '/t/value', 'BAD'))).toBe(Errno.EINVAL);
    expect(errnoOf(await sys.openat(AT_FDCWD, '/t/opens', O.WRONLY))).toBe(Errno.EACCES);
    const u = await m.user(1000);
    expect(errnoOf(await u.openat(AT_FDCWD, '/t/value', O.WRONLY))).toBe(Errno.EACCES);
    expect(errnoOf(await sys.openat(AT_FDCWD, '/t/newfile', O.WRONLY | O.CREAT, 0o644))).toBe(Errno.EPERM);
    expect(errnoOf(await sys.unlinkat(AT_FDCWD, '/t/value', 0))).toBe(Errno.EPERM);
    expect(must(await sys.fstatat(AT_FDCWD, '/t/value', 0)).mode).toBe(S.IFREG | 0o644);
  });

  it('directories are computed: entries appear and vanish; inodes stay while the key does', async () => {
    const { tasks } = registerTestFs();
    const { root: sys } = bootTestMachine();
    must(await sys.mkdirat(AT_FDCWD, '/t', 0o755));
    must(await sys.mount('testfs', '/t', 'testfs', 0, ''));
    expect(await list(sys, '/t')).toEqual(['.', '..', 'opens', 'self', 'tasks', 'value']);
    expect(await list(sys, '/t/tasks')).toEqual(['.', '..', '1', '2']);
    const ino = must(await sys.fstatat(AT_FDCWD, '/t/tasks/2', 0)).ino;
    expect(must(await sys.fstatat(AT_FDCWD, '/t/tasks/2', 0)).ino).toBe(ino);
    expect(must(await sys.fstatat(AT_FDCWD, '/t/tasks/2', 0)).uid).toBe(200);
    expect(await readAll(sys, '/t/tasks/2/id')).toBe('2\n');
    tasks.add(7);
    expect(await readAll(sys, '/t/tasks/7/id')).toBe('7\n');
    tasks.delete(2);
    expect(errnoOf(await sys.fstatat(AT_FDCWD, '/t/tasks/2', 0))).toBe(Errno.ENOENT);
    expect(await list(sys, '/t/tasks')).toEqual(['.', '..', '1', '7']);
    tasks.add(2);
    expect(must(await sys.readlinkat(AT_FDCWD, '/t/self'))).toMatch(/^tasks\/[12]$/);
    expect(must(await sys.fstatat(AT_FDCWD, '/t/self/id', 0)).mode & S.IFMT).toBe(S.IFREG);
  });

  it('mkdir and rmdir go to the directory handlers', async () => {
    const { tasks } = registerTestFs();
    const { root: sys } = bootTestMachine();
    must(await sys.mkdirat(AT_FDCWD, '/t', 0o755));
    must(await sys.mount('testfs', '/t', 'testfs', 0, ''));
    must(await sys.mkdirat(AT_FDCWD, '/t/tasks/42', 0o755));
    expect(tasks.has(42)).toBe(true);
    expect(await readAll(sys, '/t/tasks/42/id')).toBe('42\n');
    expect(errnoOf(await sys.mkdirat(AT_FDCWD, '/t/tasks/abc', 0o755))).toBe(Errno.EINVAL);
    expect(errnoOf(await sys.mkdirat(AT_FDCWD, '/t/tasks/42', 0o755))).toBe(Errno.EEXIST);
    expect(errnoOf(await sys.unlinkat(AT_FDCWD, '/t/tasks/1', AT.REMOVEDIR))).toBe(Errno.EBUSY);
    must(await sys.unlinkat(AT_FDCWD, '/t/tasks/42', AT.REMOVEDIR));
    expect(tasks.has(42)).toBe(false);
    expect(errnoOf(await sys.mkdirat(AT_FDCWD, '/t/other', 0o755))).toBe(Errno.EPERM);
  });

  it('chmod on a pseudo file sticks (kernfs style) and mounts on pseudo directories stay', async () => {
    registerTestFs();
    const { root: sys } = bootTestMachine();
    must(await sys.mkdirat(AT_FDCWD, '/t', 0o755));
    must(await sys.mount('testfs', '/t', 'testfs', 0, ''));
    must(await sys.fchmodat(AT_FDCWD, '/t/value', 0o600, 0));
    expect(must(await sys.fstatat(AT_FDCWD, '/t/value', 0)).mode & 0o777).toBe(0o600);
    must(await sys.mount('tmpfs', '/t/tasks/1', 'tmpfs', 0, ''));
    must(await sys.mkdirat(AT_FDCWD, '/t/tasks/1/x', 0o755));
    expect(must(await sys.fstatat(AT_FDCWD, '/t/tasks/1/x', 0)).mode & S.IFMT).toBe(S.IFDIR);
  });
});
