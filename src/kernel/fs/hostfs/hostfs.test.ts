// hostfs beyond the conformance suite: the host sees what the machine writes and the other way
// round, and neither `..` nor symlinks (made by the machine or planted on the host, absolute or
// relative) lead outside the mounted directory. Mode and ownership the host cannot hold.
import { lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AT_FDCWD, Errno, O, S, type Sys, type SysResult } from '../../../abi/index.js';
import { HostExports, NodeHostDirectory } from '../../../boot/host-directory.js';
import { mountHostDir, tempHostDir } from '../../../boot/hostfs-conformance.js';
import { bootTestMachine, must } from '../../vfs/test-harness.js';
import { registerHostfs } from './index.js';

const errnoOf = (r: SysResult<unknown>): number => (r.ok ? 0 : r.errno);

async function readText(sys: Sys, path: string): Promise<SysResult<string>> {
  const fd = await sys.openat(AT_FDCWD, path, O.RDONLY);
  if (!fd.ok) return fd;
  const data = must(await sys.read(fd.value, 1 << 16));
  must(await sys.close(fd.value));
  return { ok: true, value: new TextDecoder().decode(data) };
}

async function writeText(sys: Sys, path: string, text: string): Promise<void> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.WRONLY | O.CREAT | O.TRUNC, 0o644));
  must(await sys.write(fd, new TextEncoder().encode(text)));
  must(await sys.close(fd));
}

/** A machine with a real directory (inside `outer`, which holds a secret) mounted at /mnt. */
async function setup() {
  const outer = tempHostDir();
  writeFileSync(join(outer, 'secret'), 'host secret\n');
  const root = join(outer, 'root');
  mkdirSync(root);
  const m = bootTestMachine();
  await mountHostDir(m, root, '/mnt');
  return { m, sys: m.root, outer, root };
}

describe('hostfs', () => {
  it('shares files both ways with the host directory', async () => {
    const { sys, root } = await setup();
    await writeText(sys, '/mnt/from-machine', 'hello host\n');
    expect(readFileSync(join(root, 'from-machine'), 'utf8')).toBe('hello host\n');
    writeFileSync(join(root, 'from-host'), 'hello machine\n');
    expect(must(await readText(sys, '/mnt/from-host'))).toBe('hello machine\n');
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', 'f'), 'deep');
    expect(must(await readText(sys, '/mnt/sub/f'))).toBe('deep');
  });

  it('resolves `..` and symlinks planted on the host inside the machine, never on the host', async () => {
    const { sys, outer, root } = await setup();
    symlinkSync('../secret', join(root, 'rel'));
    symlinkSync(join(outer, 'secret'), join(root, 'abs'));
    symlinkSync('..', join(root, 'up'));
    symlinkSync(outer, join(root, 'outer'));
    for (const path of ['/mnt/rel', '/mnt/abs', '/mnt/up/secret', '/mnt/outer/secret', '/mnt/../secret', '/mnt/up/up/up/secret']) {
      expect(errnoOf(await readText(sys, path)), path).toBe(Errno.ENOENT);
    }
    // The machine's own file of that name is what an absolute link reaches.
    must(await sys.mkdirat(AT_FDCWD, '/data', 0o755));
    await writeText(sys, '/secret', 'machine file\n');
    expect(must(await readText(sys, '/mnt/rel'))).toBe('machine file\n');
    expect(must(await readText(sys, '/mnt/up/secret'))).toBe('machine file\n');
    expect(must(await sys.readlinkat(AT_FDCWD, '/mnt/abs'))).toBe(join(outer, 'secret'));
  });

  it('keeps symlinks the machine makes as real symlinks the host never follows', async () => {
    const { sys, outer, root } = await setup();
    must(await sys.symlinkat('/', AT_FDCWD, '/mnt/machine-root'));
    must(await sys.symlinkat('../../..', AT_FDCWD, '/mnt/climb'));
    expect(readlinkSync(join(root, 'machine-root'))).toBe('/');
    expect(readlinkSync(join(root, 'climb'))).toBe('../../..');
    // Writing through the links lands in the machine, not next to the host directory.
    await writeText(sys, '/mnt/climb/secret', 'overwritten?\n');
    expect(readFileSync(join(outer, 'secret'), 'utf8')).toBe('host secret\n');
    expect(must(await readText(sys, '/secret'))).toBe('overwritten?\n');
  });

  it('refuses host paths through a symlink at the HostDirectory level', () => {
    const outer = tempHostDir();
    mkdirSync(join(outer, 'root'));
    writeFileSync(join(outer, 'secret'), 's');
    symlinkSync('..', join(outer, 'root', 'up'));
    symlinkSync('../secret', join(outer, 'root', 'file-link'));
    const dir = new NodeHostDirectory(join(outer, 'root'));
    expect(errnoOf(dir.lstat('up/secret'))).toBe(Errno.ELOOP);
    expect(errnoOf(dir.lstat('../secret'))).toBe(Errno.EINVAL);
    expect(errnoOf(dir.lstat('a//b'))).toBe(Errno.EINVAL);
    expect(errnoOf(dir.open('file-link', false))).toBe(Errno.ELOOP);
    expect(errnoOf(dir.readdir('up'))).toBe(Errno.ENOTDIR);
    expect(errnoOf(dir.chmod('file-link', 0o777))).toBe(Errno.EOPNOTSUPP);
    expect(statSync(join(outer, 'secret')).mode & 0o777).not.toBe(0o777);
  });

  it('mounts only directories the machine was given', async () => {
    registerHostfs();
    const outer = tempHostDir();
    mkdirSync(join(outer, 'allowed'));
    mkdirSync(join(outer, 'other'));
    symlinkSync(join(outer, 'other'), join(outer, 'allowed', 'escape'));
    const m = bootTestMachine();
    must(await m.root.mkdirat(AT_FDCWD, '/m', 0o755));
    expect(errnoOf(await m.root.mount(join(outer, 'allowed'), '/m', 'hostfs', 0, ''))).toBe(Errno.ENODEV);
    const exports = new HostExports();
    exports.allow(join(outer, 'allowed'));
    const { attachHostDirectories } = await import('./index.js');
    attachHostDirectories(m.kernel, exports);
    expect(errnoOf(await m.root.mount(join(outer, 'other'), '/m', 'hostfs', 0, ''))).toBe(Errno.EACCES);
    expect(errnoOf(await m.root.mount(join(outer, 'allowed', 'escape'), '/m', 'hostfs', 0, ''))).toBe(Errno.EACCES);
    expect(errnoOf(await m.root.mount(join(outer, 'allowed', '..', 'other'), '/m', 'hostfs', 0, ''))).toBe(Errno.EACCES);
    expect(errnoOf(await m.root.mount('relative/path', '/m', 'hostfs', 0, ''))).toBe(Errno.EINVAL);
    expect(errnoOf(await m.root.mount(join(outer, 'allowed'), '/m', 'hostfs', 0, 'bogus=1'))).toBe(Errno.EINVAL);
    must(await m.root.mount(join(outer, 'allowed'), '/m', 'hostfs', 0, ''));
    const user = await m.user(1000);
    must(await user.mkdirat(AT_FDCWD, '/tmp', 0o777).then((r) => (r.ok || r.errno === Errno.EEXIST ? { ok: true as const, value: undefined } : r)));
    expect(errnoOf(await user.mount(join(outer, 'allowed'), '/tmp', 'hostfs', 0, ''))).toBe(Errno.EPERM);
  });

  it('keeps ownership and set-id bits in the machine, owner access and plain bits on the host', async () => {
    const { sys, root } = await setup();
    await writeText(sys, '/mnt/f', 'x');
    must(await sys.fchownat(AT_FDCWD, '/mnt/f', 1000, 50, 0));
    must(await sys.fchmodat(AT_FDCWD, '/mnt/f', 0o4700, 0));
    const st = must(await sys.fstatat(AT_FDCWD, '/mnt/f', 0));
    expect([st.uid, st.gid, st.mode]).toEqual([1000, 50, S.IFREG | 0o4700]);
    const host = lstatSync(join(root, 'f'));
    expect(host.uid).toBe(process.getuid!());
    expect(host.mode & 0o7777).toBe(0o700);
    must(await sys.fchmodat(AT_FDCWD, '/mnt/f', 0o000, 0));
    expect(must(await sys.fstatat(AT_FDCWD, '/mnt/f', 0)).mode & 0o7777).toBe(0);
    expect(lstatSync(join(root, 'f')).mode & 0o777).toBe(0o600);
    // A host file the machine never touched is root's, with the host's mode.
    writeFileSync(join(root, 'h'), '', { mode: 0o640 });
    const h = must(await sys.fstatat(AT_FDCWD, '/mnt/h', 0));
    expect([h.uid, h.gid, h.mode & 0o777]).toEqual([0, 0, statSync(join(root, 'h')).mode & 0o777]);
    expect(dirname(join(root, 'h'))).toBe(root);
  });
});
