// `docker save` in the format Docker 25+ writes: an OCI layout (`oci-layout`, `index.json`,
// `blobs/sha256/…`) plus the docker-archive `manifest.json` and `repositories` pointing into
// the same blobs, so both OCI tools and older `docker load` read it. Loading is load.ts.
import { writeArchive, type ArchiveFile } from './archive.js';
import { digestHex, type Digest } from './digest.js';
import type { ImageStore } from './image-store.js';
import type { ImageBlobs } from './image-views.js';
import { isDigestRef } from './image-record.js';
import { Annotation, MediaType, type Descriptor } from './oci-types.js';
import { familiarName, familiarString, normalizedString, parseReference } from './reference.js';

/** One `manifest.json` record of a docker-archive. */
export interface DockerArchiveManifest {
  Config: string;
  RepoTags: string[] | null;
  Layers: string[];
}

const blobName = (d: Digest) => `blobs/sha256/${digestHex(d)}`;

/**
 * The tags `input` selects: none for an ID, the given tag, or every tag of the repository when
 * only a name was typed (`docker save busybox` saves all busybox tags).
 */
async function selectTags(store: ImageStore, input: string): Promise<Map<Digest, string[]>> {
  let ref;
  try {
    ref = parseReference(input);
  } catch {
    ref = undefined; // an ID
  }
  if (ref && ref.tag === undefined && ref.digest === undefined) {
    const out = new Map<Digest, string[]>();
    for (const [imageId, refs] of store.references()) {
      const tags = refs.filter((r) => !isDigestRef(r) && parseReference(r).name === ref.name);
      if (tags.length > 0) out.set(imageId, tags);
    }
    if (out.size > 0) return out;
  }
  const id = await store.resolve(input);
  const tagged = ref?.tag !== undefined && ref.digest === undefined && (store.references().get(id) ?? []).includes(normalizedString(ref));
  return new Map([[id, tagged ? [normalizedString(ref!)] : []]]);
}

/** Writes the images named by `refs` (names, tags, IDs) into one archive. */
export async function saveImages(store: ImageStore, refs: readonly string[]): Promise<Buffer> {
  const selected = new Map<Digest, string[]>();
  for (const input of refs) {
    for (const [id, tags] of await selectTags(store, input)) {
      const have = selected.get(id) ?? [];
      for (const t of tags) if (!have.includes(t)) have.push(t);
      selected.set(id, have);
    }
  }
  const blobs = new Map<Digest, Uint8Array>();
  const index: Descriptor[] = [];
  const manifests: DockerArchiveManifest[] = [];
  const repositories: Record<string, Record<string, string>> = {};
  for (const [id, tags] of selected) {
    const img: ImageBlobs = await store.imageBlobs(id);
    blobs.set(img.manifestDigest, img.manifestBytes);
    blobs.set(img.id, img.configBytes);
    for (const [i, diffID] of img.config.rootfs.diff_ids.entries()) {
      const desc = img.manifest.layers[i];
      const stored = store.layerDescriptor(diffID);
      if (stored.digest !== desc.digest) throw new Error(`image ${id}: layer ${diffID} is stored as ${stored.digest}, manifest says ${desc.digest}`);
      blobs.set(desc.digest, await store.layout.getBlob(desc.digest));
    }
    const base: Descriptor = { mediaType: MediaType.manifest, digest: img.manifestDigest, size: img.manifestBytes.byteLength };
    if (tags.length === 0) index.push(base);
    for (const t of tags) {
      const tag = parseReference(t).tag!;
      index.push({ ...base, annotations: { [Annotation.imageName]: t, [Annotation.refName]: tag } });
      const topLayer = img.manifest.layers[img.manifest.layers.length - 1];
      (repositories[familiarName(parseReference(t))] ??= {})[tag] = topLayer ? digestHex(topLayer.digest) : digestHex(img.id);
    }
    manifests.push({
      Config: blobName(img.id),
      RepoTags: tags.length > 0 ? tags.map((t) => familiarString(parseReference(t))) : null,
      Layers: img.manifest.layers.map((l) => blobName(l.digest)),
    });
  }
  const files: ArchiveFile[] = [...blobs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([d, data]) => ({ name: blobName(d), data }));
  files.push(
    { name: 'index.json', data: Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.index, manifests: index })) },
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifests)) },
    { name: 'oci-layout', data: Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })) },
  );
  if (Object.keys(repositories).length > 0) files.push({ name: 'repositories', data: Buffer.from(JSON.stringify(repositories)) });
  return writeArchive(files);
}
