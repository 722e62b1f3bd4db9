import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import type { TreeEntry } from '../abi/tree-entry.js';
import { computeDiffID } from './digest.js';
import { ImageStore } from './image-store.js';
import { exportImage, importRootfs } from './import-export.js';
import { createLayerTar, gzipLayer, readLayerTar } from './layer-tar.js';

let root: string;
beforeEach(async () => { root = await mkdtemp(join(tmpdir(), 'skiff-import-')); });
afterEach(async () => { await rm(root, { recursive: true, force: true }); });

const file = (path: string, body: string): TreeEntry => ({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, data: Buffer.from(body) });
const dir = (path: string): TreeEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0 });

describe('import', () => {
  it('turns a rootfs tar into a one-layer image with changes, like docker import', async () => {
    const store = await ImageStore.open(root);
    const rootfs = await createLayerTar([dir('bin'), file('bin/sh', '#!'), dir('etc'), file('etc/passwd', 'root')]);
    const created = new Date(Date.UTC(2024, 2, 3));
    const id = await importRootfs(store, await gzipLayer(rootfs), { ref: 'mini', changes: ['CMD ["sh"]', 'ENV A=1'], created });
    const info = await store.inspect('mini:latest');
    expect(info.id).toBe(id);
    expect(info.layers).toEqual([computeDiffID(rootfs)]);
    expect(info.containerConfig).toEqual({ Cmd: ['sh'], Env: ['A=1'] });
    expect(info.comment).toBe('Imported from -');
    expect(await store.history(id)).toEqual([{ Id: id, Created: created.getTime() / 1000, CreatedBy: '', Tags: ['mini:latest'], Size: 6, Comment: 'Imported from -' }]);
  });

  it('refuses an unsafe rootfs tar', async () => {
    const store = await ImageStore.open(root);
    const pack = tar.pack();
    pack.entry({ name: 'etc/shadow', type: 'link', linkname: '../../etc/shadow' });
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack) chunks.push(c as Buffer);
    await expect(importRootfs(store, Buffer.concat(chunks), { ref: 'evil' })).rejects.toThrow(/"etc\/shadow": hard link target .* outside the tree/);
    expect(await store.layout.listBlobs()).toEqual([]);
  });
});

describe('export', () => {
  it('flattens the layers with whiteouts and opaque directories applied', async () => {
    const store = await ImageStore.open(root);
    const l1 = await store.putLayer([dir('etc'), file('etc/a', '1'), file('etc/b', '2'), dir('var'), file('var/old', 'o')]);
    const l2 = await store.putLayer([file('etc/.wh.a', ''), file('etc/b', '2b'), dir('var'), file('var/.wh..wh..opq', ''), file('var/new', 'n')]);
    const id = await store.putImage({}, [l1, l2]);
    const out = await readLayerTar(await exportImage(store, id));
    expect(out.map((e) => e.path)).toEqual(['etc', 'etc/b', 'var', 'var/new']);
    expect(Buffer.from(out.find((e) => e.path === 'etc/b')!.data!).toString()).toBe('2b');
  });
});
