// The build context: the uploaded tar read into entries, and COPY/ADD source selection with
// Docker's rules (a directory copies its contents, `*`/`?` wildcards, `.` is the whole context),
// producing the layer entries for a destination.
import { createHash } from 'node:crypto';
import type { TreeEntry } from '../../abi/index.js';
import { readLayerTar } from '../../image/index.js';

/** The context's files by path (no leading "./"). */
export type BuildContext = Map<string, TreeEntry>;

/** Reads the context tar (a tar without end blocks is accepted by padding it). */
export async function readContext(tar: Uint8Array): Promise<BuildContext> {
  const padded = new Uint8Array(tar.length + 1024);
  padded.set(tar);
  const entries = tar.length === 0 ? [] : await readLayerTar(padded);
  return new Map(entries.map((e) => [e.path, e]));
}

function globToRegExp(glob: string): RegExp {
  const re = glob.split('').map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${re}$`);
}

const clean = (p: string) => p.replace(/^\.?\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '');

/** Entries selected by one source: [path relative to what is copied, entry]. */
function select(ctx: BuildContext, source: string): [string, TreeEntry][] | undefined {
  const src = clean(source);
  const roots = /[*?]/.test(src) ? [...ctx.keys()].filter((p) => globToRegExp(src).test(p)) : [src];
  const out: [string, TreeEntry][] = [];
  for (const root of roots) {
    const e = root === '' ? undefined : ctx.get(root);
    const isDir = root === '' || e?.type === 'dir' || [...ctx.keys()].some((p) => p.startsWith(`${root}/`));
    if (!e && !isDir) continue;
    if (isDir) {
      for (const [p, c] of ctx) if (root === '' || p.startsWith(`${root}/`)) out.push([root === '' ? p : p.slice(root.length + 1), c]);
    } else out.push([root.slice(root.lastIndexOf('/') + 1), e!]);
    if (!isDir && roots.length > 1) continue;
  }
  return out.length > 0 || roots.some((r) => r === '' || ctx.has(r)) ? out : undefined;
}

/** The layer entries of a COPY, and the checksum of what was copied (for the cache key). */
export function copyEntries(
  ctx: BuildContext, sources: string[], dest: string, workdir: string,
  opts: { uid?: number; gid?: number; mode?: number; mtimeMs: number },
): { entries: TreeEntry[]; checksum: string } {
  const absDest = dest.startsWith('/') ? dest : `${workdir.replace(/\/$/, '')}/${dest}`;
  const destIsDir = dest.endsWith('/') || dest === '.' || sources.length > 1 || sources.some((s) => /[*?]/.test(s));
  const target = clean(absDest);
  const files = new Map<string, TreeEntry>();
  const hash = createHash('sha256');
  for (const source of sources) {
    const picked = select(ctx, source);
    if (!picked) throw Object.assign(new Error(`COPY failed: file not found in build context or excluded by .dockerignore: stat ${clean(source)}: file does not exist`), { code: 1 });
    const srcIsDir = clean(source) === '' || picked.length !== 1 || picked[0][1].type === 'dir' || /[*?]/.test(source) === false && ctx.get(clean(source))?.type === 'dir';
    for (const [rel, e] of picked) {
      const path = destIsDir || srcIsDir ? [target, rel].filter(Boolean).join('/') : target;
      const out: TreeEntry = { ...e, path, uid: opts.uid ?? 0, gid: opts.gid ?? 0, mtimeMs: e.mtimeMs };
      if (opts.mode !== undefined && e.type !== 'symlink') out.mode = opts.mode;
      files.set(path, out);
      hash.update(`${path}\0${e.type}\0${e.mode}\0${e.linkname ?? ''}\0`);
      if (e.data) hash.update(e.data);
    }
  }
  // parent directories, root-owned 0755 like Docker's copier creates them
  const withParents = new Map<string, TreeEntry>();
  for (const path of files.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const p = parts.slice(0, i).join('/');
      if (!files.has(p) && !withParents.has(p)) withParents.set(p, { path: p, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: opts.mtimeMs });
    }
  }
  return { entries: [...withParents.values(), ...files.values()], checksum: hash.digest('hex') };
}
