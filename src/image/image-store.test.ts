import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TreeEntry } from '../abi/tree-entry.js';
import { digestHex, type Digest } from './digest.js';
import type { ContainerRef } from './image-remove.js';
import { ImageStore } from './image-store.js';

let root: string;
beforeEach(async () => { root = await mkdtemp(join(tmpdir(), 'skiff-images-')); });
afterEach(async () => { await rm(root, { recursive: true, force: true }); });

const t0 = Date.UTC(2024, 0, 1);
const file = (path: string, body: string): TreeEntry => ({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: t0, data: Buffer.from(body) });
const symlink = (path: string, target: string): TreeEntry => ({ path, type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtimeMs: t0, linkname: target });
const dir = (path: string): TreeEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: t0 });

/** A base image (one layer) and a child (one more layer, one empty-layer step). */
async function twoImages(store: ImageStore) {
  const l1 = await store.putLayer([dir('bin'), file('bin/busybox', 'x'.repeat(100)), symlink('bin/sh', 'busybox')]);
  const base = await store.putImage({
    created: '2024-01-01T00:00:00Z',
    config: { Cmd: ['sh'], Env: ['PATH=/bin'] },
    history: [{ created: '2024-01-01T00:00:00Z', created_by: 'ADD rootfs /', comment: 'base' }],
  }, [l1], { tags: ['base'] });
  const l2 = await store.putLayer([dir('app'), file('app/run', 'hello')], { gzip: true });
  const child = await store.putImage({
    created: '2024-01-02T00:00:00Z',
    config: { Cmd: ['/app/run'], Env: ['PATH=/bin'], Labels: { a: 'b' } },
    history: [
      { created: '2024-01-01T00:00:00Z', created_by: 'ADD rootfs /', comment: 'base' },
      { created: '2024-01-02T00:00:00Z', created_by: 'COPY app /app' },
      { created: '2024-01-02T00:00:01Z', created_by: 'CMD ["/app/run"]', empty_layer: true },
    ],
  }, [l1, l2], { tags: ['app:1'], parent: base });
  return { l1, l2, base, child };
}

describe('ImageStore basics', () => {
  it('stores layers and images; the image ID is the config digest and deterministic', async () => {
    const store = await ImageStore.open(root);
    const { base, l1 } = await twoImages(store);
    const blob = await readFile(join(root, 'blobs', 'sha256', digestHex(base)));
    expect(JSON.parse(blob.toString())).toMatchObject({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [l1.diffID] } });
    const other = await ImageStore.open(await mkdtemp(join(tmpdir(), 'skiff-images-')));
    const again = await twoImages(other);
    expect(again.base).toBe(base);
    await rm(other.layout.root, { recursive: true });
  });

  it('inspect gives config, tags, size and layers', async () => {
    const store = await ImageStore.open(root);
    const { child, l1, l2 } = await twoImages(store);
    const info = await store.inspect('app:1');
    expect(info).toMatchObject({ id: child, repoTags: ['app:1'], repoDigests: [], comment: '', created: '2024-01-02T00:00:00Z', architecture: 'amd64', os: 'linux', layers: [l1.diffID, l2.diffID] });
    expect(info.containerConfig.Cmd).toEqual(['/app/run']);
    expect(info.size).toBe(100 + 'busybox'.length + 'hello'.length);
    expect(l2.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
  });

  it('list shows every image newest first', async () => {
    const store = await ImageStore.open(root);
    const { base, child } = await twoImages(store);
    const rows = await store.list();
    expect(rows.map((r) => [r.id, r.repoTags, r.created, r.parentId])).toEqual([
      [child, ['app:1'], Date.UTC(2024, 0, 2) / 1000, base],
      [base, ['base:latest'], Date.UTC(2024, 0, 1) / 1000, ''],
    ]);
    expect(rows[0].labels).toEqual({ a: 'b' });
  });

  it('persists across reopen, with references in index.json annotations', async () => {
    const store = await ImageStore.open(root);
    const { child } = await twoImages(store);
    const index = JSON.parse(await readFile(join(root, 'index.json'), 'utf8'));
    const named = index.manifests.find((m: { annotations?: Record<string, string> }) => m.annotations?.['io.containerd.image.name'] === 'docker.io/library/app:1');
    expect(named.annotations['org.opencontainers.image.ref.name']).toBe('1');
    expect(named.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    const reopened = await ImageStore.open(root);
    expect(await reopened.resolve('app:1')).toBe(child);
    expect((await reopened.list()).length).toBe(2);
    expect(await reopened.checkConsistency()).toEqual([]);
  });

  it('layerEntries parses once and caches by diffID', async () => {
    const store = await ImageStore.open(root);
    const { l2 } = await twoImages(store);
    const reopened = await ImageStore.open(root);
    const a = await reopened.layerEntries(l2.diffID);
    expect(a.map((e) => e.path)).toEqual(['app', 'app/run']);
    expect(await reopened.layerEntries(l2.diffID)).toBe(a);
  });

  it('refuses a malicious layer tar and writes nothing', async () => {
    const store = await ImageStore.open(root);
    const tar = (await import('tar-stream')).default;
    const pack = tar.pack();
    pack.entry({ name: 'ok' }, 'fine');
    pack.entry({ name: '../../etc/x' }, 'evil');
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack) chunks.push(c as Buffer);
    await expect(store.putLayer(Buffer.concat(chunks))).rejects.toThrow(/refusing layer entry "\.\.\/\.\.\/etc\/x"/);
    expect(await store.layout.listBlobs()).toEqual([]);
  });

  it('reports a corrupted layer blob in checkConsistency and on read', async () => {
    const store = await ImageStore.open(root);
    const { l2 } = await twoImages(store);
    await writeFile(join(root, 'blobs', 'sha256', digestHex(l2.digest)), 'garbage');
    const reopened = await ImageStore.open(root);
    const problems = await reopened.checkConsistency();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`image app:1 layer ${l2.diffID}: blob ${l2.digest} is corrupted`));
    await expect(reopened.layerEntries(l2.diffID)).rejects.toThrow(/is corrupted/);
  });

  it('keeps an image with a missing config out of the table but in index.json, and reports it', async () => {
    const store = await ImageStore.open(root);
    const { base } = await twoImages(store);
    await rm(join(root, 'blobs', 'sha256', digestHex(base)));
    const reopened = await ImageStore.open(root);
    expect((await reopened.checkConsistency()).join('\n')).toMatch(/base:latest.*not found/);
    await expect(reopened.resolve('base')).rejects.toThrow('No such image: base:latest');
    await reopened.tag('app:1', 'app:2');
    expect(await readFile(join(root, 'index.json'), 'utf8')).toContain('docker.io/library/base:latest');
  });
});

describe('references', () => {
  it.each([
    ['base'], ['base:latest'], ['library/base'], ['docker.io/library/base:latest'], ['docker.io/library/base'],
  ])('%s resolves to the base image', async (ref) => {
    const store = await ImageStore.open(root);
    const { base } = await twoImages(store);
    expect(await store.resolve(ref)).toBe(base);
  });

  it('resolves full, sha256-prefixed and short IDs, and reports misses like Docker', async () => {
    const store = await ImageStore.open(root);
    const { base, child } = await twoImages(store);
    expect(await store.resolve(base)).toBe(base);
    expect(await store.resolve(digestHex(base))).toBe(base);
    expect(await store.resolve(digestHex(child).slice(0, 12))).toBe(child);
    expect(await store.resolve('sha256:' + digestHex(child).slice(0, 8))).toBe(child);
    await expect(store.resolve('nope')).rejects.toThrow('No such image: nope:latest');
    await expect(store.resolve('sha256:abc')).rejects.toThrow('No such image: sha256:abc');
    await expect(store.resolve('sha256:' + 'f'.repeat(64))).rejects.toThrow(`No such image: sha256:${'f'.repeat(64)}`);
    await expect(store.resolve('Nope')).rejects.toMatchObject({ kind: 'invalid-parameter' });
  });

  it('resolves name@digest through repo digests', async () => {
    const store = await ImageStore.open(root);
    const { base } = await twoImages(store);
    const rd = await store.addRepoDigest('base', 'docker.io/library/base');
    const info = await store.inspect(base);
    expect(rd).toBe(`base@${info.manifestDigest}`);
    expect(info.repoDigests).toEqual([rd]);
    expect(await store.resolve(`docker.io/library/base@${info.manifestDigest}`)).toBe(base);
  });

  it('tag moves a reference; the old image becomes dangling; digest tags are refused', async () => {
    const store = await ImageStore.open(root, { now: () => new Date(Date.UTC(2025, 0, 1)) });
    const { base, child } = await twoImages(store);
    await store.tag('app:1', 'docker.io/myrepo/x');
    expect((await store.inspect('myrepo/x:latest')).repoTags).toEqual(['app:1', 'myrepo/x:latest']);
    expect((await store.inspect(child)).lastTagTime).toBe('2025-01-01T00:00:00.000Z');
    await store.tag(child, 'base');
    expect((await store.inspect(base)).repoTags).toEqual([]);
    await expect(store.tag('base', `x@sha256:${'a'.repeat(64)}`)).rejects.toThrow('refusing to create a tag with a digest reference');
    await expect(store.tag('base', 'Bad')).rejects.toThrow('must be lowercase');
  });
});

describe('untag and concurrency', () => {
  it('untag removes one reference and leaves the image', async () => {
    const store = await ImageStore.open(root);
    const { base } = await twoImages(store);
    expect(await store.untag('docker.io/library/base:latest')).toEqual([{ Untagged: 'base:latest' }]);
    expect((await store.inspect(base)).repoTags).toEqual([]);
    await expect(store.untag('base')).rejects.toThrow('No such image: base:latest');
  });

  it('concurrent tags and images are all recorded', async () => {
    const store = await ImageStore.open(root);
    const { base } = await twoImages(store);
    const layers = await Promise.all([1, 2, 3].map((i) => store.putLayer([file(`f${i}`, String(i))])));
    await Promise.all([
      ...[1, 2, 3, 4, 5].map((i) => store.tag('base', `t${i}`)),
      ...layers.map((l, i) => store.putImage({ created: `2024-03-0${i + 1}T00:00:00Z` }, [l], { tags: [`img${i}`] })),
    ]);
    const reopened = await ImageStore.open(root);
    expect((await reopened.inspect(base)).repoTags).toEqual(['base:latest', 't1:latest', 't2:latest', 't3:latest', 't4:latest', 't5:latest']);
    expect((await reopened.list()).length).toBe(5);
  });
});

describe('remove', () => {
  const users = (map: Record<string, ContainerRef[]>) => (id: Digest) => map[id] ?? [];

  it('untags when other references remain, deletes with the last one', async () => {
    const store = await ImageStore.open(root);
    const { base, l1 } = await twoImages(store);
    await store.tag('base', 'other:tag');
    expect(await store.remove('other:tag')).toEqual([{ Untagged: 'other:tag' }]);
    // base has a child image: untagging its last tag leaves it (not dangling), quietly.
    expect(await store.remove('base')).toEqual([{ Untagged: 'base:latest' }]);
    expect(await store.resolve(base)).toBe(base);
    expect(await store.remove('app:1')).toEqual([
      { Untagged: 'app:1' },
      { Deleted: expect.stringMatching(/^sha256:/) },
      expect.objectContaining({ Deleted: expect.stringMatching(/^sha256:/) }),
      { Deleted: base },
      { Deleted: l1.diffID },
    ]);
    expect(await store.list()).toEqual([]);
    expect(await store.layout.listBlobs()).toEqual([]);
  });

  it('refuses to delete by ID an image with several references unless forced', async () => {
    const store = await ImageStore.open(root);
    const { child } = await twoImages(store);
    await store.tag('app:1', 'x1:a');
    await expect(store.remove(digestHex(child).slice(0, 12))).rejects.toThrow(
      `conflict: unable to delete ${digestHex(child).slice(0, 12)} (must be forced) - image is referenced in multiple repositories`);
    const items = await store.remove(digestHex(child), { force: true });
    expect(items.slice(0, 3)).toEqual([{ Untagged: 'app:1' }, { Untagged: 'x1:a' }, { Deleted: child }]);
  });

  it('deleting by ID with a single tag untags and deletes', async () => {
    const store = await ImageStore.open(root);
    const { child } = await twoImages(store);
    expect((await store.remove(child)).slice(0, 2)).toEqual([{ Untagged: 'app:1' }, { Deleted: child }]);
  });

  it('refuses to remove the last reference of an image a container uses', async () => {
    const { child } = await twoImages(await ImageStore.open(root));
    const id12 = digestHex(child).slice(0, 12);
    const store = await ImageStore.open(root, { containersUsing: users({ [child]: [{ id: 'fd5f4c3d7cb7a5674f35', running: false }] }) });
    await expect(store.remove('app:1')).rejects.toThrow(
      `conflict: unable to remove repository reference "app:1" (must force) - container fd5f4c3d7cb7 is using its referenced image ${id12}`);
    await expect(store.remove(child)).rejects.toThrow(
      `conflict: unable to delete ${id12} (must be forced) - image is being used by stopped container fd5f4c3d7cb7`);
    // With another tag, untagging one is fine.
    await store.tag('app:1', 'x1:a');
    expect(await store.remove('x1:a')).toEqual([{ Untagged: 'x1:a' }]);
    // Forced with a stopped container: untagged and deleted.
    expect((await store.remove('app:1', { force: true })).slice(0, 2)).toEqual([{ Untagged: 'app:1' }, { Deleted: child }]);
  });

  it('a running container makes a forced rmi only untag', async () => {
    const { child } = await twoImages(await ImageStore.open(root));
    const store = await ImageStore.open(root, { containersUsing: users({ [child]: [{ id: '09c1b5be7c8cbd041ede', running: true }] }) });
    expect(await store.remove('app:1', { force: true })).toEqual([{ Untagged: 'app:1' }]);
    expect((await store.list()).find((r) => r.id === child)?.repoTags).toEqual([]);
    await expect(store.remove(child, { force: true })).rejects.toThrow(
      `conflict: unable to delete ${digestHex(child).slice(0, 12)} (cannot be forced) - image is being used by running container 09c1b5be7c8c`);
  });

  it('refuses to delete a parent by ID', async () => {
    const store = await ImageStore.open(root);
    const { base } = await twoImages(store);
    await store.remove('base');
    await expect(store.remove(base, { force: true })).rejects.toThrow(/\(cannot be forced\) - image has dependent child images/);
  });

  it('No such image for unknown references', async () => {
    const store = await ImageStore.open(root);
    await expect(store.remove('nope')).rejects.toThrow('No such image: nope:latest');
  });
});

describe('history', () => {
  it('is newest first with sizes, IDs along the parent chain, <missing> beyond', async () => {
    const store = await ImageStore.open(root);
    const { base, child } = await twoImages(store);
    expect(await store.history('app:1')).toEqual([
      { Id: child, Created: Date.UTC(2024, 0, 2) / 1000 + 1, CreatedBy: 'CMD ["/app/run"]', Tags: ['app:1'], Size: 0, Comment: '' },
      { Id: base, Created: Date.UTC(2024, 0, 2) / 1000, CreatedBy: 'COPY app /app', Tags: ['base:latest'], Size: 5, Comment: '' },
      { Id: '<missing>', Created: Date.UTC(2024, 0, 1) / 1000, CreatedBy: 'ADD rootfs /', Tags: null, Size: 107, Comment: 'base' },
    ]);
  });

  it('without a parent, only the top entry has an ID', async () => {
    const store = await ImageStore.open(root);
    const l = await store.putLayer([file('a', 'abc')]);
    const id = await store.putImage({ history: [{ created_by: 'one' }, { created_by: 'two', empty_layer: true }] }, [l]);
    const rows = await store.history(id);
    expect(rows.map((r) => [r.Id, r.CreatedBy, r.Size, r.Tags])).toEqual([[id, 'two', 0, null], ['<missing>', 'one', 3, null]]);
  });
});

describe('prune', () => {
  it('removes dangling images and unreferenced blobs, keeps used ones', async () => {
    const store = await ImageStore.open(root);
    const { base } = await twoImages(store);
    const lone = await store.putLayer([file('lonely', 'x')]);
    const dangling = await store.putImage({ created: '2024-02-01T00:00:00Z' }, [lone]);
    await store.tag(base, 'keep');
    const reopened = await ImageStore.open(root);
    const stray = await reopened.layout.putBlob(Buffer.from('stray blob'));
    const report = await reopened.prune();
    expect(report.ImagesDeleted).toContainEqual({ Deleted: dangling });
    expect(report.SpaceReclaimed).toBeGreaterThan(0);
    expect(await reopened.layout.hasBlob(stray)).toBe(false);
    expect(await reopened.layout.hasBlob(lone.digest)).toBe(false);
    expect((await reopened.list()).length).toBe(2);
    expect(await reopened.checkConsistency()).toEqual([]);
  });

  it('does not collect a layer put but not yet used by an image', async () => {
    const store = await ImageStore.open(root);
    const pending = await store.putLayer([file('pending', 'p')]);
    await store.prune();
    expect(await store.layout.hasBlob(pending.digest)).toBe(true);
  });

  it('prune all removes unused tagged images but not those containers use', async () => {
    const { child } = await twoImages(await ImageStore.open(root));
    const store = await ImageStore.open(root, { containersUsing: (id) => (id === child ? [{ id: 'c'.repeat(64), running: false }] : []) });
    await store.tag('app:1', 'solo');
    const lone = await store.putLayer([file('x', 'x')]);
    const other = await store.putImage({}, [lone], { tags: ['other'] });
    const report = await store.prune({ all: true });
    expect(report.ImagesDeleted).toContainEqual({ Untagged: 'other:latest' });
    expect(report.ImagesDeleted).toContainEqual({ Deleted: other });
    expect((await store.list()).map((r) => r.id)).toContain(child);
  });
});
