import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import type { TreeEntry } from '../abi/tree-entry.js';
import { ArchiveReader, writeArchive } from './archive.js';
import { computeDigest, type DiffID } from './digest.js';
import { ImageStore } from './image-store.js';
import { createLayerTar } from './layer-tar.js';
import { loadImages } from './load.js';
import { saveImages } from './save.js';

const fixture = resolve(__dirname, '../../test/fixtures/image/busybox-docker-save.tar');
let dirs: string[] = [];
const tempStore = async () => {
  const d = await mkdtemp(join(tmpdir(), 'skiff-saveload-'));
  dirs.push(d);
  return ImageStore.open(d);
};
beforeEach(() => { dirs = []; });
afterEach(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

const file = (path: string, body: string): TreeEntry => ({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, data: Buffer.from(body) });

async function sample(store: ImageStore) {
  const l1 = await store.putLayer([file('etc/hostname', 'box')]);
  const l2 = await store.putLayer([file('etc/.wh.hostname', ''), file('app', 'run')], { gzip: true });
  const id = await store.putImage({ created: '2024-05-05T00:00:00Z', config: { Cmd: ['/app'] }, history: [{ created_by: 'a' }, { created_by: 'b' }] }, [l1, l2], { tags: ['demo:1', 'demo:2'] });
  return { id, l1, l2 };
}

async function tarOf(files: { name: string; body: Buffer | string; type?: 'file' | 'symlink'; linkname?: string }[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const f of files) {
    if (f.type === 'symlink') pack.entry({ name: f.name, type: 'symlink', linkname: f.linkname });
    else pack.entry({ name: f.name }, f.body);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('save', () => {
  it('writes the Docker 25+ layout: oci-layout, index.json, manifest.json, repositories, blobs', async () => {
    const store = await tempStore();
    const { id } = await sample(store);
    const archive = await ArchiveReader.read(await saveImages(store, ['demo:1']));
    expect(JSON.parse(archive.get('oci-layout').toString())).toEqual({ imageLayoutVersion: '1.0.0' });
    const manifest = JSON.parse(archive.get('manifest.json').toString());
    expect(manifest).toHaveLength(1);
    expect(manifest[0].Config).toBe(`blobs/sha256/${id.slice(7)}`);
    expect(manifest[0].RepoTags).toEqual(['demo:1']);
    expect(manifest[0].Layers).toHaveLength(2);
    for (const l of manifest[0].Layers) expect(archive.has(l)).toBe(true);
    const index = JSON.parse(archive.get('index.json').toString());
    expect(index.manifests[0].annotations).toEqual({ 'io.containerd.image.name': 'docker.io/library/demo:1', 'org.opencontainers.image.ref.name': '1' });
    expect(Object.keys(JSON.parse(archive.get('repositories').toString()))).toEqual(['demo']);
  });

  it('a bare name saves all its tags; an ID saves no tag', async () => {
    const store = await tempStore();
    const { id } = await sample(store);
    const all = await ArchiveReader.read(await saveImages(store, ['demo']));
    expect(JSON.parse(all.get('manifest.json').toString())[0].RepoTags).toEqual(['demo:1', 'demo:2']);
    const byId = await ArchiveReader.read(await saveImages(store, [id.slice(7, 19)]));
    expect(JSON.parse(byId.get('manifest.json').toString())[0].RepoTags).toBeNull();
    expect(byId.has('repositories')).toBe(false);
  });

  it('is deterministic', async () => {
    const store = await tempStore();
    await sample(store);
    expect(computeDigest(await saveImages(store, ['demo']))).toBe(computeDigest(await saveImages(store, ['demo'])));
  });
});

describe('save → load', () => {
  it('round-trips IDs, tags, layers and history', async () => {
    const src = await tempStore();
    const { id, l1, l2 } = await sample(src);
    const dst = await tempStore();
    const result = await loadImages(dst, await saveImages(src, ['demo']));
    expect(result.messages).toEqual(['Loaded image: demo:1', 'Loaded image: demo:2']);
    expect(result.images).toEqual([{ id, tags: ['demo:1', 'demo:2'] }]);
    expect(await dst.resolve('demo:2')).toBe(id);
    expect((await dst.inspect('demo:1')).layers).toEqual([l1.diffID, l2.diffID]);
    expect((await dst.layerEntries(l2.diffID)).map((e) => e.path)).toEqual(['app', 'etc/.wh.hostname']);
    expect(await dst.history('demo:1')).toEqual(await src.history('demo:1'));
    expect(await dst.checkConsistency()).toEqual([]);
  });

  it('loads a plain OCI layout archive (no manifest.json), gzipped', async () => {
    const src = await tempStore();
    const { id } = await sample(src);
    const saved = await ArchiveReader.read(await saveImages(src, ['demo:2']));
    const index = JSON.parse(saved.get('index.json').toString());
    const blobs = [...new Set(JSON.parse(saved.get('manifest.json').toString())[0].Layers as string[])];
    const manifestDigest: string = index.manifests[0].digest;
    const names = [`blobs/sha256/${manifestDigest.slice(7)}`, `blobs/sha256/${id.slice(7)}`, ...blobs];
    const oci = await writeArchive([...names.map((name) => ({ name, data: saved.get(name) })), { name: 'index.json', data: saved.get('index.json') }, { name: 'oci-layout', data: saved.get('oci-layout') }]);
    const dst = await tempStore();
    const result = await loadImages(dst, gzipSync(oci));
    expect(result.images).toEqual([{ id, tags: ['demo:2'] }]);
  });

  it('moves an existing tag and says so', async () => {
    const src = await tempStore();
    const { id } = await sample(src);
    const dst = await tempStore();
    const other = await dst.putImage({}, [await dst.putLayer([file('x', 'y')])], { tags: ['demo:1'] });
    const result = await loadImages(dst, await saveImages(src, ['demo:1']));
    expect(result.messages[0]).toBe(`The image demo:1 already exists, renaming the old one with ID ${other} to empty string`);
    expect(await dst.resolve('demo:1')).toBe(id);
    expect((await dst.inspect(other)).repoTags).toEqual([]);
  });
});

describe('load: the real docker save fixture', () => {
  it('loads busybox recorded from Docker with its ID, tag, size and history', async () => {
    const store = await tempStore();
    const result = await loadImages(store, await readFile(fixture));
    const id = 'sha256:f067699c541238de05446b3c99e8f6a23ba37ea2360dfebf4d611b827bcadf90';
    expect(result).toEqual({ images: [{ id, tags: ['busybox:latest'] }], messages: ['Loaded image: busybox:latest'] });
    for (const ref of ['busybox', 'busybox:latest', 'docker.io/library/busybox:latest', 'f067699c5412', id]) expect(await store.resolve(ref)).toBe(id);
    const info = await store.inspect('busybox');
    // Values as the real engine reported them (docker image inspect / history).
    expect(info.size).toBe(1984287);
    expect(info.layers).toEqual(['sha256:b40f224511b19cfb929737a777cd25d01da0a223eff1dad2d779284252e19935']);
    expect(info.comment).toBe('Imported from -');
    expect(info.containerConfig.Cmd).toEqual(['sh']);
    expect(await store.history('busybox')).toEqual([{ Comment: 'Imported from -', Created: 1795432560, CreatedBy: '', Id: id, Size: 1984287, Tags: ['busybox:latest'] }]);
    const entries = await store.layerEntries(info.layers[0] as DiffID);
    expect(entries.find((e) => e.path === 'bin/sh')).toMatchObject({ type: 'symlink', linkname: 'busybox' });
    expect(entries.find((e) => e.path === 'tmp')).toMatchObject({ type: 'dir', mode: 0o1777 });
    // Reloading what we save gives the same image back.
    const again = await tempStore();
    expect((await loadImages(again, await saveImages(store, ['busybox']))).images).toEqual([{ id, tags: ['busybox:latest'] }]);
  });
});

describe('load: refusals', () => {
  async function legacyArchive(layer: Buffer, opts: { diffId?: string } = {}) {
    const diffId = opts.diffId ?? computeDigest(layer);
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [diffId] } }));
    const cfgHex = computeDigest(config).slice(7);
    return tarOf([
      { name: 'manifest.json', body: JSON.stringify([{ Config: `${cfgHex}.json`, RepoTags: ['evil:latest'], Layers: ['aaa/layer.tar', 'bbb/layer.tar'].slice(0, 1) }]) },
      { name: `${cfgHex}.json`, body: config },
      { name: 'real/layer.tar', body: layer },
      { name: 'aaa/layer.tar', body: '', type: 'symlink', linkname: '../real/layer.tar' },
    ]);
  }

  it('follows legacy layer symlinks', async () => {
    const store = await tempStore();
    const layer = await createLayerTar([file('ok', 'fine')]);
    const result = await loadImages(store, await legacyArchive(layer));
    expect(result.images[0].tags).toEqual(['evil:latest']);
  });

  it.each([
    ['path traversal', '../x'],
    ['absolute path', '/etc/x'],
  ])('refuses a layer with %s and stores nothing', async (_what, name) => {
    const store = await tempStore();
    const layer = await tarOf([{ name: 'ok', body: 'fine' }, { name, body: 'evil' }]);
    await expect(loadImages(store, await legacyArchive(layer))).rejects.toThrow(`refusing layer entry "${name}"`);
    expect(await store.layout.listBlobs()).toEqual([]);
    expect(await store.list()).toEqual([]);
  });

  it('refuses a hard link to ../../etc/passwd and stores nothing', async () => {
    const store = await tempStore();
    const pack = tar.pack();
    pack.entry({ name: 'passwd', type: 'link', linkname: '../../etc/passwd' });
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack) chunks.push(c as Buffer);
    await expect(loadImages(store, await legacyArchive(Buffer.concat(chunks)))).rejects.toThrow(/"passwd": hard link target .* points outside the tree/);
    expect(await store.layout.listBlobs()).toEqual([]);
  });

  it('refuses a layer whose diffID does not match the config', async () => {
    const store = await tempStore();
    const layer = await createLayerTar([file('ok', 'fine')]);
    await expect(loadImages(store, await legacyArchive(layer, { diffId: computeDigest(Buffer.from('other')) }))).rejects.toThrow(/does not match its diffID/);
    expect(await store.layout.listBlobs()).toEqual([]);
  });

  it('refuses a corrupted blob in an OCI archive', async () => {
    const src = await tempStore();
    const { id } = await sample(src);
    const saved = await ArchiveReader.read(await saveImages(src, ['demo:1']));
    const manifest = JSON.parse(saved.get('manifest.json').toString());
    const files = [{ name: 'manifest.json', data: saved.get('manifest.json') }, { name: manifest[0].Config, data: Buffer.from('{}') }];
    for (const l of manifest[0].Layers) files.push({ name: l, data: saved.get(l) });
    const dst = await tempStore();
    await expect(loadImages(dst, await writeArchive(files))).rejects.toThrow(`blob ${id} in archive is corrupted`);
  });

  it('refuses something that is not an image archive', async () => {
    const store = await tempStore();
    await expect(loadImages(store, await tarOf([{ name: 'hello.txt', body: 'hi' }]))).rejects.toThrow(/neither manifest.json nor index.json/);
  });
});
