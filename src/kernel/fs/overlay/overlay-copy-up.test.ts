// Overlay copy-up: data and metadata move to the upper layer on the first write, chmod, chown,
// truncate, utimes or open for writing — never on reads — and the inode number stays the same.
import { beforeAll, describe, expect, it } from 'vitest';
import { AT_FDCWD, O, S, type Sys } from '../../../abi/index.js';
import { bootTestMachine, must } from '../../vfs/test-harness.js';
import { registerOverlay } from './index.js';
import { appendFile, errnoOf, ls, overlay, readFile, typeOf, writeFile, type OverlayPaths } from './overlay-fixture.js';

beforeAll(() => registerOverlay());

async function setup(): Promise<{ sys: Sys; p: OverlayPaths }> {
  const { root: sys } = bootTestMachine();
  const p = await overlay(sys, [{ 'etc/motd': 'hello', 'etc/app/conf': 'a=1', 'bin/x': 'x' }]);
  return { sys, p };
}

describe('overlay copy-up', () => {
  it('reading and stat-ing do not copy up', async () => {
    const { sys, p } = await setup();
    expect(await readFile(sys, `${p.merged}/etc/app/conf`)).toBe('a=1');
    must(await sys.fstatat(AT_FDCWD, `${p.merged}/etc/motd`, 0));
    must(await sys.close(must(await sys.openat(AT_FDCWD, `${p.merged}/etc/motd`, O.RDONLY))));
    expect(await ls(sys, p.upper)).toEqual([]);
  });

  it('a write copies the file and its parents up; the lower file is unchanged', async () => {
    const { sys, p } = await setup();
    must(await sys.fchmodat(AT_FDCWD, `${p.lower[0]}/etc/app`, 0o750, 0));
    must(await sys.fchownat(AT_FDCWD, `${p.lower[0]}/etc/app/conf`, 7, 8, 0));
    await appendFile(sys, `${p.merged}/etc/app/conf`, ',b=2');
    expect(await readFile(sys, `${p.merged}/etc/app/conf`)).toBe('a=1,b=2');
    expect(await readFile(sys, `${p.upper}/etc/app/conf`)).toBe('a=1,b=2');
    expect(await readFile(sys, `${p.lower[0]}/etc/app/conf`)).toBe('a=1');
    expect(await ls(sys, `${p.upper}/etc`)).toEqual(['app']);
    const dir = must(await sys.fstatat(AT_FDCWD, `${p.upper}/etc/app`, 0));
    expect(dir.mode).toBe(S.IFDIR | 0o750);
    const f = must(await sys.fstatat(AT_FDCWD, `${p.upper}/etc/app/conf`, 0));
    expect([f.uid, f.gid, f.mode]).toEqual([7, 8, S.IFREG | 0o644]);
    expect(await ls(sys, `${p.merged}/etc`)).toEqual(['app', 'motd']);
  });

  it('open for writing copies up even before anything is written', async () => {
    const { sys, p } = await setup();
    const fd = must(await sys.openat(AT_FDCWD, `${p.merged}/etc/motd`, O.WRONLY));
    expect(await typeOf(sys, `${p.upper}/etc/motd`)).toBe(S.IFREG);
    expect(await readFile(sys, `${p.upper}/etc/motd`)).toBe('hello');
    must(await sys.close(fd));
  });

  it.each([
    ['chmod', (sys: Sys, f: string) => sys.fchmodat(AT_FDCWD, f, 0o600, 0)],
    ['chown', (sys: Sys, f: string) => sys.fchownat(AT_FDCWD, f, 5, 5, 0)],
    ['truncate', (sys: Sys, f: string) => sys.truncate(f, 2)],
    ['utimes', (sys: Sys, f: string) => sys.utimensat(AT_FDCWD, f, 1000, 2000, 0)],
    ['O_TRUNC', async (sys: Sys, f: string) => {
      const r = await sys.openat(AT_FDCWD, f, O.WRONLY | O.TRUNC);
      if (r.ok) await sys.close(r.value);
      return r;
    }],
  ])('%s copies up and changes only the upper copy', async (_name, op) => {
    const { sys, p } = await setup();
    const before = must(await sys.fstatat(AT_FDCWD, `${p.lower[0]}/etc/motd`, 0));
    must(await op(sys, `${p.merged}/etc/motd`));
    expect(await typeOf(sys, `${p.upper}/etc/motd`)).toBe(S.IFREG);
    const merged = must(await sys.fstatat(AT_FDCWD, `${p.merged}/etc/motd`, 0));
    const upper = must(await sys.fstatat(AT_FDCWD, `${p.upper}/etc/motd`, 0));
    expect([merged.mode, merged.uid, merged.size, merged.mtime]).toEqual([upper.mode, upper.uid, upper.size, upper.mtime]);
    const after = must(await sys.fstatat(AT_FDCWD, `${p.lower[0]}/etc/motd`, 0));
    expect(after).toEqual(before);
    expect([merged.mode, merged.uid, merged.size, merged.mtime]).not.toEqual([before.mode, before.uid, before.size, before.mtime]);
  });

  it('keeps the inode number and content timestamps across copy-up', async () => {
    const { sys, p } = await setup();
    must(await sys.utimensat(AT_FDCWD, `${p.lower[0]}/bin/x`, 5000, 6000, 0));
    const before = must(await sys.fstatat(AT_FDCWD, `${p.merged}/bin/x`, 0));
    must(await sys.fchmodat(AT_FDCWD, `${p.merged}/bin/x`, 0o755, 0));
    const after = must(await sys.fstatat(AT_FDCWD, `${p.merged}/bin/x`, 0));
    expect(after.ino).toBe(before.ino);
    expect(after.dev).toBe(before.dev);
    expect(after.mtime).toEqual({ sec: 6, nsec: 0 });
    expect(after.mode).toBe(S.IFREG | 0o755);
  });

  it('an fd opened read-only before a copy-up reads the new data afterwards', async () => {
    const { sys, p } = await setup();
    const fd = must(await sys.openat(AT_FDCWD, `${p.merged}/etc/motd`, O.RDONLY));
    await writeFile(sys, `${p.merged}/etc/motd`, 'changed');
    expect(new TextDecoder().decode(must(await sys.read(fd, 100)))).toBe('changed');
  });

  it('copies up symlinks, FIFOs and devices as themselves', async () => {
    const { sys, p } = await setup();
    must(await sys.symlinkat('motd', AT_FDCWD, `${p.lower[0]}/etc/link`));
    must(await sys.mknodat(AT_FDCWD, `${p.lower[0]}/etc/fifo`, S.IFIFO | 0o644, 0));
    must(await sys.mknodat(AT_FDCWD, `${p.lower[0]}/etc/null`, S.IFCHR | 0o644, (1 << 8) | 3));
    for (const f of ['link', 'fifo', 'null']) must(await sys.fchownat(AT_FDCWD, `${p.merged}/etc/${f}`, 3, 3, 0x100));
    expect(must(await sys.readlinkat(AT_FDCWD, `${p.upper}/etc/link`))).toBe('motd');
    expect(await typeOf(sys, `${p.upper}/etc/fifo`)).toBe(S.IFIFO);
    const dev = must(await sys.fstatat(AT_FDCWD, `${p.upper}/etc/null`, 0));
    expect([dev.mode & S.IFMT, dev.rdev, dev.uid]).toEqual([S.IFCHR, (1 << 8) | 3, 3]);
  });

  it('copies a 1 MiB file exactly', async () => {
    const { sys, p } = await setup();
    const big = new Uint8Array(1 << 20);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 255;
    const fd = must(await sys.openat(AT_FDCWD, `${p.lower[0]}/big`, O.WRONLY | O.CREAT, 0o644));
    must(await sys.write(fd, big));
    must(await sys.close(fd));
    const w = must(await sys.openat(AT_FDCWD, `${p.merged}/big`, O.WRONLY));
    must(await sys.pwrite(w, new Uint8Array([1]), 0));
    must(await sys.close(w));
    const r = must(await sys.openat(AT_FDCWD, `${p.upper}/big`, O.RDONLY));
    const got = must(await sys.pread(r, 2 << 20, 0));
    expect(got.length).toBe(1 << 20);
    expect(got[0]).toBe(1);
    let diff = -1;
    for (let i = 1; i < big.length && diff < 0; i++) if (got[i] !== big[i]) diff = i;
    expect(diff).toBe(-1);
    expect(await ls(sys, `${p.work}/work`)).toEqual([]);
    expect(errnoOf(await sys.fstatat(AT_FDCWD, `${p.work}/work`, 0))).toBe(0);
  });
});
