// Applying OCI layers to an in-memory tree (path → TreeEntry), as overlay stacking or an unpack
// would: whiteouts remove lower content, opaque markers clear a directory, parents are resolved
// through symlinks inside the tree (never outside it), hard links keep their data when their
// target is removed. `flattenLayers` squashes a stack of layers for export.
import type { TreeEntry } from '../abi/tree-entry.js';
import { baseName, isSameOrBelow, joinPath, normalizeEntryPath, normalizeHardlinkTarget, parentPath, UnsafeEntryError } from './entry-path.js';
import { comparePaths } from './layer-tar.js';
import { classifyOciEntry } from './whiteout.js';

/** A filesystem tree: normalised path → entry. The root directory itself is implicit. */
export type LayerTree = Map<string, TreeEntry>;

const maxSymlinkHops = 40;

/**
 * Resolves the parent directories of `path` inside `tree`, following symlinks with the tree as
 * root (absolute targets start at the root, `..` stops at the root), like moby's
 * FollowSymlinkInScope. The last component is not followed. Missing parents are allowed.
 */
export function resolveInTree(tree: LayerTree, path: string, entryName = path): string {
  let hops = 0;
  const walk = (components: string[], base: string): string => {
    let cur = base;
    for (const comp of components) {
      if (comp === '' || comp === '.') continue;
      if (comp === '..') { cur = parentPath(cur); continue; }
      const next = joinPath(cur, comp);
      const e = tree.get(next);
      if (e?.type === 'symlink') {
        if (++hops > maxSymlinkHops) throw new UnsafeEntryError(entryName, 'too many levels of symbolic links');
        const target = e.linkname ?? '';
        cur = walk(target.split('/'), target.startsWith('/') ? '' : cur);
      } else if (e && e.type !== 'dir') {
        throw new UnsafeEntryError(entryName, `"${next}" is not a directory`);
      } else {
        cur = next;
      }
    }
    return cur;
  };
  const parent = walk(parentPath(path).split('/'), '');
  return joinPath(parent, baseName(path));
}

/** Hard-link bookkeeping for one applyLayer call: target path → paths linking to it. */
class LinkIndex {
  private readonly linkers = new Map<string, Set<string>>();
  constructor(tree: LayerTree) {
    for (const e of tree.values()) if (e.type === 'hardlink') this.add(e.linkname!, e.path);
  }
  add(target: string, linker: string): void {
    const s = this.linkers.get(target) ?? new Set<string>();
    s.add(linker);
    this.linkers.set(target, s);
  }
  drop(target: string, linker: string): void {
    this.linkers.get(target)?.delete(linker);
  }
  take(target: string): string[] {
    const s = this.linkers.get(target);
    this.linkers.delete(target);
    return s ? [...s].sort(comparePaths) : [];
  }
}

/** Removes `path` and everything below it; hard links to removed files inherit the data. */
function removeSubtree(tree: LayerTree, links: LinkIndex, path: string, keepSelf = false): void {
  const removed = new Map<string, TreeEntry>();
  for (const [k, e] of tree) if (isSameOrBelow(k, path) && !(keepSelf && k === path)) removed.set(k, e);
  for (const [k, e] of removed) {
    tree.delete(k);
    if (e.type === 'hardlink') links.drop(e.linkname!, k);
  }
  for (const [k, e] of removed) {
    const survivors = links.take(k).filter((l) => tree.has(l));
    if (survivors.length === 0) continue;
    const [heir, ...rest] = survivors;
    tree.set(heir, { ...e, path: heir });
    for (const r of rest) {
      tree.set(r, { ...tree.get(r)!, linkname: heir });
      links.add(heir, r);
    }
  }
}

/**
 * Applies one layer (OCI tar form, as readLayerTar returns) to `tree` in place. Whiteouts and
 * opaque markers act on the content below this layer only; then entries are added in order
 * (a directory over a directory keeps its children; anything else replaces what was there).
 * Precondition: none. On error (unsafe entry, missing hard-link target, a file used as a
 * directory) `tree` is left unchanged and the error names the entry.
 */
export function applyLayer(tree: LayerTree, entries: readonly TreeEntry[]): void {
  const work: LayerTree = new Map(tree);
  const links = new LinkIndex(work);
  const additions: TreeEntry[] = [];
  for (const raw of entries) {
    const path = normalizeEntryPath(raw.path);
    if (path === '') continue;
    const e = { ...raw, path };
    const c = classifyOciEntry(e);
    if (c.kind === 'meta') continue;
    if (c.kind === 'opaque') {
      const dir = c.dir === '' ? '' : resolveInTree(work, c.dir, raw.path);
      if (dir === '') removeAll(work, links);
      else if (work.get(dir)?.type === 'dir') removeSubtree(work, links, dir, true);
    } else if (c.kind === 'whiteout') {
      const target = resolveInTree(work, c.target, raw.path);
      if (work.has(target)) removeSubtree(work, links, target);
    } else {
      additions.push(e);
    }
  }
  for (const e of additions) addEntry(work, links, e);
  tree.clear();
  for (const [k, v] of work) tree.set(k, v);
}

function removeAll(tree: LayerTree, links: LinkIndex): void {
  for (const k of [...tree.keys()]) if (!k.includes('/')) removeSubtree(tree, links, k);
}

function ensureParents(tree: LayerTree, path: string, like: TreeEntry): void {
  let cur = '';
  for (const comp of parentPath(path).split('/')) {
    if (comp === '') continue;
    cur = joinPath(cur, comp);
    if (!tree.has(cur)) tree.set(cur, { path: cur, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: like.mtimeMs });
  }
}

function addEntry(tree: LayerTree, links: LinkIndex, raw: TreeEntry): void {
  const path = resolveInTree(tree, raw.path, raw.path);
  const e: TreeEntry = { ...raw, path };
  if (e.type === 'hardlink') {
    const wanted = normalizeHardlinkTarget(raw.path, raw.linkname ?? '');
    const targetPath = resolveInTree(tree, wanted, raw.path);
    let target = tree.get(targetPath);
    if (target?.type === 'hardlink') target = tree.get(target.linkname!);
    if (!target) throw new UnsafeEntryError(raw.path, `hard link target "${wanted}" does not exist`);
    if (target.type === 'dir') throw new UnsafeEntryError(raw.path, 'hard link to a directory');
    if (target.path === path) return; // a link to itself changes nothing
    e.linkname = target.path;
    delete e.data;
  }
  const existing = tree.get(path);
  if (existing) {
    if (existing.type === 'dir' && e.type === 'dir') {
      tree.set(path, e);
      return;
    }
    removeSubtree(tree, links, path);
  }
  ensureParents(tree, path, e);
  tree.set(path, e);
  if (e.type === 'hardlink') links.add(e.linkname!, path);
}

/** The entries of `tree`, sorted by path (parents first). */
export function treeEntries(tree: LayerTree): TreeEntry[] {
  return [...tree.values()].sort((a, b) => comparePaths(a.path, b.path));
}

/** Applies `layers` bottom to top to an empty tree and returns the result (no whiteouts left). */
export function flattenLayers(layers: readonly (readonly TreeEntry[])[]): TreeEntry[] {
  const tree: LayerTree = new Map();
  for (const layer of layers) applyLayer(tree, layer);
  return treeEntries(tree);
}
