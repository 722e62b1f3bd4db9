// `docker load`: reads a docker-archive (`manifest.json` with legacy `<id>/layer.tar` + `<id>.json`
// paths, or Docker 25+ `blobs/sha256/…` paths) or a plain OCI layout archive (`index.json`).
// Everything is parsed and verified (digests, diffIDs, safe layer names) before anything is stored.
import { ArchiveReader } from './archive.js';
import { computeDiffID, computeDigest, isDigestString, type Digest, type DiffID } from './digest.js';
import { ImageError } from './errors.js';
import type { ImageStore } from './image-store.js';
import { readLayerTar, uncompressLayer } from './layer-tar.js';
import { Annotation, MediaType, type Descriptor, type ImageConfig, type ImageIndex, type Manifest } from './oci-types.js';
import { familiarString, normalizedString, parseReference, withDefaultTag } from './reference.js';
import type { DockerArchiveManifest } from './save.js';

/** One image found in an archive, verified and ready to store. */
interface PendingImage {
  configBytes: Buffer;
  layers: Buffer[];
  /** Normalised tag references. */
  tags: string[];
}

/** What a load did: the images (ID and familiar tags) and the lines `docker load` prints. */
export interface LoadResult {
  images: { id: Digest; tags: string[] }[];
  /** `Loaded image: busybox:latest`, `Loaded image ID: sha256:…`, and rename notices. */
  messages: string[];
}

function json<T>(bytes: Buffer, what: string): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch (err) {
    throw new ImageError('invalid-parameter', `invalid ${what}: ${(err as Error).message}`);
  }
}

function normalizeTag(tag: string): string {
  try {
    return normalizedString(withDefaultTag(parseReference(tag)));
  } catch (err) {
    throw new ImageError('invalid-parameter', `invalid tag "${tag}" in archive: ${(err as Error).message}`);
  }
}

/** Reads a blob of an OCI archive and checks it against its digest. */
function blob(archive: ArchiveReader, digest: Digest): Buffer {
  if (!isDigestString(digest)) throw new ImageError('invalid-parameter', `invalid digest "${digest}" in archive`);
  const data = archive.get(`blobs/sha256/${digest.slice(7)}`);
  if (computeDigest(data) !== digest) throw new ImageError('invalid-parameter', `blob ${digest} in archive is corrupted`);
  return data;
}

/** A `blobs/sha256/<hex>` path must hold what its name says; other paths are taken as they are. */
function fileAt(archive: ArchiveReader, path: string): Buffer {
  const m = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(path);
  return m ? blob(archive, `sha256:${m[1]}` as Digest) : archive.get(path);
}

function fromDockerManifest(archive: ArchiveReader): PendingImage[] {
  const records = json<DockerArchiveManifest[]>(archive.get('manifest.json'), 'manifest.json');
  if (!Array.isArray(records)) throw new ImageError('invalid-parameter', 'invalid manifest.json: not a list');
  return records.map((r) => ({
    configBytes: fileAt(archive, r.Config),
    layers: (r.Layers ?? []).map((l) => fileAt(archive, l)),
    tags: (r.RepoTags ?? []).map(normalizeTag),
  }));
}

const indexTypes: string[] = [MediaType.index, MediaType.dockerManifestList];

/** Picks the linux/amd64 manifest of a nested index (or the first one). */
function pickPlatform(archive: ArchiveReader, desc: Descriptor): Descriptor {
  let cur = desc;
  for (let depth = 0; indexTypes.includes(cur.mediaType); depth++) {
    if (depth > 4) throw new ImageError('invalid-parameter', 'image index nesting too deep');
    const nested = json<ImageIndex>(blob(archive, cur.digest), `index ${cur.digest}`);
    const list = nested.manifests ?? [];
    const next = list.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64') ?? list[0];
    if (!next) throw new ImageError('invalid-parameter', `image index ${cur.digest} is empty`);
    cur = next;
  }
  return cur;
}

function fromOciIndex(archive: ArchiveReader): PendingImage[] {
  const index = json<ImageIndex>(archive.get('index.json'), 'index.json');
  const byManifest = new Map<string, PendingImage>();
  for (const top of index.manifests ?? []) {
    const desc = pickPlatform(archive, top);
    let pending = byManifest.get(desc.digest);
    if (!pending) {
      const manifest = json<Manifest>(blob(archive, desc.digest), `manifest ${desc.digest}`);
      if (!manifest.config || !Array.isArray(manifest.layers)) throw new ImageError('invalid-parameter', `manifest ${desc.digest} is not an image manifest`);
      pending = { configBytes: blob(archive, manifest.config.digest), layers: manifest.layers.map((l) => blob(archive, l.digest)), tags: [] };
      byManifest.set(desc.digest, pending);
    }
    const a = top.annotations ?? {};
    const name = a[Annotation.imageName] ?? (/[:/]/.test(a[Annotation.refName] ?? '') ? a[Annotation.refName] : undefined);
    if (name) {
      const tag = normalizeTag(name);
      if (!parseReference(tag).digest && !pending.tags.includes(tag)) pending.tags.push(tag);
    }
  }
  return [...byManifest.values()];
}

/** Checks one image: config shape, and each layer safe and matching its diffID. */
async function verify(img: PendingImage): Promise<void> {
  const config = json<ImageConfig>(img.configBytes, 'image config');
  const diffIds: DiffID[] = config?.rootfs?.diff_ids ?? [];
  if (diffIds.length !== img.layers.length) {
    throw new ImageError('invalid-parameter', `invalid manifest, layers length mismatch: expected ${diffIds.length}, got ${img.layers.length}`);
  }
  for (const [i, layer] of img.layers.entries()) {
    const tar = await uncompressLayer(layer);
    const actual = computeDiffID(tar);
    if (actual !== diffIds[i]) throw new ImageError('invalid-parameter', `layer ${i} of image does not match its diffID: expected ${diffIds[i]}, got ${actual}`);
    await readLayerTar(tar);
  }
}

/**
 * Loads every image of a `docker save` archive (either format, gzipped or not) into `store`.
 * Nothing is stored unless the whole archive verifies. Tags already naming another image move
 * (with Docker's "renaming the old one" notice).
 */
export async function loadImages(store: ImageStore, archiveBytes: Uint8Array): Promise<LoadResult> {
  const archive = await ArchiveReader.read(archiveBytes);
  let pending: PendingImage[];
  if (archive.has('manifest.json')) pending = fromDockerManifest(archive);
  else if (archive.has('index.json')) pending = fromOciIndex(archive);
  else throw new ImageError('invalid-parameter', 'archive has neither manifest.json nor index.json: not a docker save or OCI layout archive');
  for (const img of pending) await verify(img);
  const result: LoadResult = { images: [], messages: [] };
  for (const img of pending) {
    const layers = [];
    for (const l of img.layers) layers.push(await store.putLayer(l));
    const id = computeDigest(img.configBytes);
    for (const t of img.tags) {
      const old = await store.resolve(t).catch(() => undefined);
      if (old && old !== id) result.messages.push(`The image ${familiarString(parseReference(t))} already exists, renaming the old one with ID ${old} to empty string`);
    }
    await store.putImage(img.configBytes, layers, { tags: img.tags });
    const tags = img.tags.map((t) => familiarString(parseReference(t)));
    result.images.push({ id, tags });
    if (tags.length === 0) result.messages.push(`Loaded image ID: ${id}`);
    for (const t of tags) result.messages.push(`Loaded image: ${t}`);
  }
  return result;
}
