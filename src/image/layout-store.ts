// The OCI image layout on disk: `<root>/oci-layout`, `<root>/index.json`, `<root>/blobs/sha256/<hex>`.
// Content-addressed blobs written atomically and verified against their digest on every read.
// It knows nothing of tags or images: image-store.ts gives index.json its meaning.
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { removeTempFiles, writeFileAtomic } from './atomic-file.js';
import { canonicalJson } from './canonical-json.js';
import { computeDigest, digestHex, parseDigest, type Digest } from './digest.js';
import { ImageError } from './errors.js';
import { MediaType, type ImageIndex } from './oci-types.js';

const layoutFile = { imageLayoutVersion: '1.0.0' };
const hex64 = /^[a-f0-9]{64}$/;

/** What `LayoutStore.open` cleaned up. */
export interface OpenReport {
  /** Temp files (interrupted writes) and stray non-blob files removed, relative to the root. */
  removed: string[];
}

/** Blob storage and index.json of one OCI image layout directory. */
export class LayoutStore {
  private constructor(readonly root: string, readonly openReport: OpenReport) {}

  /**
   * Opens (creating if needed) the layout at `root`. Leftover temp files from interrupted
   * writes and files in `blobs/sha256` that are not named by a digest are removed.
   * Throws ImageError(system) if `oci-layout` names another layout version.
   */
  static async open(root: string): Promise<LayoutStore> {
    const blobs = join(root, 'blobs', 'sha256');
    await mkdir(blobs, { recursive: true });
    const removed = [
      ...(await removeTempFiles(root)),
      ...(await removeTempFiles(blobs)).map((n) => `blobs/sha256/${n}`),
    ];
    for (const name of await readdir(blobs)) {
      if (hex64.test(name)) continue;
      await rm(join(blobs, name), { force: true, recursive: true });
      removed.push(`blobs/sha256/${name}`);
    }
    const layoutPath = join(root, 'oci-layout');
    const existing = await readFile(layoutPath, 'utf8').catch(() => undefined);
    if (existing === undefined) {
      await writeFileAtomic(layoutPath, JSON.stringify(layoutFile));
    } else if ((JSON.parse(existing) as { imageLayoutVersion?: string }).imageLayoutVersion !== '1.0.0') {
      throw new ImageError('system', `${layoutPath}: unsupported image layout version`);
    }
    const store = new LayoutStore(root, { removed });
    if ((await readFile(store.indexPath).catch(() => undefined)) === undefined) {
      await store.writeIndex({ schemaVersion: 2, mediaType: MediaType.index, manifests: [] });
    }
    return store;
  }

  private get indexPath(): string {
    return join(this.root, 'index.json');
  }

  /** Path of the blob named by `digest`. */
  blobPath(digest: Digest): string {
    return join(this.root, 'blobs', 'sha256', digestHex(digest));
  }

  /**
   * Stores `data` and returns its digest. When `expected` is given and differs, nothing is
   * written and ImageError(invalid-parameter) is thrown. An existing valid blob is not rewritten.
   */
  async putBlob(data: Uint8Array, expected?: Digest): Promise<Digest> {
    const digest = computeDigest(data);
    if (expected !== undefined && expected !== digest) {
      throw new ImageError('invalid-parameter', `blob content does not match its digest: expected ${expected}, got ${digest}`);
    }
    const path = this.blobPath(digest);
    const size = await stat(path).then((s) => s.size, () => -1);
    if (size === data.byteLength) {
      const current = await readFile(path);
      if (computeDigest(current) === digest) return digest;
    }
    await writeFileAtomic(path, data);
    return digest;
  }

  /** Reads a blob and verifies it; ImageError(not-found) if absent, (system) if corrupted. */
  async getBlob(digest: Digest): Promise<Buffer> {
    let data: Buffer;
    try {
      data = await readFile(this.blobPath(digest));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ImageError('not-found', `blob ${digest} not found in ${this.root}`);
      throw err;
    }
    const actual = computeDigest(data);
    if (actual !== digest) {
      throw new ImageError('system', `blob ${digest} is corrupted: its content hashes to ${actual} (${this.blobPath(digest)})`);
    }
    return data;
  }

  /** Whether a blob file exists (not verified). */
  async hasBlob(digest: Digest): Promise<boolean> {
    return stat(this.blobPath(digest)).then(() => true, () => false);
  }

  /** Size in bytes of a stored blob, or -1 if absent. */
  async blobSize(digest: Digest): Promise<number> {
    return stat(this.blobPath(digest)).then((s) => s.size, () => -1);
  }

  /** Removes a blob (no error if absent). */
  async deleteBlob(digest: Digest): Promise<void> {
    await rm(this.blobPath(digest), { force: true });
  }

  /** Digests of all stored blobs. */
  async listBlobs(): Promise<Digest[]> {
    const names = await readdir(join(this.root, 'blobs', 'sha256'));
    return names.filter((n) => hex64.test(n)).map((n) => parseDigest(`sha256:${n}`));
  }

  /** Reads index.json. */
  async readIndex(): Promise<ImageIndex> {
    const text = await readFile(this.indexPath, 'utf8');
    let index: ImageIndex;
    try {
      index = JSON.parse(text) as ImageIndex;
    } catch (err) {
      throw new ImageError('system', `${this.indexPath} is not valid JSON: ${(err as Error).message}`);
    }
    if (index.schemaVersion !== 2 || !Array.isArray(index.manifests)) {
      throw new ImageError('system', `${this.indexPath} is not an OCI image index`);
    }
    return index;
  }

  /** Replaces index.json atomically. */
  async writeIndex(index: ImageIndex): Promise<void> {
    await writeFileAtomic(this.indexPath, canonicalJson(index));
  }
}
