// Whiteouts in their two spellings: overlayfs (a 0/0 character device named like the deleted
// entry; an opaque directory flagged) and OCI layer tars (`.wh.<name>` files and
// `<dir>/.wh..wh..opq`). Conversions both ways; applying them to a tree is apply-layer.ts.
import type { TreeEntry } from '../abi/tree-entry.js';
import { baseName, joinPath, parentPath } from './entry-path.js';

/** Prefix of an OCI whiteout file name. */
export const WHITEOUT_PREFIX = '.wh.';
/** Name of the OCI opaque-directory marker. */
export const OPAQUE_MARKER = '.wh..wh..opq';

/** A TreeEntry as an overlay upper layer holds it: directories may be opaque. */
export type OverlayEntry = TreeEntry & {
  /** For a directory: hides everything the lower layers had below it (`trusted.overlay.opaque=y`). */
  opaque?: boolean;
};

/** Whether `e` is an overlay whiteout (a character device 0/0). */
export function isOverlayWhiteout(e: TreeEntry): boolean {
  return e.type === 'chardev' && (e.devmajor ?? 0) === 0 && (e.devminor ?? 0) === 0;
}

/** For an OCI entry, what it means: a plain entry, a whiteout of `target`, an opaque marker for `dir`, or aufs metadata to skip. */
export function classifyOciEntry(e: TreeEntry):
  | { kind: 'entry' }
  | { kind: 'whiteout'; target: string }
  | { kind: 'opaque'; dir: string }
  | { kind: 'meta' } {
  const name = baseName(e.path);
  if (name === OPAQUE_MARKER) return { kind: 'opaque', dir: parentPath(e.path) };
  // Other `.wh..wh.` names are aufs bookkeeping (e.g. `.wh..wh.plnk`): skipped, as moby does.
  if (name.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) return { kind: 'meta' };
  if (name.startsWith(WHITEOUT_PREFIX)) {
    const hidden = name.slice(WHITEOUT_PREFIX.length);
    if (hidden === '' || hidden === '.' || hidden === '..') {
      throw new Error(`invalid whiteout entry "${e.path}"`);
    }
    return { kind: 'whiteout', target: joinPath(parentPath(e.path), hidden) };
  }
  return { kind: 'entry' };
}

/**
 * Overlay form → OCI tar form: each 0/0 chardev at `d/x` becomes an empty file `d/.wh.x`
 * (mode 0600, like moby's overlay converter), and an opaque directory is followed by its
 * `d/.wh..wh..opq` marker (with the directory's owner, mode and mtime).
 */
export function overlayToOci(entries: readonly OverlayEntry[]): TreeEntry[] {
  const out: TreeEntry[] = [];
  for (const { opaque, ...e } of entries) {
    if (isOverlayWhiteout(e)) {
      out.push({
        path: joinPath(parentPath(e.path), WHITEOUT_PREFIX + baseName(e.path)),
        type: 'file', mode: 0o600, uid: e.uid, gid: e.gid, mtimeMs: e.mtimeMs, data: new Uint8Array(),
      });
      continue;
    }
    out.push(e);
    if (opaque && e.type === 'dir') {
      out.push({
        path: joinPath(e.path, OPAQUE_MARKER),
        type: 'file', mode: e.mode & 0o777, uid: e.uid, gid: e.gid, mtimeMs: e.mtimeMs, data: new Uint8Array(),
      });
    }
  }
  return out;
}

/**
 * OCI tar form → overlay form: `.wh.x` becomes a 0/0 chardev at `x`; an opaque marker flags its
 * directory `opaque` (a directory entry is added, mode 0755 root-owned, if the layer lacks one).
 */
export function ociToOverlay(entries: readonly TreeEntry[]): OverlayEntry[] {
  const out: OverlayEntry[] = [];
  const opaqueDirs = new Set<string>();
  for (const e of entries) {
    const c = classifyOciEntry(e);
    if (c.kind === 'whiteout') {
      out.push({ path: c.target, type: 'chardev', mode: 0, uid: e.uid, gid: e.gid, mtimeMs: e.mtimeMs, devmajor: 0, devminor: 0 });
    } else if (c.kind === 'opaque') {
      opaqueDirs.add(c.dir);
    } else if (c.kind === 'entry') {
      out.push({ ...e });
    }
  }
  for (const dir of opaqueDirs) {
    if (dir === '') throw new Error('invalid opaque marker at the layer root');
    const existing = out.find((e) => e.path === dir && e.type === 'dir');
    if (existing) existing.opaque = true;
    else out.push({ path: dir, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0, opaque: true });
  }
  return out;
}
