// Bind mounts and volumes through the engine: a real host directory shared both ways with a
// container, :ro refusing writes, moby's errors for bad specifications, named volumes that keep
// their files across containers and across a restart on a new machine, the image's files copied
// into a new volume, anonymous volumes removed with `rm -v`, and the in-use conflict.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harness, run } from './harness.js';

const hostDir = () => mkdtempSync(join(tmpdir(), 'skiff-bind-'));

describe('bind mounts', () => {
  it('shares a host directory both ways, and :ro refuses writes', async () => {
    const h = await harness();
    const dir = hostDir();
    writeFileSync(join(dir, 'from-host'), 'hello container\n');
    const r = await run(h.engine, ['sh', '-c', 'cat /data/from-host && echo hello host > /data/from-container'], { HostConfig: { Binds: [`${dir}:/data`] } });
    expect(r).toMatchObject({ code: 0, stdout: 'hello container\n' });
    expect(readFileSync(join(dir, 'from-container'), 'utf8')).toBe('hello host\n');
    const ro = await run(h.engine, ['sh', '-c', 'cat /data/from-container; echo x > /data/new'], { HostConfig: { Binds: [`${dir}:/data:ro`] } });
    expect(ro.stdout).toBe('hello host\n');
    expect(ro.stderr).toContain('Read-only file system');
    expect(ro.code).not.toBe(0);
    expect(existsSync(join(dir, 'new'))).toBe(false);
    const inspect = await h.engine.container.containerInspect(ro.id, { size: false });
    expect(inspect.Mounts).toEqual([{ Type: 'bind', Source: dir, Destination: '/data', Mode: 'ro', RW: false, Propagation: 'rprivate' }]);
  });

  it('creates a missing -v source, refuses a missing --mount source and relative paths with moby\'s texts', async () => {
    const h = await harness();
    const missing = join(hostDir(), 'made', 'here');
    expect((await run(h.engine, ['sh', '-c', 'echo ok > /m/f'], { HostConfig: { Binds: [`${missing}:/m`] } })).code).toBe(0);
    expect(readFileSync(join(missing, 'f'), 'utf8')).toBe('ok\n');
    const create = (HostConfig: object) => h.engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['true'], HostConfig } });
    const gone = join(hostDir(), 'gone');
    await expect(create({ Mounts: [{ Type: 'bind', Source: gone, Target: '/m' }] })).rejects.toThrow(`invalid mount config for type "bind": bind source path does not exist: ${gone}`);
    await expect(create({ Mounts: [{ Type: 'bind', Source: 'rel/dir', Target: '/m' }] })).rejects.toThrow('invalid mount config for type "bind": invalid mount path: \'rel/dir\' mount path must be absolute');
    await expect(create({ Binds: ['./rel:/m'] })).rejects.toThrow('create ./rel: "./rel" includes invalid characters for a local volume name');
    await expect(create({ Binds: ['/tmp:/'] })).rejects.toThrow('invalid volume specification: \'/tmp:/\'');
    await expect(create({ Binds: ['/tmp:/m', 'v1:/m'] })).rejects.toThrow('Duplicate mount point: /m');
  });

  it('binds a single host file', async () => {
    const h = await harness();
    const dir = hostDir();
    writeFileSync(join(dir, 'conf'), 'setting=1\n');
    const r = await run(h.engine, ['cat', '/etc/app.conf'], { HostConfig: { Binds: [`${join(dir, 'conf')}:/etc/app.conf:ro`] } });
    expect(r).toMatchObject({ code: 0, stdout: 'setting=1\n' });
  });

  it('mounts tmpfs with --mount type=tmpfs', async () => {
    const h = await harness();
    const r = await run(h.engine, ['sh', '-c', 'grep " /scratch " /proc/mounts'], { HostConfig: { Mounts: [{ Type: 'tmpfs', Target: '/scratch', TmpfsOptions: { SizeBytes: 1 << 20 } }] } });
    expect(r.stdout).toMatch(/^tmpfs \/scratch tmpfs rw,nosuid,nodev,noexec.*size=1024k/);
  });
});

describe('volumes', () => {
  it('keeps a named volume across containers and a restart on a new machine', async () => {
    const h = await harness();
    const first = await run(h.engine, ['sh', '-c', 'echo kept > /data/f'], { HostConfig: { Binds: ['keep:/data'] } });
    expect(first.code).toBe(0);
    expect(readFileSync(join(h.dataRoot, 'volumes', 'keep', '_data', 'f'), 'utf8')).toBe('kept\n');
    expect((await run(h.engine, ['cat', '/v/f'], { HostConfig: { Mounts: [{ Type: 'volume', Source: 'keep', Target: '/v' }] } })).stdout).toBe('kept\n');
    const engine = await h.restart({ newMachine: true });
    expect((await run(engine, ['cat', '/data/f'], { HostConfig: { Binds: ['keep:/data'] } })).stdout).toBe('kept\n');
    const vol = await engine.volume.volumeInspect('keep');
    expect(vol).toMatchObject({ Name: 'keep', Driver: 'local', Scope: 'local', Mountpoint: join(h.dataRoot, 'volumes', 'keep', '_data'), Labels: {} });
    const inspect = await engine.container.containerInspect(first.id, { size: false });
    expect(inspect.Mounts).toEqual([{ Type: 'volume', Name: 'keep', Source: vol.Mountpoint, Destination: '/data', Driver: 'local', Mode: 'z', RW: true, Propagation: '' }]);
  });

  it('fills a new volume with the image\'s files at its destination, once', async () => {
    const h = await harness();
    const r = await run(h.engine, ['sh', '-c', 'head -1 /etc/passwd; echo mine > /etc/added'], { HostConfig: { Binds: ['etc:/etc'] } });
    expect(r.stdout).toBe('root:x:0:0:root:/root:/bin/sh\n');
    const data = join(h.dataRoot, 'volumes', 'etc', '_data');
    expect(readFileSync(join(data, 'passwd'), 'utf8')).toContain('root:x:0:0');
    writeFileSync(join(data, 'passwd'), 'changed\n');
    expect((await run(h.engine, ['cat', '/etc/passwd', '/etc/added'], { HostConfig: { Binds: ['etc:/etc'] } })).stdout).toBe('changed\nmine\n');
    const nocopy = await run(h.engine, ['ls', '/etc'], { HostConfig: { Binds: ['empty:/etc:nocopy'] } });
    expect(nocopy.stdout).toBe('');
  });

  it('removes anonymous volumes with rm -v, keeps named ones, and refuses to remove a volume in use', async () => {
    const h = await harness();
    const r = await run(h.engine, ['sh', '-c', 'echo a > /anon/f'], { Volumes: { '/anon': {} }, HostConfig: { Binds: ['named:/named'] } });
    const mounts = (await h.engine.container.containerInspect(r.id, { size: false })).Mounts;
    const anon = mounts.find((m) => m.Destination === '/anon')!;
    expect(anon).toMatchObject({ Type: 'volume', Driver: 'local', RW: true, Mode: '' });
    expect(anon.Name).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(anon.Source, 'f'), 'utf8')).toBe('a\n');
    await expect(h.engine.volume.volumeRemove('named', { force: false })).rejects.toThrow(`remove named: volume is in use - [${r.id}]`);
    expect((await h.engine.volume.volumeList()).map((v) => [v.Name, v.UsageData?.RefCount]).sort()).toEqual([[anon.Name, 1], ['named', 1]].sort());
    await h.engine.container.containerRemove(r.id, { force: false, removeVolumes: true, removeLink: false });
    expect(existsSync(anon.Source)).toBe(false);
    expect((await h.engine.volume.volumeList()).map((v) => v.Name)).toEqual(['named']);
    await h.engine.volume.volumeRemove('named', { force: false });
    await expect(h.engine.volume.volumeInspect('named')).rejects.toThrow('get named: no such volume');
  });

  it('creates, lists, prunes (anonymous only unless all) and reports usage', async () => {
    const h = await harness();
    const named = await h.engine.volume.volumeCreate({ Name: 'data1', Labels: { team: 'a' } });
    expect(named).toMatchObject({ Name: 'data1', Labels: { team: 'a' }, Driver: 'local', Scope: 'local', Options: null });
    expect(named.CreatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const anon = await h.engine.volume.volumeCreate({});
    expect(anon.Name).toMatch(/^[0-9a-f]{64}$/);
    await expect(h.engine.volume.volumeCreate({ Name: 'a' })).rejects.toThrow('volume name is too short');
    writeFileSync(join(named.Mountpoint, 'f'), '12345');
    const df = await h.engine.system.systemDf({});
    expect(df.Volumes.find((v) => v.Name === 'data1')?.UsageData).toEqual({ Size: 5, RefCount: 0 });
    expect(await h.engine.volume.volumePrune({})).toEqual({ VolumesDeleted: [anon.Name], SpaceReclaimed: 0 });
    expect(await h.engine.volume.volumePrune({ all: ['true'], label: ['team=b'] })).toEqual({ VolumesDeleted: null, SpaceReclaimed: 0 });
    expect(await h.engine.volume.volumePrune({ all: ['true'] })).toEqual({ VolumesDeleted: ['data1'], SpaceReclaimed: 5 });
  });
});
