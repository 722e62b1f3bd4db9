// Overlay mount(2): option checking, the 125-layer limit (126 refused with a log line),
// read-only mounts without upperdir, mountinfo text, and `mv` of a lower directory falling
// back to copying (rename gives EXDEV) on a booted machine with the real userland.
import { beforeAll, describe, expect, it } from 'vitest';
import { AT_FDCWD, Errno, O, type Sys } from '../../../abi/index.js';
import { Kernel } from '../../kernel.js';
import { vfs } from '../../vfs/index.js';
import { virtualHostTimer } from '../../../boot/host-timer.js';
import { bootMachine } from '../../../boot/machine.js';
import { bootTestMachine, must } from '../../vfs/test-harness.js';
import { registerOverlay } from './index.js';
import { errnoOf, ls, mkdirp, overlay, readFile, writeFile } from './overlay-fixture.js';

beforeAll(() => registerOverlay());

function bootWithLog(): { sys: Sys; log: string[] } {
  const log: string[] = [];
  const kernel = new Kernel({ host: virtualHostTimer(), vfs, log: (l) => log.push(l) });
  return { sys: kernel.spawn({ external: true, argv: ['test'] }).sys, log };
}

async function layers(sys: Sys, n: number): Promise<string[]> {
  await mkdirp(sys, '/L');
  must(await sys.mount('tmpfs', '/L', 'tmpfs', 0, ''));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = `/L/${i}`;
    must(await sys.mkdirat(AT_FDCWD, d, 0o755));
    await writeFile(sys, `${d}/f${i}`, `${i}`);
    await writeFile(sys, `${d}/shared`, `layer ${i}`);
    out.push(d);
  }
  return out;
}

describe('overlay mount', () => {
  it('mounts 125 lower layers and refuses 126 with EINVAL and a log line', async () => {
    const { sys, log } = bootWithLog();
    const dirs = await layers(sys, 126);
    await mkdirp(sys, '/m');
    expect(errnoOf(await sys.mount('overlay', '/m', 'overlay', 0, `lowerdir=${dirs.join(':')}`))).toBe(Errno.EINVAL);
    expect(log.some((l) => /overlayfs: too many lower directories \(126\), limit is 125/.test(l))).toBe(true);
    must(await sys.mount('overlay', '/m', 'overlay', 0, `lowerdir=${dirs.slice(0, 125).join(':')}`));
    expect(await readFile(sys, '/m/shared')).toBe('layer 0');
    expect(await readFile(sys, '/m/f124')).toBe('124');
    expect((await ls(sys, '/m')).length).toBe(126);
  });

  it('without upperdir the mount is read-only: reads work, every change is EROFS', async () => {
    const { root: sys } = bootTestMachine();
    const p = await overlay(sys, [{ 'd/f': 'data' }], { readOnly: true });
    expect(await readFile(sys, `${p.merged}/d/f`)).toBe('data');
    const m = p.merged;
    expect(errnoOf(await sys.openat(AT_FDCWD, `${m}/d/f`, O.WRONLY))).toBe(Errno.EROFS);
    expect(errnoOf(await sys.openat(AT_FDCWD, `${m}/d/new`, O.WRONLY | O.CREAT, 0o644))).toBe(Errno.EROFS);
    expect(errnoOf(await sys.mkdirat(AT_FDCWD, `${m}/x`, 0o755))).toBe(Errno.EROFS);
    expect(errnoOf(await sys.unlinkat(AT_FDCWD, `${m}/d/f`, 0))).toBe(Errno.EROFS);
    expect(errnoOf(await sys.fchmodat(AT_FDCWD, `${m}/d/f`, 0o600, 0))).toBe(Errno.EROFS);
    expect(errnoOf(await sys.truncate(`${m}/d/f`, 0))).toBe(Errno.EROFS);
    expect(errnoOf(await sys.renameat2(AT_FDCWD, `${m}/d/f`, AT_FDCWD, `${m}/d/g`, 0))).toBe(Errno.EROFS);
    expect(await readFile(sys, `${p.lower[0]}/d/f`)).toBe('data');
  });

  it('checks its options and layer paths', async () => {
    const { sys, log } = bootWithLog();
    await mkdirp(sys, '/a/l');
    await mkdirp(sys, '/a/u');
    await mkdirp(sys, '/a/w');
    await mkdirp(sys, '/a/u/nested');
    await mkdirp(sys, '/m');
    await mkdirp(sys, '/other');
    must(await sys.mount('tmpfs', '/other', 'tmpfs', 0, ''));
    await writeFile(sys, '/a/file', '');
    const mount = async (data: string) => errnoOf(await sys.mount('overlay', '/m', 'overlay', 0, data));
    expect(await mount('')).toBe(Errno.EINVAL);
    expect(await mount('upperdir=/a/u,workdir=/a/w')).toBe(Errno.EINVAL);
    expect(await mount('lowerdir=/a/l,upperdir=/a/u')).toBe(Errno.EINVAL);
    expect(await mount('lowerdir=/a/l,bogus=1')).toBe(Errno.EINVAL);
    expect(await mount('lowerdir=/a/l::/a/l')).toBe(Errno.EINVAL);
    expect(await mount('lowerdir=/a/missing')).toBe(Errno.ENOENT);
    expect(await mount('lowerdir=/a/file')).toBe(Errno.ENOTDIR);
    expect(await mount('lowerdir=/a/l,upperdir=/a/u,workdir=/other')).toBe(Errno.EINVAL);
    expect(log.some((l) => l.includes('workdir and upperdir must reside under the same mount'))).toBe(true);
    expect(await mount('lowerdir=/a/l,upperdir=/a/u,workdir=/a/u/nested')).toBe(Errno.EINVAL);
    expect(log.some((l) => l.includes('must be separate subtrees'))).toBe(true);
    expect(await mount('lowerdir=/a/l:/a/u,upperdir=/a/u,workdir=/a/w')).toBe(Errno.EINVAL);
    expect(await mount('lowerdir=/a/l,upperdir=/a/u,workdir=/a/w,redirect_dir=off,index=off')).toBe(0);
    expect(await ls(sys, '/a/w')).toEqual(['work']);
  });

  it('a non-root user without CAP_SYS_ADMIN cannot mount', async () => {
    const m = bootTestMachine();
    await mkdirp(m.root, '/l');
    await mkdirp(m.root, '/m');
    const u = await m.user(1000);
    expect(errnoOf(await u.mount('overlay', '/m', 'overlay', 0, 'lowerdir=/l'))).toBe(Errno.EPERM);
  });

  it('shows its layers in /proc/mounts', async () => {
    const machine = await bootMachine();
    const sys = machine.host.sys;
    const p = await overlay(sys, [{ 'a': 'a' }, { 'b': 'b' }]);
    const mounts = await readFile(sys, '/proc/mounts');
    const line = mounts.split('\n').find((l) => l.includes(p.merged))!;
    expect(line).toBe(`overlay ${p.merged} overlay rw,relatime,lowerdir=${p.lower.join(':')},upperdir=${p.upper},workdir=${p.work} 0 0`);
  });

  it('mv of a directory from a lower layer falls back to copying (rename gives EXDEV)', async () => {
    const machine = await bootMachine();
    const sys = machine.host.sys;
    const p = await overlay(sys, [{ 'app/lib/x.so': 'X', 'app/bin/run': 'R' }]);
    const r = await machine.system(`mv ${p.merged}/app ${p.merged}/moved && ls ${p.merged} ${p.merged}/moved/lib && cat ${p.merged}/moved/bin/run`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${p.merged}:\nmoved\n\n${p.merged}/moved/lib:\nx.so\nR`);
    expect(await readFile(sys, `${p.lower[0]}/app/lib/x.so`)).toBe('X');
  });
});
