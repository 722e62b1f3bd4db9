// The container's filesystem seen from the host: read the root (through syscalls) into
// TreeEntry records, compare it with the image (docker diff: A/C/D), export it as a tar, and
// turn the difference into a layer for commit (OCI whiteouts for deletions).
import { S, major, minor, type TreeEntry } from '../../abi/index.js';
import { createLayerTar, flattenLayers } from '../../image/index.js';
import { ApiError, type ChangeItem } from '../../api/index.js';
import type { EngineContext } from '../engine-context.js';
import { translating } from '../util/errors.js';
import type { ContainerRecord } from './container-record.js';
import { prepareContainerRootfs } from './create.js';

/** Files the runtime writes at every start; Docker bind-mounts them, so they never show in diffs. */
export const RUNTIME_FILES = new Set(['etc/hostname', 'etc/hosts', 'etc/resolv.conf']);

const ms = (t: { sec: number; nsec: number }) => t.sec * 1000 + Math.floor(t.nsec / 1e6);

/** Reads the tree below `root` (paths relative, parents first). */
export async function readTree(ctx: EngineContext, root: string): Promise<TreeEntry[]> {
  const { libc } = ctx;
  const out: TreeEntry[] = [];
  const walk = async (rel: string): Promise<void> => {
    const dir = rel ? `${root}/${rel}` : root;
    const names = (await libc.readdir(dir)).map((d) => d.name).filter((n) => n !== '.' && n !== '..').sort();
    for (const name of names) {
      const path = rel ? `${rel}/${name}` : name;
      const full = `${root}/${path}`;
      const st = await libc.lstat(full);
      const base = { path, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtimeMs: ms(st.mtime) };
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

/** The container's tree and the image's tree. */
async function trees(ctx: EngineContext, rec: ContainerRecord): Promise<{ now: Map<string, TreeEntry>; image: Map<string, TreeEntry> }> {
  await prepareContainerRootfs(ctx, rec);
  const details = await translating(() => ctx.images.inspect(rec.imageId));
  const layers = [];
  for (const d of details.layers) layers.push(await translating(() => ctx.images.layerEntries(d)));
  const image = new Map(flattenLayers(layers).map((e) => [e.path, e]));
  const now = new Map((await readTree(ctx, ctx.rootfsPath(rec.id))).filter((e) => !RUNTIME_FILES.has(e.path)).map((e) => [e.path, e]));
  for (const p of RUNTIME_FILES) if (!now.has(p) && image.has(p)) now.set(p, image.get(p)!);
  return { now, image };
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
