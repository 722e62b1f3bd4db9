// The read-only lower layers of overlay mounts, merged once and shared: a LowerStack is the
// merged view of one lowerdir list, cached by the identity of its layer roots, so every mount
// over the same image shares one index. Each merged directory builds its name map on first use
// (one pass over the contributing layers); after that a lookup is one Map.get, whatever the depth.
import type { SyscallContext } from '../../syscall-table.js';
import type { Inode } from '../../vfs/inode.js';
import { OPAQUE_MARKER, isOpaqueDir, isWhiteout } from './whiteout.js';

/** One visible name of a merged lower directory. */
export interface LowerEntry {
  /** The topmost real inode at this name (what the merged view shows). */
  readonly inode: Inode;
  /** For directories: the merged directory (this one and same-named directories below it). */
  readonly dir?: LowerDir;
}

/**
 * A merged directory of the lower stack. Invariant: `layers` are real directories, topmost
 * first; the chain stops after an opaque directory, and never passes a non-directory or a whiteout.
 * Precondition: lower directories are not written while they are used as layers (as in Linux:
 * changing them underneath a mount is undefined; skiff's engine never writes an extracted layer).
 */
export class LowerDir {
  private map: Map<string, LowerEntry> | undefined;

  constructor(readonly layers: readonly Inode[]) {}

  /** The visible entry `name`, or undefined (absent or whited out). */
  get(name: string, ctx: SyscallContext): LowerEntry | undefined {
    return (this.map ?? this.build(ctx)).get(name);
  }

  /** All visible entries. */
  entries(ctx: SyscallContext): ReadonlyMap<string, LowerEntry> {
    return this.map ?? this.build(ctx);
  }

  /** Has the name map been built (for tests and the bench)? */
  get indexed(): boolean {
    return this.map !== undefined;
  }

  private build(ctx: SyscallContext): Map<string, LowerEntry> {
    const map = new Map<string, LowerEntry>();
    const layers = this.layers;
    if (layers.length === 1) {
      const only = layers[0];
      for (const e of only.readdir(ctx)) {
        if (e.name === OPAQUE_MARKER) continue;
        const inode = only.lookup(e.name, ctx);
        if (inode === undefined || isWhiteout(inode)) continue;
        map.set(e.name, inode.isDir ? { inode, dir: singleLayerDir(inode) } : { inode });
      }
      this.map = map;
      return map;
    }
    const hidden = new Set<string>();
    /** Directory chains still collecting lower directories of the same name (false: stopped). */
    const chains = new Map<string, { dirs: Inode[]; open: boolean }>();
    for (const layer of layers) {
      for (const e of layer.readdir(ctx)) {
        const name = e.name;
        if (name === OPAQUE_MARKER || hidden.has(name)) continue;
        if (map.has(name)) {
          const chain = chains.get(name);
          if (chain === undefined || !chain.open) continue;
          const inode = layer.lookup(name, ctx);
          if (inode !== undefined && inode.isDir) {
            chain.dirs.push(inode);
            if (isOpaqueDir(inode, ctx)) chain.open = false;
          } else {
            chain.open = false;
          }
          continue;
        }
        const inode = layer.lookup(name, ctx);
        if (inode === undefined) continue;
        if (isWhiteout(inode)) {
          hidden.add(name);
          continue;
        }
        map.set(name, { inode });
        if (inode.isDir) chains.set(name, { dirs: [inode], open: !isOpaqueDir(inode, ctx) });
      }
    }
    for (const [name, chain] of chains) map.set(name, { inode: chain.dirs[0], dir: chain.dirs.length === 1 ? singleLayerDir(chain.dirs[0]) : new LowerDir(chain.dirs) });
    this.map = map;
    return map;
  }
}

const singles = new WeakMap<Inode, LowerDir>();

/**
 * The merged directory of one real directory alone, shared by every stack it appears in: each
 * container's stack differs at the top (its own init layer) but its /bin, /usr… come from the
 * image's layers only, and their name maps are built once, not per container.
 */
function singleLayerDir(inode: Inode): LowerDir {
  let d = singles.get(inode);
  if (d === undefined) singles.set(inode, (d = new LowerDir([inode])));
  return d;
}

/** The merged lower layers of one lowerdir list. */
export class LowerStack {
  /** The merged root directory. */
  readonly root: LowerDir;

  /** `roots`: the real root directories of the layers, topmost first. */
  constructor(readonly roots: readonly Inode[], ctx: SyscallContext) {
    const chain: Inode[] = [];
    for (const r of roots) {
      chain.push(r);
      if (isOpaqueDir(r, ctx)) break;
    }
    this.root = new LowerDir(chain);
  }
}

const layerIds = new WeakMap<Inode, number>();
let nextLayerId = 1;
/** Stacks by their topmost layer root, then by the identity of all the roots. */
const stacks = new WeakMap<Inode, Map<string, LowerStack>>();

function layerId(inode: Inode): number {
  let id = layerIds.get(inode);
  if (id === undefined) layerIds.set(inode, (id = nextLayerId++));
  return id;
}

/**
 * The shared LowerStack for `roots` (topmost first): made on first use, then reused by every
 * mount with the same lowerdir list (same directories, same order). It lives as long as its
 * top layer directory does.
 */
export function lowerStackFor(roots: readonly Inode[], ctx: SyscallContext): LowerStack {
  const key = roots.map(layerId).join(':');
  let byKey = stacks.get(roots[0]);
  if (byKey === undefined) stacks.set(roots[0], (byKey = new Map()));
  let stack = byKey.get(key);
  if (stack === undefined) byKey.set(key, (stack = new LowerStack(roots, ctx)));
  return stack;
}
