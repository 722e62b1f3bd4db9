// The size Docker reports for a layer's content (DiffSize): bytes of regular files plus the length
// of symlink targets; directories, devices and extra hard-link names count nothing.
import type { TreeEntry } from '../abi/tree-entry.js';

/** Content size of a layer's entries, as `docker images` / `docker history` count it. */
export function contentSize(entries: readonly TreeEntry[]): number {
  let size = 0;
  for (const e of entries) {
    if (e.type === 'file') size += e.data?.byteLength ?? 0;
    else if (e.type === 'symlink') size += Buffer.byteLength(e.linkname ?? '');
  }
  return size;
}
