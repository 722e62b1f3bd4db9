// The container's filesystem seen from the host: its writable overlay layer (the upper dir,
// read through syscalls) over the image's layers gives docker diff (A/C/D), export (the merged
// tree) and commit's layer (the changes, with OCI whiteouts for deletions).
import { S, major, minor, type TreeEntry } from '../../abi/index.js';
import { OPAQUE_MARKER, createLayerTar, flattenLayers } from '../../image/index.js';
import { ApiError, type ChangeItem } from '../../api/index.js';
import type { Libc } from '../../userland/libc/index.js';
import type { EngineContext } from '../engine-context.js';
import { translating } from '../util/errors.js';
import { parseRfc3339 } from '../util/time-format.js';
import type { ContainerRecord } from './container-record.js';
import { prepareContainerRootfs } from './create.js';
import { initLayerEntries } from './init-layer.js';

/** Files the runtime writes at every start; Docker bind-mounts them, so they never show in diffs. */
export const RUNTIME_FILES = new Set(['etc/hostname', 'etc/hosts', 'etc/resolv.conf']);

const ms = (t: { sec: number; nsec: number }) => t.sec * 1000 + Math.floor(t.nsec / 1e6);

/**
 * Reads the tree below `root` (paths relative, parents first). With `hardlinks`, a file whose
 * inode was met before under another path becomes a `hardlink` entry to that path.
 */
export async function readTree(libc: Libc, root: string, options: { hardlinks?: boolean } = {}): Promise<TreeEntry[]> {
  const out: TreeEntry[] = [];
  const firstPathOf = new Map<number, string>();
  const walk = async (rel: string): Promise<void> => {
    const dir = rel ? `${root}/${rel}` : root;
    const names = (await libc.readdir(dir)).map((d) => d.name).filter((n) => n !== '.' && n !== '..').sort();
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      const full = `${root}/${path}`;
      const st = await libc.lstat(full);
      const base = { path, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtimeMs: ms(st.mtime) };
      if (options.hardlinks && st.nlink > 1 && (st.mode & S.IFMT) !== S.IFDIR) {
        const first = firstPathOf.get(st.ino);
        if (first !== undefined) { out.push({ ...base, type: 'hardlink', linkname: first }); continue; }
        firstPathOf.set(st.ino, path);
      }
      switch (st.mode & S.IFMT) {
        case S.IFDIR: out.push({ ...base, type: 'dir' }); await walk(path); break;
        case S.IFREG: out.push({ ...base, type: 'file', data: await libc.readFile(full) }); break;
        case S.IFLNK: out.push({ ...base, type: 'symlink', linkname: await libc.readlink(full) }); break;
        case S.IFCHR: case S.IFBLK:
          out.push({ ...base, type: (st.mode & S.IFMT) === S.IFCHR ? 'chardev' : 'blockdev', devmajor: major(st.rdev), devminor: minor(st.rdev) });
          break;
        case S.IFIFO: out.push({ ...base, type: 'fifo' }); break;
        default: break;
      }
    }
  };
  await walk('');
  return out;
}

function sameData(a?: Uint8Array, b?: Uint8Array): boolean {
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  if (!a || !b) return true;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether an entry changed (directories only by their own attributes). */
function changed(a: TreeEntry, b: TreeEntry): boolean {
  if (a.type !== b.type || a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid) return true;
  if (a.type === 'dir') return false;
  if (a.type === 'symlink') return a.linkname !== b.linkname;
  if (a.type === 'file') return !sameData(a.data, b.data) || a.mtimeMs !== b.mtimeMs;
  return a.devmajor !== b.devmajor || a.devminor !== b.devminor;
}

/** Is `e` (from a real directory) an overlay whiteout: a 0/0 character device? */
const isWhiteout = (e: TreeEntry) => e.type === 'chardev' && (e.devmajor ?? 0) === 0 && (e.devminor ?? 0) === 0;

/** Removes `path` and everything below it from `tree`. */
function dropSubtree(tree: Map<string, TreeEntry>, path: string): void {
  tree.delete(path);
  const prefix = `${path}/`;
  for (const p of [...tree.keys()]) if (p.startsWith(prefix)) tree.delete(p);
}

/**
 * The container's filesystem as the overlay shows it, computed from its layers rather than read
 * through the mount: `lower` (image layers under the init layer) changed by the writable layer
 * `upper` (parents first; 0/0 devices delete, an `.wh..wh..opq` entry hides the lower directory).
 */
export function mergeUpper(lower: ReadonlyMap<string, TreeEntry>, upper: readonly TreeEntry[]): Map<string, TreeEntry> {
  const merged = new Map(lower);
  for (const e of upper) {
    const slash = e.path.lastIndexOf('/');
    const name = e.path.slice(slash + 1);
    if (name === OPAQUE_MARKER) {
      const dir = slash < 0 ? '' : e.path.slice(0, slash);
      const upperHas = new Set(upper.filter((u) => u.path.startsWith(`${dir}/`)).map((u) => u.path));
      for (const p of [...merged.keys()]) if (p.startsWith(`${dir}/`) && !upperHas.has(p)) merged.delete(p);
      continue;
    }
    if (isWhiteout(e)) { dropSubtree(merged, e.path); continue; }
    const old = merged.get(e.path);
    if (old && (old.type !== 'dir' || e.type !== 'dir')) dropSubtree(merged, e.path);
    merged.set(e.path, e);
  }
  return merged;
}

/** The image's tree under the container's init layer (what the writable layer is compared with). */
async function lowerTree(ctx: EngineContext, rec: ContainerRecord): Promise<Map<string, TreeEntry>> {
  const details = await translating(() => ctx.images.inspect(rec.imageId));
  const layers = [];
  for (const d of details.layers) layers.push(await translating(() => ctx.images.layerEntries(d)));
  const created = parseRfc3339(rec.created);
  layers.push(initLayerEntries(created === undefined ? 0 : Number(created / 1_000_000n)));
  return new Map(flattenLayers(layers).map((e) => [e.path, e]));
}

/** The container's tree (merged) and the tree below its writable layer. */
async function trees(ctx: EngineContext, rec: ContainerRecord): Promise<{ now: Map<string, TreeEntry>; image: Map<string, TreeEntry> }> {
  // A running container's layers are in place (its root is mounted in its own namespace): no
  // second overlay mount of its writable layer for the engine.
  if (!ctx.liveOf(rec).run) await prepareContainerRootfs(ctx, rec);
  const image = await lowerTree(ctx, rec);
  // Runtime files are written at every start (Docker bind-mounts them): never a change.
  const upper = (await readTree(ctx.libc, ctx.upperPath(rec.id))).filter((e) => !RUNTIME_FILES.has(e.path));
  return { now: mergeUpper(image, upper), image };
}

/** The changes, Kind 0 = C, 1 = A, 2 = D, with changed parents as C (like overlay's copy-up). */
export function computeChanges(now: Map<string, TreeEntry>, image: Map<string, TreeEntry>): Map<string, 0 | 1 | 2> {
  const kinds = new Map<string, 0 | 1 | 2>();
  const markParents = (path: string) => {
    for (let p = path; p.includes('/');) {
      p = p.slice(0, p.lastIndexOf('/'));
      if (!kinds.has(p) && now.has(p)) kinds.set(p, 0);
    }
  };
  for (const [path, e] of now) {
    const old = image.get(path);
    if (!old) { kinds.set(path, 1); markParents(path); } else if (changed(old, e)) { kinds.set(path, 0); markParents(path); }
  }
  for (const path of image.keys()) {
    if (now.has(path)) continue;
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (parent && !now.has(parent)) continue; // only the topmost deleted path is reported
    kinds.set(path, 2);
    markParents(path);
  }
  return kinds;
}

/** GET /containers/{id}/changes. */
export async function containerChanges(ctx: EngineContext, rec: ContainerRecord): Promise<ChangeItem[]> {
  const { now, image } = await trees(ctx, rec);
  return [...computeChanges(now, image)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, k]) => ({ Path: `/${p}`, Kind: k }));
}

/** The layer (OCI form) holding the container's changes: added/changed entries and whiteouts. */
export async function diffLayer(ctx: EngineContext, rec: ContainerRecord): Promise<TreeEntry[]> {
  const { now, image } = await trees(ctx, rec);
  const out: TreeEntry[] = [];
  for (const [path, kind] of computeChanges(now, image)) {
    if (kind === 2) {
      const slash = path.lastIndexOf('/');
      const whiteout = slash < 0 ? `.wh.${path}` : `${path.slice(0, slash)}/.wh.${path.slice(slash + 1)}`;
      out.push({ path: whiteout, type: 'file', mode: 0o600, uid: 0, gid: 0, mtimeMs: image.get(path)!.mtimeMs, data: new Uint8Array() });
    } else out.push(now.get(path)!);
  }
  return out;
}

/** GET /containers/{id}/export: a tar of the whole filesystem. */
export async function exportContainer(ctx: EngineContext, rec: ContainerRecord): Promise<Uint8Array> {
  if (rec.state.status === 'removing') throw ApiError.conflict(`container ${rec.id} is being removed`);
  const { now } = await trees(ctx, rec);
  return createLayerTar([...now.values()]);
}
