// `docker history` in Docker's wire shape, from an image config: newest entry first, the size of
// each non-empty layer, the image ID (and tags) on the top entry and on entries that local parent
// images account for, `<missing>` elsewhere — as moby's image_history.go does.
import type { Digest, DiffID } from './digest.js';
import { isDigestRef, type ImageRecord, type ImageTable } from './image-record.js';
import { familiarString, parseReference } from './reference.js';

/** One row of `GET /images/{name}/history`. */
export interface HistoryResponseItem {
  Id: string;
  /** Unix seconds. */
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/** Unix seconds of an RFC 3339 time (0 when absent or unparsable). */
export function unixSeconds(time: string | undefined): number {
  const ms = time ? Date.parse(time) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
}

/** Familiar tag references of an image (`busybox:latest`), digest references excluded. */
export function repoTags(img: ImageRecord): string[] {
  return img.refs.filter((r) => !isDigestRef(r)).map((r) => familiarString(parseReference(r)));
}

/**
 * Builds the history of `img`. `layerSize` gives the content size of a layer by diffID.
 * Throws if the config lists more non-empty history entries than layers.
 */
export async function buildHistory(
  table: ImageTable,
  img: ImageRecord,
  layerSize: (diffID: DiffID) => Promise<number>,
): Promise<HistoryResponseItem[]> {
  const diffIds = img.config.rootfs.diff_ids;
  const rows: HistoryResponseItem[] = [];
  let layer = 0;
  for (const h of img.config.history ?? []) {
    let size = 0;
    if (!h.empty_layer) {
      if (layer >= diffIds.length) throw new Error(`image ${img.id}: too many non-empty layers in History section`);
      size = await layerSize(diffIds[layer++]);
    }
    rows.unshift({ Id: '<missing>', Created: unixSeconds(h.created), CreatedBy: h.created_by ?? '', Tags: null, Size: size, Comment: h.comment ?? '' });
  }
  let cur: ImageRecord | undefined = img;
  for (const row of rows) {
    if (!cur) break;
    row.Id = cur.id;
    const tags = repoTags(cur);
    row.Tags = tags.length > 0 ? tags : null;
    cur = cur.parent ? table.get(cur.parent as Digest) : undefined;
  }
  return rows;
}
