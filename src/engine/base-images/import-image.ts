// "Pulling" from the built-in catalogue: imports a catalogue image into the ImageStore (layers,
// config, tag) the first time it is asked for, and produces moby's pull progress messages.
import type { JSONMessage } from '../../api/index.js';
import { ImageStore, familiarName, parseReference, withDefaultTag, type Digest } from '../../image/index.js';
import type { CatalogueImage } from './catalogue.js';

/** Imports `img` (idempotent: the same definition gives the same IDs) and tags it name:tag. */
export async function importCatalogueImage(store: ImageStore, img: CatalogueImage): Promise<{ id: Digest; layerIds: string[] }> {
  const layers = [];
  for (const entries of img.layers) layers.push(await store.putLayer(entries));
  const id = await store.putImage(img.config, layers, { tags: [`${img.name}:${img.tag}`] });
  return { id, layerIds: layers.map((l) => l.digest.slice(7, 19)) };
}

/** The catalogue entry a reference names ("busybox", "docker.io/library/busybox:latest"), if any. */
export function catalogueEntry(catalogue: Map<string, CatalogueImage>, ref: string): CatalogueImage | undefined {
  let parsed;
  try {
    parsed = withDefaultTag(parseReference(ref));
  } catch {
    return undefined;
  }
  if (parsed.domain !== 'docker.io' || parsed.digest) return undefined;
  const img = catalogue.get(familiarName(parsed));
  return img && img.tag === parsed.tag ? img : undefined;
}

/** moby's pull messages for an image that was (or already was) imported. */
export function pullMessages(img: CatalogueImage, layerIds: string[], id: Digest, fresh: boolean): JSONMessage[] {
  const path = `library/${img.name}`;
  const msgs: JSONMessage[] = [{ status: `Pulling from ${path}`, id: img.tag }];
  if (fresh) {
    for (const l of layerIds) msgs.push({ status: 'Pulling fs layer', progressDetail: {}, id: l });
    for (const l of layerIds) msgs.push({ status: 'Pull complete', progressDetail: {}, id: l });
  }
  msgs.push({ status: `Digest: ${id}` });
  msgs.push({ status: fresh ? `Status: Downloaded newer image for ${img.name}:${img.tag}` : `Status: Image is up to date for ${img.name}:${img.tag}` });
  return msgs;
}
