// The layers an ImageStore knows, by diffID: where each is stored (descriptor), its parsed
// entries and content size (cached in memory), and which freshly put layers are pinned against
// GC until an image uses them. Blob I/O goes through the LayoutStore.
import type { TreeEntry } from '../abi/tree-entry.js';
import { computeDiffID, type Digest, type DiffID } from './digest.js';
import { ImageError } from './errors.js';
import { contentSize } from './layer-size.js';
import { createLayerTar, gzipLayer, isGzip, readLayerTar, uncompressLayer } from './layer-tar.js';
import type { LayoutStore } from './layout-store.js';
import { MediaType, type Descriptor } from './oci-types.js';

/** A stored layer. */
export interface LayerInfo {
  /** Digest of the blob as stored (compressed when gzipped). */
  digest: Digest;
  /** Digest of the uncompressed tar. */
  diffID: DiffID;
  /** Stored blob size in bytes. */
  size: number;
  mediaType: string;
}

/** Layer bookkeeping of one store. */
export class LayerRegistry {
  private readonly layers = new Map<DiffID, Descriptor>();
  private readonly pinned = new Set<Digest>();
  private readonly entryCache = new Map<DiffID, Promise<TreeEntry[]>>();
  private readonly sizeCache = new Map<DiffID, number>();

  constructor(private readonly layout: LayoutStore) {}

  /** Records where an image's layer is stored (at open). */
  register(diffID: DiffID, desc: Descriptor): void {
    this.layers.set(diffID, desc);
  }

  /** Stores a layer; see ImageStore.putLayer. The new blob is pinned until `unpin`. */
  async put(input: readonly TreeEntry[] | Uint8Array, gzipOpt: boolean | undefined): Promise<LayerInfo> {
    const given = input instanceof Uint8Array ? input : undefined;
    const tar = given ? await uncompressLayer(given) : await createLayerTar(input as readonly TreeEntry[]);
    const entries = await readLayerTar(tar);
    const diffID = computeDiffID(tar);
    const known = this.layers.get(diffID);
    if (known && (await this.layout.hasBlob(known.digest))) {
      return { digest: known.digest, diffID, size: known.size, mediaType: known.mediaType };
    }
    const gzip = gzipOpt ?? (given !== undefined && isGzip(given));
    const blob = gzip ? (given && isGzip(given) ? given : await gzipLayer(tar)) : tar;
    const digest = await this.layout.putBlob(blob);
    const desc: Descriptor = { mediaType: gzip ? MediaType.layerGzip : MediaType.layer, digest, size: blob.byteLength };
    this.pinned.add(digest);
    this.layers.set(diffID, desc);
    this.entryCache.set(diffID, Promise.resolve(entries));
    return { digest, diffID, size: desc.size, mediaType: desc.mediaType };
  }

  /** Releases the GC pin of layers now used by an image. */
  unpin(digests: Iterable<Digest>): void {
    for (const d of digests) this.pinned.delete(d);
  }

  /** Blobs pinned against GC. */
  pinnedBlobs(): Iterable<Digest> {
    return this.pinned;
  }

  /** Whether a layer with this diffID is known. */
  has(diffID: DiffID): boolean {
    return this.layers.has(diffID);
  }

  /** The stored descriptor of a layer; ImageError(not-found) if unknown. */
  descriptor(diffID: DiffID): Descriptor {
    const desc = this.layers.get(diffID);
    if (!desc) throw new ImageError('not-found', `layer ${diffID} is not in the image store`);
    return desc;
  }

  /** The uncompressed tar of a layer, verified against its blob digest and its diffID. */
  async tar(diffID: DiffID): Promise<Buffer> {
    const tar = await uncompressLayer(await this.layout.getBlob(this.descriptor(diffID).digest));
    const actual = computeDiffID(tar);
    if (actual !== diffID) throw new ImageError('system', `layer ${diffID} is corrupted: its tar hashes to ${actual}`);
    return tar;
  }

  /** Parsed entries, cached by diffID (shared array: do not mutate). Failures are not cached. */
  entries(diffID: DiffID): Promise<TreeEntry[]> {
    let cached = this.entryCache.get(diffID);
    if (!cached) {
      cached = this.tar(diffID).then(readLayerTar);
      this.entryCache.set(diffID, cached);
      cached.catch(() => this.entryCache.delete(diffID));
    }
    return cached;
  }

  /** Content size (see layer-size.ts), cached. */
  async size(diffID: DiffID): Promise<number> {
    let size = this.sizeCache.get(diffID);
    if (size === undefined) {
      size = contentSize(await this.entries(diffID));
      this.sizeCache.set(diffID, size);
    }
    return size;
  }

  /** Forgets layers whose blob is not in `live` (after GC). */
  forgetExcept(live: ReadonlySet<Digest>): void {
    for (const [diffID, desc] of this.layers) {
      if (live.has(desc.digest)) continue;
      this.layers.delete(diffID);
      this.entryCache.delete(diffID);
      this.sizeCache.delete(diffID);
    }
  }
}
