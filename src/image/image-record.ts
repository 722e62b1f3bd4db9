// The store's in-memory model of one image and how it is written to index.json:
// one descriptor per reference (a dangling image gets one descriptor without a name), with
// `io.containerd.image.name` = the full normalised reference and, for tags,
// `org.opencontainers.image.ref.name` = the tag (the layout `docker save` and containerd use).
import type { Digest } from './digest.js';
import { Annotation, MediaType, type Descriptor, type ImageConfig, type Manifest } from './oci-types.js';
import { parseReference } from './reference.js';

/** One image: config (its digest is the ID), manifest, and the references naming it. */
export interface ImageRecord {
  /** Image ID: digest of the config blob. */
  id: Digest;
  manifestDigest: Digest;
  manifestSize: number;
  manifest: Manifest;
  config: ImageConfig;
  /** Normalised references: `docker.io/library/busybox:latest` or `docker.io/x/y@sha256:…`. */
  refs: string[];
  /** Image ID of the parent image (builds), if any. */
  parent?: Digest;
  /** RFC 3339 time of the last tag operation. */
  lastTagTime?: string;
}

/** Images by ID. Invariant: a reference names at most one image. */
export type ImageTable = Map<Digest, ImageRecord>;

/** Whether a normalised reference is a digest reference (`name@sha256:…`). */
export function isDigestRef(ref: string): boolean {
  return ref.includes('@');
}

/** The index.json descriptors of one image. */
export function descriptorsOf(img: ImageRecord): Descriptor[] {
  const base = (): Descriptor => {
    const d: Descriptor = {
      mediaType: MediaType.manifest,
      digest: img.manifestDigest,
      size: img.manifestSize,
      platform: { architecture: img.config.architecture, os: img.config.os },
    };
    const annotations: Record<string, string> = {};
    if (img.parent) annotations[Annotation.parent] = img.parent;
    if (img.lastTagTime) annotations[Annotation.lastTagTime] = img.lastTagTime;
    if (Object.keys(annotations).length > 0) d.annotations = annotations;
    return d;
  };
  if (img.refs.length === 0) return [base()];
  return img.refs.map((ref) => {
    const d = base();
    const annotations: Record<string, string> = { ...d.annotations, [Annotation.imageName]: ref };
    const tag = parseReference(ref).tag;
    if (tag !== undefined) annotations[Annotation.refName] = tag;
    d.annotations = annotations;
    return d;
  });
}

/** What index.json says about one manifest: its references and skiff annotations. */
export interface IndexEntry {
  manifestDigest: Digest;
  manifestSize: number;
  refs: string[];
  parent?: Digest;
  lastTagTime?: string;
}

/** Groups index.json descriptors by manifest, in first-seen order. */
export function groupDescriptors(descriptors: readonly Descriptor[]): IndexEntry[] {
  const byManifest = new Map<string, IndexEntry>();
  for (const d of descriptors) {
    let entry = byManifest.get(d.digest);
    if (!entry) {
      entry = { manifestDigest: d.digest, manifestSize: d.size, refs: [] };
      byManifest.set(d.digest, entry);
    }
    const a = d.annotations ?? {};
    const name = a[Annotation.imageName];
    if (name && !entry.refs.includes(name)) entry.refs.push(name);
    if (a[Annotation.parent]) entry.parent = a[Annotation.parent] as Digest;
    if (a[Annotation.lastTagTime]) entry.lastTagTime = a[Annotation.lastTagTime];
  }
  return [...byManifest.values()];
}

/** The image referenced by `ref` (normalised), if any. */
export function imageByRef(table: ImageTable, ref: string): ImageRecord | undefined {
  for (const img of table.values()) if (img.refs.includes(ref)) return img;
  return undefined;
}

/** Images whose parent is `id`. */
export function childrenOf(table: ImageTable, id: Digest): ImageRecord[] {
  return [...table.values()].filter((img) => img.parent === id);
}

/** A copy of the table whose records can be changed without touching the original. */
export function cloneTable(table: ImageTable): ImageTable {
  const out: ImageTable = new Map();
  for (const [id, img] of table) out.set(id, { ...img, refs: [...img.refs] });
  return out;
}
