import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-file.js';
import { computeDigest, digestHex } from './digest.js';
import { LayoutStore } from './layout-store.js';

let root: string;
beforeEach(async () => { root = await mkdtemp(join(tmpdir(), 'skiff-layout-')); });
afterEach(async () => { await rm(root, { recursive: true, force: true }); });

describe('LayoutStore', () => {
  it('creates oci-layout, index.json and blobs/sha256', async () => {
    await LayoutStore.open(root);
    expect(JSON.parse(await readFile(join(root, 'oci-layout'), 'utf8'))).toEqual({ imageLayoutVersion: '1.0.0' });
    expect(JSON.parse(await readFile(join(root, 'index.json'), 'utf8'))).toMatchObject({ schemaVersion: 2, manifests: [] });
    expect(await readdir(join(root, 'blobs', 'sha256'))).toEqual([]);
  });

  it('stores blobs by digest and reads them back verified', async () => {
    const store = await LayoutStore.open(root);
    const d = await store.putBlob(Buffer.from('hello'));
    expect(d).toBe(computeDigest(Buffer.from('hello')));
    expect((await store.getBlob(d)).toString()).toBe('hello');
    expect(await store.listBlobs()).toEqual([d]);
  });

  it('refuses a blob that does not match the expected digest, writing nothing', async () => {
    const store = await LayoutStore.open(root);
    const wrong = computeDigest(Buffer.from('other'));
    await expect(store.putBlob(Buffer.from('hello'), wrong)).rejects.toThrow(/does not match its digest/);
    expect(await readdir(join(root, 'blobs', 'sha256'))).toEqual([]);
  });

  it('detects a corrupted blob on read, naming it', async () => {
    const store = await LayoutStore.open(root);
    const d = await store.putBlob(Buffer.from('precious'));
    await writeFile(join(root, 'blobs', 'sha256', digestHex(d)), 'tampered');
    await expect(store.getBlob(d)).rejects.toThrow(new RegExp(`blob ${d} is corrupted`));
    // A put of the right content repairs it.
    await store.putBlob(Buffer.from('precious'));
    expect((await store.getBlob(d)).toString()).toBe('precious');
  });

  it('a missing blob is not-found', async () => {
    const store = await LayoutStore.open(root);
    await expect(store.getBlob(computeDigest(Buffer.from('x')))).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('cleans leftover temp files and partial blobs at open', async () => {
    await LayoutStore.open(root);
    const blobs = join(root, 'blobs', 'sha256');
    await writeFile(join(root, '.index.json.abc123.tmp'), '{"half":');
    await writeFile(join(blobs, `.${'a'.repeat(64)}.0f0f.tmp`), 'partial');
    await writeFile(join(blobs, 'not-a-digest'), 'junk');
    const store = await LayoutStore.open(root);
    expect(store.openReport.removed.sort()).toEqual(['.index.json.abc123.tmp', `blobs/sha256/.${'a'.repeat(64)}.0f0f.tmp`, 'blobs/sha256/not-a-digest'].sort());
    expect(await readdir(blobs)).toEqual([]);
    expect((await readdir(root)).sort()).toEqual(['blobs', 'index.json', 'oci-layout']);
  });

  it('writeFileAtomic replaces the file and leaves no temp file', async () => {
    const p = join(root, 'f.json');
    await writeFileAtomic(p, 'one');
    await writeFileAtomic(p, 'two');
    expect(await readFile(p, 'utf8')).toBe('two');
    expect(await readdir(root)).toEqual(['f.json']);
  });

  it('refuses an unknown layout version', async () => {
    await writeFile(join(root, 'oci-layout'), '{"imageLayoutVersion":"9.9"}');
    await expect(LayoutStore.open(root)).rejects.toThrow(/unsupported image layout version/);
  });
});
