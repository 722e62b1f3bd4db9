// Overlay deletions and renames: whiteouts (also after copy-up), opaque directories when a
// lower directory is removed and recreated, deleting and recreating across layers, EXDEV for
// renaming lower directories, and hard links.
import { beforeAll, describe, expect, it } from 'vitest';
import { AT, AT_FDCWD, Errno, S, type Sys } from '../../../abi/index.js';
import { bootTestMachine, must } from '../../vfs/test-harness.js';
import { registerOverlay } from './index.js';
import { errnoOf, ls, overlay, readFile, typeOf, writeFile } from './overlay-fixture.js';

beforeAll(() => registerOverlay());

/** Is `path` a whiteout (0/0 character device)? */
async function isWhiteout(sys: Sys, path: string): Promise<boolean> {
  const r = await sys.fstatat(AT_FDCWD, path, AT.SYMLINK_NOFOLLOW);
  return r.ok && (r.value.mode & S.IFMT) === S.IFCHR && r.value.rdev === 0;
}

describe('overlay whiteouts', () => {
  it('deleting a lower file leaves a 0/0 character device in upper and hides the file', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'etc/a': 'A', 'etc/b': 'B' }]);
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/etc/a`, 0));
    expect(await isWhiteout(sys, `${p.upper}/etc/a`)).toBe(true);
    expect(await ls(sys, `${p.merged}/etc`)).toEqual(['b']);
    expect(errnoOf(await sys.fstatat(AT_FDCWD, `${p.merged}/etc/a`, 0))).toBe(Errno.ENOENT);
    expect(await readFile(sys, `${p.lower[0]}/etc/a`)).toBe('A');
  });

  it('deleting a copied-up file still leaves a whiteout', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'f': 'lower' }]);
    await writeFile(sys, `${p.merged}/f`, 'changed');
    expect(await typeOf(sys, `${p.upper}/f`)).toBe(S.IFREG);
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/f`, 0));
    expect(await isWhiteout(sys, `${p.upper}/f`)).toBe(true);
    expect(await ls(sys, p.merged)).toEqual([]);
  });

  it('deleting a file made in upper leaves no whiteout', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'keep': 'k' }]);
    await writeFile(sys, `${p.merged}/new`, 'n');
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/new`, 0));
    expect(await ls(sys, p.upper)).toEqual([]);
  });

  it('a file deleted and recreated replaces the whiteout and gets a new inode', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'f': 'top' }, { 'f': 'bottom' }]);
    const old = must(await sys.fstatat(AT_FDCWD, `${p.merged}/f`, 0)).ino;
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/f`, 0));
    await writeFile(sys, `${p.merged}/f`, 'fresh');
    expect(await readFile(sys, `${p.merged}/f`)).toBe('fresh');
    expect(await typeOf(sys, `${p.upper}/f`)).toBe(S.IFREG);
    expect(must(await sys.fstatat(AT_FDCWD, `${p.merged}/f`, 0)).ino).not.toBe(old);
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/f`, 0));
    expect(errnoOf(await sys.fstatat(AT_FDCWD, `${p.merged}/f`, 0))).toBe(Errno.ENOENT);
    expect(await isWhiteout(sys, `${p.upper}/f`)).toBe(true);
  });

  it('a lower file deleted stays readable through an open fd with nlink 0', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'f': 'still' }]);
    const fd = must(await sys.openat(AT_FDCWD, `${p.merged}/f`, 0));
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/f`, 0));
    expect(new TextDecoder().decode(must(await sys.read(fd, 10)))).toBe('still');
    expect(must(await sys.fstat(fd)).nlink).toBe(0);
  });
});

describe('overlay opaque directories', () => {
  it('rmdir of a merged directory then mkdir gives an opaque directory that hides the lower content', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'd/a': 'a' }, { 'd/b': 'b', 'd/sub/c': 'c' }]);
    expect(errnoOf(await sys.unlinkat(AT_FDCWD, `${p.merged}/d`, AT.REMOVEDIR))).toBe(Errno.ENOTEMPTY);
    for (const f of ['d/a', 'd/b', 'd/sub/c']) must(await sys.unlinkat(AT_FDCWD, `${p.merged}/${f}`, 0));
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/d/sub`, AT.REMOVEDIR));
    expect(await ls(sys, `${p.merged}/d`)).toEqual([]);
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/d`, AT.REMOVEDIR));
    expect(await isWhiteout(sys, `${p.upper}/d`)).toBe(true);
    expect(await ls(sys, p.merged)).toEqual([]);
    must(await sys.mkdirat(AT_FDCWD, `${p.merged}/d`, 0o700));
    expect(await ls(sys, `${p.merged}/d`)).toEqual([]);
    expect(await typeOf(sys, `${p.upper}/d`)).toBe(S.IFDIR);
    expect(await ls(sys, `${p.upper}/d`)).toEqual(['.wh..wh..opq']);
    await writeFile(sys, `${p.merged}/d/b`, 'new b');
    expect(await ls(sys, `${p.merged}/d`)).toEqual(['b']);
    expect(must(await sys.fstatat(AT_FDCWD, `${p.merged}/d`, 0)).mode).toBe(S.IFDIR | 0o700);
  });

  it('a directory replacing a lower file is opaque too, and a file may replace a lower directory', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'x': 'file', 'y/z': 'z' }, { 'x/deep': 'hidden' }]);
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/x`, 0));
    must(await sys.mkdirat(AT_FDCWD, `${p.merged}/x`, 0o755));
    expect(await ls(sys, `${p.merged}/x`)).toEqual([]);
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/y/z`, 0));
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/y`, AT.REMOVEDIR));
    await writeFile(sys, `${p.merged}/y`, 'now a file');
    expect(await readFile(sys, `${p.merged}/y`)).toBe('now a file');
  });

  it('creating over whiteouts of lower names shows only the new entries', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'd/one': '1', 'd/two': '2' }]);
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/d/one`, 0));
    must(await sys.symlinkat('two', AT_FDCWD, `${p.merged}/d/one`));
    expect(await readFile(sys, `${p.merged}/d/one`)).toBe('2');
    expect(await ls(sys, `${p.merged}/d`)).toEqual(['one', 'two']);
  });
});

describe('overlay rename', () => {
  it('renaming a directory that exists in a lower layer fails with EXDEV; upper-only directories move', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'lowdir/f': 'f' }]);
    expect(errnoOf(await sys.renameat2(AT_FDCWD, `${p.merged}/lowdir`, AT_FDCWD, `${p.merged}/moved`, 0))).toBe(Errno.EXDEV);
    must(await sys.mkdirat(AT_FDCWD, `${p.merged}/updir`, 0o755));
    await writeFile(sys, `${p.merged}/updir/g`, 'g');
    must(await sys.renameat2(AT_FDCWD, `${p.merged}/updir`, AT_FDCWD, `${p.merged}/lowdir/inner`, 0));
    expect(await readFile(sys, `${p.merged}/lowdir/inner/g`)).toBe('g');
    expect(await ls(sys, p.merged)).toEqual(['lowdir']);
  });

  it('renaming a lower file copies it up and whites out the old name', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'a': 'A', 'b': 'B' }]);
    const ino = must(await sys.fstatat(AT_FDCWD, `${p.merged}/a`, 0)).ino;
    must(await sys.renameat2(AT_FDCWD, `${p.merged}/a`, AT_FDCWD, `${p.merged}/b`, 0));
    expect(await readFile(sys, `${p.merged}/b`)).toBe('A');
    expect(must(await sys.fstatat(AT_FDCWD, `${p.merged}/b`, 0)).ino).toBe(ino);
    expect(await ls(sys, p.merged)).toEqual(['b']);
    expect(await isWhiteout(sys, `${p.upper}/a`)).toBe(true);
    expect(await readFile(sys, `${p.upper}/b`)).toBe('A');
  });

  it('an upper directory moved onto a lower directory\'s name becomes opaque', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'old/x': 'x' }]);
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/old/x`, 0));
    must(await sys.mkdirat(AT_FDCWD, `${p.merged}/fresh`, 0o755));
    await writeFile(sys, `${p.merged}/fresh/y`, 'y');
    must(await sys.renameat2(AT_FDCWD, `${p.merged}/fresh`, AT_FDCWD, `${p.merged}/old`, 0));
    expect(await ls(sys, `${p.merged}/old`)).toEqual(['y']);
    expect(await ls(sys, p.merged)).toEqual(['old']);
  });
});

describe('overlay hard links', () => {
  it('link of a lower file copies it up; both names share the inode', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'f': 'data' }]);
    must(await sys.linkat(AT_FDCWD, `${p.merged}/f`, AT_FDCWD, `${p.merged}/g`, 0));
    const f = must(await sys.fstatat(AT_FDCWD, `${p.merged}/f`, 0));
    const g = must(await sys.fstatat(AT_FDCWD, `${p.merged}/g`, 0));
    expect(g.ino).toBe(f.ino);
    expect([f.nlink, g.nlink]).toEqual([2, 2]);
    await writeFile(sys, `${p.merged}/g`, 'via g');
    expect(await readFile(sys, `${p.merged}/f`)).toBe('via g');
    expect(must(await sys.fstatat(AT_FDCWD, `${p.upper}/f`, 0)).ino).toBe(must(await sys.fstatat(AT_FDCWD, `${p.upper}/g`, 0)).ino);
    must(await sys.unlinkat(AT_FDCWD, `${p.merged}/f`, 0));
    expect(must(await sys.fstatat(AT_FDCWD, `${p.merged}/g`, 0)).nlink).toBe(1);
  });

  it('hard links inside a lower layer stay one file after copy-up', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'bin/busybox': 'bb' }]);
    must(await sys.linkat(AT_FDCWD, `${p.lower[0]}/bin/busybox`, AT_FDCWD, `${p.lower[0]}/bin/sh`, 0));
    const a = must(await sys.fstatat(AT_FDCWD, `${p.merged}/bin/busybox`, 0));
    const b = must(await sys.fstatat(AT_FDCWD, `${p.merged}/bin/sh`, 0));
    expect(b.ino).toBe(a.ino);
    await writeFile(sys, `${p.merged}/bin/sh`, 'patched');
    expect(await readFile(sys, `${p.merged}/bin/busybox`)).toBe('patched');
    expect(await readFile(sys, `${p.lower[0]}/bin/busybox`)).toBe('bb');
    expect(must(await sys.fstatat(AT_FDCWD, `${p.merged}/bin/sh`, 0)).nlink).toBe(2);
  });
});
