// The image module's public API: OCI image store, layer tars, whiteouts, references, save/load.
// Data and algorithms only — no kernel, engine or HTTP (ARCHITECTURE.md, "Images and builds").
export { computeDigest, computeDiffID, digestHex, isDigestString, parseDiffID, parseDigest, shortId, verifyDigest } from './digest.js';
export type { Digest, DiffID } from './digest.js';
export { UnsafeEntryError, normalizeEntryPath } from './entry-path.js';
export { canonicalEntries, comparePaths, createLayerTar, gzipLayer, isGzip, packLayerTar, readLayerTar, uncompressLayer } from './layer-tar.js';
export { OPAQUE_MARKER, WHITEOUT_PREFIX, classifyOciEntry, isOverlayWhiteout, ociToOverlay, overlayToOci } from './whiteout.js';
export type { OverlayEntry } from './whiteout.js';
export { applyLayer, flattenLayers, resolveInTree, treeEntries } from './apply-layer.js';
export type { LayerTree } from './apply-layer.js';
export { contentSize } from './layer-size.js';
export { writeFileAtomic } from './atomic-file.js';
export {
  InvalidReferenceError, familiarName, familiarString, isFullHexId, normalizeReference, normalizedString, parseReference, withDefaultTag,
} from './reference.js';
export type { ImageReference } from './reference.js';
export { Annotation, MediaType } from './oci-types.js';
export type { ContainerConfig, Descriptor, HealthConfig, HistoryEntry, ImageConfig, ImageIndex, Manifest } from './oci-types.js';
export { ImageError, noSuchImage } from './errors.js';
export type { ImageErrorKind } from './errors.js';
export { LayoutStore } from './layout-store.js';
export { ImageStore } from './image-store.js';
export type { ImageStoreOptions } from './image-store.js';
export type { ImageBlobs, ImageConfigInput, ImageDetails, ImageSummary, PruneReport } from './image-views.js';
export type { LayerInfo } from './layer-registry.js';
export type { ContainerRef, ContainersUsing, DeleteResponseItem } from './image-remove.js';
export type { HistoryResponseItem } from './image-history.js';
export { saveImages } from './save.js';
export type { DockerArchiveManifest } from './save.js';
export { loadImages } from './load.js';
export type { LoadResult } from './load.js';
export { exportImage, importRootfs } from './import-export.js';
export type { ImportOptions } from './import-export.js';
export { ChangeError, applyChanges } from './import-changes.js';
