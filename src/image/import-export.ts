// `docker import` (a flat rootfs tarball becomes a one-layer image, with optional --change
// instructions) and exporting an image's flattened filesystem as one tar.
import { flattenLayers } from './apply-layer.js';
import type { Digest } from './digest.js';
import type { ImageStore } from './image-store.js';
import { applyChanges } from './import-changes.js';
import { createLayerTar } from './layer-tar.js';

/** Options of importRootfs. */
export interface ImportOptions {
  /** Reference to tag the image with. */
  ref?: string;
  /** `--change` instructions (`CMD ["sh"]`, `ENV A=1`, …). */
  changes?: readonly string[];
  /** History comment; Docker writes `Imported from -` for stdin. */
  message?: string;
  /** Creation time (default now). */
  created?: Date;
}

/**
 * Imports a rootfs tar (gzipped or not) as a single-layer image, keeping the tar as the layer
 * (so the diffID is the tar's sha256, as with Docker). Unsafe tars are refused before storing.
 */
export async function importRootfs(store: ImageStore, tar: Uint8Array, opts: ImportOptions = {}): Promise<Digest> {
  const created = (opts.created ?? new Date()).toISOString();
  const comment = opts.message ?? 'Imported from -';
  const config = applyChanges({}, opts.changes ?? []);
  const layer = await store.putLayer(tar);
  return store.putImage({
    architecture: 'amd64',
    os: 'linux',
    created,
    comment,
    config,
    history: [{ created, comment }],
  }, [layer], { tags: opts.ref ? [opts.ref] : [] });
}

/** The image's layers applied in order (whiteouts resolved) as one deterministic tar. */
export async function exportImage(store: ImageStore, ref: string): Promise<Buffer> {
  const info = await store.inspect(ref);
  const layers = [];
  for (const d of info.layers) layers.push(await store.layerEntries(d));
  return createLayerTar(flattenLayers(layers));
}
