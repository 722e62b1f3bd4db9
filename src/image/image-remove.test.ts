import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiffID } from './digest.js';
import { chainIds } from './image-remove.js';
import { ImageStore } from './image-store.js';
import { loadImages } from './load.js';

const busyboxLayer = 'sha256:b40f224511b19cfb929737a777cd25d01da0a223eff1dad2d779284252e19935' as DiffID;
let root: string;
beforeEach(async () => { root = await mkdtemp(join(tmpdir(), 'skiff-rmi-')); });
afterEach(async () => { await rm(root, { recursive: true, force: true }); });

describe('rmi output', () => {
  it('chain IDs are computed as moby does', () => {
    const top = 'sha256:547d43df2bb0771de9e6f571f836b46868e29b684b1e72082fd68d9d24b72669' as DiffID;
    // Recorded: the real engine printed this chain ID when deleting an image with these layers.
    expect(chainIds([busyboxLayer, top])).toEqual([busyboxLayer, 'sha256:c9b90de7ac76478d515f93bfd72653052f8f019ad82003b30fad2b3ac5f1c0ff']);
  });

  it('removing an image built on busybox reports the image and its own layer, like Docker', async () => {
    const store = await ImageStore.open(root);
    await loadImages(store, await readFile(resolve(__dirname, '../../test/fixtures/image/busybox-docker-save.tar')));
    const layer = await store.putLayer([
      { path: 'hello.txt', type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, data: Buffer.from('hi from skiff\n') },
      { path: 'bin/.wh.true', type: 'file', mode: 0o600, uid: 0, gid: 0, mtimeMs: 0, data: Buffer.alloc(0) },
    ]);
    const id = await store.putImage({ config: { Cmd: ['cat', '/hello.txt'] } }, [busyboxLayer, layer], { tags: ['skiffdemo:1'] });
    expect(await store.remove('skiffdemo:1')).toEqual([
      { Untagged: 'skiffdemo:1' },
      { Deleted: id },
      { Deleted: 'sha256:c9b90de7ac76478d515f93bfd72653052f8f019ad82003b30fad2b3ac5f1c0ff' },
    ]);
    expect(await store.checkConsistency()).toEqual([]);
    expect((await store.layerEntries(busyboxLayer)).length).toBeGreaterThan(200);
  });
});
