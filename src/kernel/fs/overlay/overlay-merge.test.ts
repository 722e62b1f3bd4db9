// Overlay merged view: precedence of layers, merged listings, lower whiteouts and opaque
// markers, st_dev/st_ino, and three mounts over the same lowers staying apart.
import { beforeAll, describe, expect, it } from 'vitest';
import { AT_FDCWD, Errno, S } from '../../../abi/index.js';
import { bootTestMachine, must } from '../../vfs/test-harness.js';
import { OverlaySuperBlock, registerOverlay } from './index.js';
import { errnoOf, ls, overlay, readFile, typeOf, writeFile } from './overlay-fixture.js';

beforeAll(() => registerOverlay());

describe('overlay merged view', () => {
  it('shows the topmost layer\'s file and merges directories of every layer', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [
      { 'etc/hostname': 'top', 'etc/only-top': 't' },
      { 'etc/hostname': 'middle', 'etc/only-middle': 'm', 'usr/bin/sh': 'sh' },
      { 'etc/hostname': 'bottom', 'etc/only-bottom': 'b', 'var/' : '' },
    ]);
    expect(await readFile(sys, `${p.merged}/etc/hostname`)).toBe('top');
    expect(await ls(sys, p.merged)).toEqual(['etc', 'usr', 'var']);
    expect(await ls(sys, `${p.merged}/etc`)).toEqual(['hostname', 'only-bottom', 'only-middle', 'only-top']);
    expect(await readFile(sys, `${p.merged}/etc/only-bottom`)).toBe('b');
    expect(await readFile(sys, `${p.merged}/usr/bin/sh`)).toBe('sh');
  });

  it('a whiteout in a lower layer hides the name in the layers below it', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [
      { 'a/keep': 'k' },
      { 'a/gone': null, 'a/dir': null },
      { 'a/gone': 'old', 'a/dir/x': 'x', 'a/other': 'o' },
    ]);
    expect(await ls(sys, `${p.merged}/a`)).toEqual(['keep', 'other']);
    expect(errnoOf(await sys.fstatat(AT_FDCWD, `${p.merged}/a/gone`, 0))).toBe(Errno.ENOENT);
    expect(errnoOf(await sys.fstatat(AT_FDCWD, `${p.merged}/a/dir/x`, 0))).toBe(Errno.ENOENT);
  });

  it('an opaque marker in a lower directory hides the same directory below it', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [
      { 'd/new': 'n', 'd/.wh..wh..opq': '' },
      { 'd/old': 'o', 'e/kept': 'k' },
    ]);
    expect(await ls(sys, `${p.merged}/d`)).toEqual(['new']);
    expect(await ls(sys, `${p.merged}/e`)).toEqual(['kept']);
  });

  it('a file in a higher layer hides a directory below, and a directory hides a file', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [
      { 'x': 'file now', 'y/inside': 'i' },
      { 'x/under': 'u', 'y': 'was a file' },
      { 'y/deep': 'not merged past the file' },
    ]);
    expect(await typeOf(sys, `${p.merged}/x`)).toBe(S.IFREG);
    expect(await ls(sys, `${p.merged}/y`)).toEqual(['inside']);
  });

  it('reports the overlay\'s st_dev for every entry and stable inode numbers matching readdir', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'a': '1', 'd/b': '2' }, { 'c': '3' }]);
    const dev = must(await sys.fstatat(AT_FDCWD, p.merged, 0)).dev;
    const lowerDev = must(await sys.fstatat(AT_FDCWD, p.lower[0], 0)).dev;
    expect(dev).not.toBe(lowerDev);
    const inos = new Set<number>();
    for (const f of ['a', 'd', 'd/b', 'c']) {
      const st = must(await sys.fstatat(AT_FDCWD, `${p.merged}/${f}`, 0));
      expect(st.dev).toBe(dev);
      inos.add(st.ino);
    }
    expect(inos.size).toBe(4);
    const fd = must(await sys.openat(AT_FDCWD, p.merged, 0o200000 /* O_DIRECTORY */));
    const ents = must(await sys.getdents64(fd));
    for (const e of ents.filter((x) => x.name.length === 1)) {
      expect(e.ino).toBe(must(await sys.fstatat(AT_FDCWD, `${p.merged}/${e.name}`, 0)).ino);
    }
  });

  it('three mounts over the same lowers do not see each other\'s writes; the lowers stay untouched', async () => {
    const { root: sys } = bootTestMachine();
    const first = await overlay(sys, [{ 'etc/conf': 'base', 'bin/tool': 'tool' }]);
    const second = await overlay(sys, [], { lower: first.lower });
    const third = await overlay(sys, [], { lower: first.lower });
    await writeFile(sys, `${first.merged}/etc/conf`, 'one');
    await writeFile(sys, `${second.merged}/new-in-two`, 'two');
    must(await sys.unlinkat(AT_FDCWD, `${third.merged}/bin/tool`, 0));
    expect(await readFile(sys, `${first.merged}/etc/conf`)).toBe('one');
    expect(await readFile(sys, `${second.merged}/etc/conf`)).toBe('base');
    expect(await readFile(sys, `${third.merged}/etc/conf`)).toBe('base');
    expect(await ls(sys, first.merged)).toEqual(['bin', 'etc']);
    expect(await ls(sys, second.merged)).toEqual(['bin', 'etc', 'new-in-two']);
    expect(await ls(sys, `${third.merged}/bin`)).toEqual([]);
    expect(await ls(sys, `${first.merged}/bin`)).toEqual(['tool']);
    expect(await readFile(sys, `${first.lower[0]}/etc/conf`)).toBe('base');
    expect(await ls(sys, `${first.lower[0]}/bin`)).toEqual(['tool']);
  });

  it('mounts with the same lowerdir list share one lower index; another order gets its own', async () => {
    const m = bootTestMachine();
    const sys = m.root;
    const a = await overlay(sys, [{ 'x/y': 'top' }, { 'x/z': 'bottom' }]);
    expect(await ls(sys, `${a.merged}/x`)).toEqual(['y', 'z']);
    const b = await overlay(sys, [], { lower: a.lower });
    const c = await overlay(sys, [], { lower: [...a.lower].reverse(), readOnly: true });
    const sbAt = (path: string) => m.kernel.rootNs.mnt.mounts().find((x) => x.mountpoint?.name === path.slice(path.lastIndexOf('/') + 1))!.sb as OverlaySuperBlock;
    const [sa, sb, sc] = [sbAt(a.merged), sbAt(b.merged), sbAt(c.merged)];
    expect(sa).toBeInstanceOf(OverlaySuperBlock);
    expect(sb.layers.stack).toBe(sa.layers.stack);
    expect(sc.layers.stack).not.toBe(sa.layers.stack);
    const x = sa.layers.stack.root.entries({} as never).get('x')!.dir!;
    expect(x.indexed).toBe(true);
    expect(x.layers.length).toBe(2);
    expect(await readFile(sys, `${c.merged}/x/y`)).toBe('top');
  });

  it('a merged directory reports nlink 1; a directory of one layer keeps its count', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'm/a/': '', 'one/b/': '', 'one/c/': '' }, { 'm/d/': '' }]);
    expect(must(await sys.fstatat(AT_FDCWD, `${p.merged}/m`, 0)).nlink).toBe(1);
    expect(must(await sys.fstatat(AT_FDCWD, `${p.merged}/one`, 0)).nlink).toBe(4);
    must(await sys.mkdirat(AT_FDCWD, `${p.merged}/one/e`, 0o755));
    expect(must(await sys.fstatat(AT_FDCWD, `${p.merged}/one`, 0)).nlink).toBe(1);
  });

  it('follows symlinks stored in lower layers', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'bin/sh': '->busybox' }, { 'bin/busybox': 'BB' }]);
    expect(await readFile(sys, `${p.merged}/bin/sh`)).toBe('BB');
    expect(must(await sys.readlinkat(AT_FDCWD, `${p.merged}/bin/sh`))).toBe('busybox');
  });
});
