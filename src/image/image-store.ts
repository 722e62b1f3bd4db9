// ImageStore: the engine's image database on top of the OCI layout (layout-store.ts). It keeps
// images, their references (in index.json annotations, see image-record.ts) and layers; resolves
// references like Docker; tags, removes and prunes with Docker's rules (image-remove.ts);
// reports inspect/list/history; and hands the engine parsed layers by diffID (cached in memory).
import type { TreeEntry } from '../abi/tree-entry.js';
import { canonicalJson } from './canonical-json.js';
import type { Digest, DiffID } from './digest.js';
import { ImageError } from './errors.js';
import { buildHistory, repoTags, unixSeconds, type HistoryResponseItem } from './image-history.js';
import { cloneTable, descriptorsOf, groupDescriptors, imageByRef, isDigestRef, type ImageRecord, type ImageTable } from './image-record.js';
import { planPrune, planRemove, type ContainersUsing, type DeleteResponseItem } from './image-remove.js';
import { resolveImage } from './image-resolve.js';
import type { ImageBlobs, ImageConfigInput, ImageDetails, ImageSummary, PruneReport } from './image-views.js';
import { LayerRegistry, type LayerInfo } from './layer-registry.js';
import { LayoutStore } from './layout-store.js';
import { parseJson, referenceFor, sameList, validateConfig } from './image-input.js';
import { MediaType, type Descriptor, type ImageConfig, type ImageIndex, type Manifest } from './oci-types.js';
import { familiarString, parseReference } from './reference.js';

/** Options of ImageStore.open. */
export interface ImageStoreOptions {
  /** Which containers use an image; consulted by remove and prune (default: none). */
  containersUsing?: ContainersUsing;
  /** Clock for tag times (default: the real one). */
  now?: () => Date;
}

/** The image store over one OCI layout directory. All methods are safe to call concurrently. */
export class ImageStore {
  private table: ImageTable = new Map();
  /** index.json descriptors whose images could not be read; kept verbatim. */
  private broken: Descriptor[] = [];
  private brokenBlobs = new Set<Digest>();
  private readonly problems: string[] = [];
  private readonly layers: LayerRegistry;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly layout: LayoutStore, private readonly opts: ImageStoreOptions) {
    this.layers = new LayerRegistry(layout);
  }

  /**
   * Opens the store whose OCI layout lives directly in `dataRoot` (created if needed).
   * Interrupted writes are cleaned up; images whose blobs are missing or corrupted are kept in
   * index.json but reported by checkConsistency instead of failing the open.
   */
  static async open(dataRoot: string, opts: ImageStoreOptions = {}): Promise<ImageStore> {
    const store = new ImageStore(await LayoutStore.open(dataRoot), opts);
    await store.loadIndex(await store.layout.readIndex());
    return store;
  }

  private async loadIndex(index: ImageIndex): Promise<void> {
    for (const entry of groupDescriptors(index.manifests)) {
      const known = new Set<Digest>([entry.manifestDigest]);
      try {
        const manifestBytes = await this.layout.getBlob(entry.manifestDigest);
        const manifest = parseJson<Manifest>(manifestBytes, `manifest ${entry.manifestDigest}`);
        if (!manifest.config || !Array.isArray(manifest.layers)) throw new Error(`manifest ${entry.manifestDigest} is not an image manifest`);
        known.add(manifest.config.digest);
        manifest.layers.forEach((l) => known.add(l.digest));
        const config = parseJson<ImageConfig>(await this.layout.getBlob(manifest.config.digest), `config ${manifest.config.digest}`);
        validateConfig(config, `config ${manifest.config.digest}`);
        const id = manifest.config.digest;
        const existing = this.table.get(id);
        if (existing) {
          for (const r of entry.refs) if (!existing.refs.includes(r)) existing.refs.push(r);
          continue;
        }
        this.table.set(id, {
          id, manifestDigest: entry.manifestDigest, manifestSize: manifestBytes.byteLength, manifest, config,
          refs: entry.refs, parent: entry.parent, lastTagTime: entry.lastTagTime,
        });
        config.rootfs.diff_ids.forEach((d, i) => { if (manifest.layers[i]) this.layers.register(d, manifest.layers[i]); });
      } catch (err) {
        this.problems.push(`image manifest ${entry.manifestDigest} (${entry.refs.join(', ') || 'untagged'}): ${(err as Error).message}`);
        this.broken.push(...index.manifests.filter((d) => d.digest === entry.manifestDigest));
        known.forEach((d) => this.brokenBlobs.add(d));
      }
    }
  }

  /** Runs `fn` after every earlier mutation finished (mutations never interleave). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Writes index.json for `next`, then makes it current. Atomic: no await after the write. */
  private async commit(next: ImageTable): Promise<void> {
    const manifests = [...next.values()].flatMap(descriptorsOf);
    await this.layout.writeIndex({ schemaVersion: 2, mediaType: MediaType.index, manifests: [...manifests, ...this.broken] });
    this.table = next;
  }

  // ---- layers ---------------------------------------------------------------------------------

  /**
   * Stores a layer given as entries (OCI form: whiteouts as `.wh.` files) or as a tar (gzipped
   * or not). The tar is parsed first: an unsafe tar is refused before anything is written.
   * `gzip` chooses the stored form (default: entries → uncompressed; a tar → as given).
   */
  async putLayer(input: readonly TreeEntry[] | Uint8Array, opts: { gzip?: boolean } = {}): Promise<LayerInfo> {
    return this.layers.put(input, opts.gzip);
  }

  /** Whether a layer with this diffID is stored. */
  hasLayer(diffID: DiffID): boolean {
    return this.layers.has(diffID);
  }

  /**
   * The entries of a layer (OCI form), parsed once and cached by diffID: what the engine builds
   * a read-only layer from. The returned array is shared: do not mutate it.
   * Throws ImageError(not-found) for an unknown layer, (system) for a corrupted one.
   */
  layerEntries(diffID: DiffID): Promise<TreeEntry[]> {
    return this.layers.entries(diffID);
  }

  /** The uncompressed tar of a layer, verified against its digest and its diffID. */
  layerTar(diffID: DiffID): Promise<Buffer> {
    return this.layers.tar(diffID);
  }

  /** The stored descriptor (blob digest, media type, size) of a layer. */
  layerDescriptor(diffID: DiffID): Descriptor {
    return this.layers.descriptor(diffID);
  }

  /** Content size of a layer as Docker reports it (see layer-size.ts). */
  layerSize(diffID: DiffID): Promise<number> {
    return this.layers.size(diffID);
  }

  // ---- images ---------------------------------------------------------------------------------

  /**
   * Stores an image made of already-stored layers and returns its ID (the config digest).
   * `config` is either an object (written as canonical JSON; `rootfs` is filled from `layers`,
   * architecture/os default to amd64/linux) or raw config bytes (kept byte for byte, so a loaded
   * image keeps its ID; their diff_ids must equal `layers`). `tags` move to this image.
   */
  async putImage(
    config: ImageConfigInput | Uint8Array,
    layers: readonly (LayerInfo | DiffID)[],
    opts: { tags?: readonly string[]; parent?: string } = {},
  ): Promise<Digest> {
    const diffIDs = layers.map((l) => (typeof l === 'string' ? l : l.diffID));
    let configBytes: Buffer;
    let parsed: ImageConfig;
    if (config instanceof Uint8Array) {
      configBytes = Buffer.from(config);
      parsed = parseJson<ImageConfig>(configBytes, 'image config');
      validateConfig(parsed, 'image config');
    } else {
      if (config.rootfs && !sameList(config.rootfs.diff_ids, diffIDs)) {
        throw new ImageError('invalid-parameter', 'image config rootfs.diff_ids does not match the layers given');
      }
      parsed = { ...config, architecture: config.architecture ?? 'amd64', os: config.os ?? 'linux', rootfs: { type: 'layers', diff_ids: diffIDs } };
      configBytes = canonicalJson(parsed);
    }
    if (!sameList(parsed.rootfs.diff_ids, diffIDs)) {
      throw new ImageError('invalid-parameter', 'image config rootfs.diff_ids does not match the layers given');
    }
    const layerDescs = diffIDs.map((d) => this.layerDescriptor(d));
    const tags = (opts.tags ?? []).map((t) => referenceFor(t, false));
    return this.serial(async () => {
      for (const d of layerDescs) {
        if (!(await this.layout.hasBlob(d.digest))) throw new ImageError('not-found', `layer blob ${d.digest} is missing`);
      }
      const parent = opts.parent ? resolveImage(this.table, opts.parent).id : undefined;
      const id = await this.layout.putBlob(configBytes);
      const next = cloneTable(this.table);
      let img = next.get(id);
      if (!img) {
        const manifest: Manifest = {
          schemaVersion: 2,
          mediaType: MediaType.manifest,
          config: { mediaType: MediaType.config, digest: id, size: configBytes.byteLength },
          layers: layerDescs.map((d) => ({ mediaType: d.mediaType, digest: d.digest, size: d.size })),
        };
        const manifestBytes = canonicalJson(manifest);
        const manifestDigest = await this.layout.putBlob(manifestBytes);
        img = { id, manifestDigest, manifestSize: manifestBytes.byteLength, manifest, config: parsed, refs: [], parent };
        next.set(id, img);
      }
      for (const t of tags) this.moveRef(next, t, img);
      await this.commit(next);
      this.layers.unpin(layerDescs.map((d) => d.digest));
      return id;
    });
  }

  private moveRef(table: ImageTable, ref: string, to: ImageRecord): void {
    const from = imageByRef(table, ref);
    if (from === to) return;
    if (from) from.refs = from.refs.filter((r) => r !== ref);
    to.refs.push(ref);
    to.lastTagTime = (this.opts.now?.() ?? new Date()).toISOString();
  }

  /** Resolves a reference or ID (see image-resolve.ts) to an image ID. */
  async resolve(ref: string): Promise<Digest> {
    return resolveImage(this.table, ref).id;
  }

  /** `docker tag ref newRef`: newRef (normalised, tag defaulting to latest) moves to ref's image. */
  async tag(ref: string, newRef: string): Promise<void> {
    const target = referenceFor(newRef, false);
    return this.serial(async () => {
      const next = cloneTable(this.table);
      this.moveRef(next, target, next.get(resolveImage(next, ref).id)!);
      await this.commit(next);
    });
  }

  /** Records `<repository>@<manifest digest>` as a digest reference (RepoDigests) of ref's image. */
  addRepoDigest(ref: string, repository: string): Promise<string> {
    return this.serial(async () => {
      const next = cloneTable(this.table);
      const img = next.get(resolveImage(next, ref).id)!;
      const parsed = parseReference(repository);
      const digestRef = referenceFor(`${parsed.name}@${img.manifestDigest}`, true);
      this.moveRef(next, digestRef, img);
      await this.commit(next);
      return familiarString(parseReference(digestRef));
    });
  }

  /**
   * `docker rmi`: untags and/or deletes with Docker's rules and messages (image-remove.ts), then
   * deletes blobs no image uses any more. Returns the `{Untagged}`/`{Deleted}` items.
   */
  remove(ref: string, opts: { force?: boolean; prune?: boolean; containersUsing?: ContainersUsing } = {}): Promise<DeleteResponseItem[]> {
    return this.serial(async () => {
      const plan = planRemove(this.table, ref, { ...opts, containersUsing: opts.containersUsing ?? this.opts.containersUsing });
      await this.commit(plan.table);
      const candidates = new Set<Digest>();
      for (const img of plan.deleted) {
        candidates.add(img.manifestDigest).add(img.id);
        img.manifest.layers.forEach((l) => candidates.add(l.digest));
      }
      await this.collectGarbage(candidates);
      return plan.items;
    });
  }

  /** Removes a reference without deleting the image (the image may become dangling). */
  async untag(ref: string): Promise<DeleteResponseItem[]> {
    const normalized = referenceFor(ref, true);
    return this.serial(async () => {
      const next = cloneTable(this.table);
      const img = imageByRef(next, normalized);
      if (!img) throw new ImageError('not-found', `No such image: ${familiarString(parseReference(normalized))}`);
      img.refs = img.refs.filter((r) => r !== normalized);
      await this.commit(next);
      return [{ Untagged: familiarString(parseReference(normalized)) }];
    });
  }

  /**
   * `docker image prune` (`all` for `-a`): removes dangling (or all unused) images, then every
   * blob no image references (layers put but not yet used by an image in this process excepted).
   */
  prune(opts: { all?: boolean; containersUsing?: ContainersUsing } = {}): Promise<PruneReport> {
    return this.serial(async () => {
      const plan = planPrune(this.table, { all: opts.all, containersUsing: opts.containersUsing ?? this.opts.containersUsing });
      await this.commit(plan.table);
      const reclaimed = await this.collectGarbage();
      return { ImagesDeleted: plan.items, SpaceReclaimed: reclaimed };
    });
  }

  /** Blobs referenced by some image (or by an unreadable index entry), plus pinned layers. */
  private liveBlobs(): Set<Digest> {
    const live = new Set<Digest>([...this.layers.pinnedBlobs(), ...this.brokenBlobs]);
    for (const img of this.table.values()) {
      live.add(img.manifestDigest).add(img.id);
      img.manifest.layers.forEach((l) => live.add(l.digest));
    }
    return live;
  }

  /** Deletes unreferenced blobs (only among `candidates` when given); returns bytes freed. */
  private async collectGarbage(candidates?: Set<Digest>): Promise<number> {
    const live = this.liveBlobs();
    let freed = 0;
    for (const d of candidates ?? (await this.layout.listBlobs())) {
      if (live.has(d)) continue;
      const size = await this.layout.blobSize(d);
      if (size < 0) continue;
      await this.layout.deleteBlob(d);
      freed += size;
    }
    this.layers.forgetExcept(live);
    return freed;
  }

  // ---- queries --------------------------------------------------------------------------------

  private async imageSize(img: ImageRecord): Promise<number> {
    let size = 0;
    for (const d of img.config.rootfs.diff_ids) size += await this.layerSize(d);
    return size;
  }

  private repoDigests(img: ImageRecord): string[] {
    return img.refs.filter(isDigestRef).map((r) => familiarString(parseReference(r)));
  }

  /** All images, newest first (`docker images`). */
  async list(): Promise<ImageSummary[]> {
    const rows: ImageSummary[] = [];
    for (const img of this.table.values()) {
      rows.push({
        id: img.id,
        parentId: img.parent ?? '',
        repoTags: repoTags(img),
        repoDigests: this.repoDigests(img),
        created: unixSeconds(img.config.created),
        size: await this.imageSize(img),
        labels: (img.config.config?.Labels ?? {}) as Record<string, string>,
      });
    }
    return rows.sort((a, b) => b.created - a.created || (a.id < b.id ? -1 : 1));
  }

  /** `docker image inspect`. Throws `No such image: …`. */
  async inspect(ref: string): Promise<ImageDetails> {
    const img = resolveImage(this.table, ref);
    const c = img.config;
    const details: ImageDetails = {
      id: img.id,
      repoTags: repoTags(img),
      repoDigests: this.repoDigests(img),
      parent: img.parent ?? '',
      comment: typeof c.comment === 'string' ? c.comment : '',
      created: c.created ?? '',
      author: c.author ?? '',
      architecture: c.architecture,
      os: c.os,
      containerConfig: c.config ?? {},
      config: c,
      size: await this.imageSize(img),
      layers: [...c.rootfs.diff_ids],
      manifestDigest: img.manifestDigest,
    };
    if (c.variant) details.variant = c.variant;
    if (img.lastTagTime) details.lastTagTime = img.lastTagTime;
    return details;
  }

  /** `docker history` rows, newest first, in Docker's wire shape. */
  async history(ref: string): Promise<HistoryResponseItem[]> {
    const img = resolveImage(this.table, ref);
    return buildHistory(this.table, img, (d) => this.layerSize(d));
  }

  /** Everything save needs about one image, verified on read. */
  async imageBlobs(ref: string): Promise<ImageBlobs> {
    const img = resolveImage(this.table, ref);
    return {
      id: img.id,
      manifestDigest: img.manifestDigest,
      manifest: img.manifest,
      manifestBytes: await this.layout.getBlob(img.manifestDigest),
      configBytes: await this.layout.getBlob(img.id),
      config: img.config,
      refs: [...img.refs],
    };
  }

  /** Normalised references of every image, by image ID. */
  references(): Map<Digest, string[]> {
    return new Map([...this.table.values()].map((img) => [img.id, [...img.refs]]));
  }

  /**
   * Verifies every blob index.json references (manifests, configs, layers, and layer diffIDs).
   * Returns the problems found; an empty list means the store is consistent.
   */
  async checkConsistency(): Promise<string[]> {
    const problems = [...this.problems];
    const check = async (what: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (err) {
        problems.push(`${what}: ${(err as Error).message}`);
      }
    };
    for (const img of this.table.values()) {
      const name = repoTags(img)[0] ?? img.id;
      await check(`image ${name} manifest`, () => this.layout.getBlob(img.manifestDigest));
      await check(`image ${name} config`, () => this.layout.getBlob(img.id));
      for (const d of img.config.rootfs.diff_ids) await check(`image ${name} layer ${d}`, () => this.layerTar(d));
    }
    return problems;
  }
}
