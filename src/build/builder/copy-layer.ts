// The layer of a COPY or ADD, computed without a container: sources selected from a tree, put
// under the destination with Docker's rules (trailing `/`, an existing directory, several
// sources), owner and mode applied, local tar archives extracted by ADD, the parent directories
// the change touches included (copied up from the image or created), and a content checksum
// (paths, types, modes, owners, link targets and data; never mtimes) for the cache.
import { createHash } from 'node:crypto';
import type { TreeEntry } from '../../abi/tree-entry.js';
import { readLayerTar, type LayerTree } from '../../image/index.js';
import { BuildFailure } from './build-messages.js';
import type { Owner } from './chown-spec.js';
import { followInTree, selectSources, type SelectedSource } from './source-select.js';

/** What to copy. */
export interface CopyRequest {
  kind: 'COPY' | 'ADD';
  /** Where sources come from: the build context or an image/stage filesystem. */
  source: LayerTree;
  fromContext: boolean;
  sources: string[];
  /** Heredoc sources (`COPY <<EOF /file`), already expanded when they had to be. */
  inline: { path: string; data: string }[];
  dest: string;
  /** WORKDIR in effect ('' or absolute). */
  workdir: string;
  /** The image filesystem the layer goes onto. */
  target: LayerTree;
  owner: Owner | null;
  mode: number | null;
  /** Modification time for directories the copy creates or changes. */
  nowMs: number;
}

/** The computed layer. */
export interface CopyResult {
  /** Layer entries (parents first). */
  entries: TreeEntry[];
  /** `file`, `dir` or `multi`, as Docker's history shows (`COPY file:<sum> in /x`). */
  sourceKind: 'file' | 'dir' | 'multi';
  /** Hex sha256 of the copied content and metadata. */
  checksum: string;
  /** The destination as given, made absolute against WORKDIR only when relative (history text). */
  destText: string;
}

const join = (a: string, b: string) => (a === '' ? b : b === '' ? a : `${a}/${b}`);
const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

function isArchive(data: Uint8Array): boolean {
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) return true;
  return data.length >= 262 && new TextDecoder().decode(data.subarray(257, 262)) === 'ustar';
}

async function extract(data: Uint8Array): Promise<TreeEntry[] | null> {
  if (!isArchive(data)) return null;
  try {
    const entries = await readLayerTar(data);
    return entries;
  } catch {
    return null; // not a tar after all (a plain gzip file): copied as it is
  }
}

/** Computes the layer of one COPY/ADD. Throws BuildFailure with Docker's messages. */
export async function computeCopy(req: CopyRequest): Promise<CopyResult> {
  const selected: SelectedSource[] = [];
  for (const s of req.sources) selected.push(...selectSources(req.source, s, req.kind, req.fromContext));
  const count = selected.length + req.inline.length;
  const destDirSyntax = req.dest.endsWith('/') || req.dest === '.' || req.dest.endsWith('/.');
  if (count > 1 && !destDirSyntax) {
    throw new BuildFailure(`When using ${req.kind} with more than one source file, the destination must be a directory and end with a /`);
  }
  const absDest = req.dest.startsWith('/') ? req.dest : `${req.workdir || '/'}/${req.dest}`;
  const destPath = followInTree(req.target, absDest.split('/').filter((p) => p && p !== '.').join('/'));
  const destIsDir = destDirSyntax || destPath === '' || req.target.get(destPath)?.type === 'dir';

  const out = new Map<string, TreeEntry>();
  const hash = createHash('sha256');
  const own = (e: TreeEntry): TreeEntry => {
    const r = { ...e };
    r.uid = req.owner?.uid ?? 0;
    r.gid = req.owner?.gid ?? 0;
    if (req.mode !== null && r.type !== 'symlink') r.mode = req.mode;
    return r;
  };
  const put = (path: string, e: TreeEntry, keepOwner = false) => {
    const entry = keepOwner ? { ...e, path } : { ...own(e), path };
    if (entry.type === 'hardlink') {
      const target = req.source.get(entry.linkname ?? '');
      Object.assign(entry, { type: 'file', data: target?.data ?? new Uint8Array(), linkname: undefined });
    }
    out.set(path, entry);
  };
  const record = (rel: string, e: TreeEntry) => {
    hash.update(`${rel}\0${e.type}\0${(req.mode ?? e.mode).toString(8)}\0${req.owner ? `${req.owner.uid}:${req.owner.gid}` : ''}\0${e.linkname ?? ''}\0`);
    if (e.data) hash.update(createHash('sha256').update(e.data).digest('hex'));
    hash.update('\n');
  };

  for (const s of selected) {
    if (s.children) {
      record(`${s.path}/`, s.entry);
      const dir = destPath;
      for (const [rel, e] of [...s.children].sort(([a], [b]) => (a < b ? -1 : 1))) {
        record(join(s.path, rel), e);
        put(join(dir, rel), e);
      }
      if (dir !== '' && !req.target.has(dir)) put(dir, s.entry);
      continue;
    }
    const e = s.entry.type === 'hardlink' ? { ...s.entry, type: 'file' as const, data: req.source.get(s.entry.linkname ?? '')?.data } : s.entry;
    record(s.path, e);
    const archive = req.kind === 'ADD' && e.type === 'file' && e.data ? await extract(e.data) : null;
    if (archive) {
      for (const a of archive) put(join(destPath, a.path), req.owner ? own(a) : a, !req.owner);
      continue;
    }
    put(destIsDir ? join(destPath, base(s.path)) : destPath, e);
  }
  for (const doc of req.inline) {
    const data = new TextEncoder().encode(doc.data);
    const e: TreeEntry = { path: doc.path, type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: req.nowMs, data };
    record(`<<${doc.path}`, e);
    put(destIsDir ? join(destPath, doc.path) : destPath, e);
  }

  // Parent directories the change touches: copied up from the image, or created.
  const parents = new Map<string, TreeEntry>();
  for (const path of out.keys()) {
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
      const dir = path.slice(0, i);
      if (out.has(dir) || parents.has(dir)) continue;
      const existing = req.target.get(dir);
      parents.set(dir, existing
        ? { ...existing, mtimeMs: req.nowMs }
        : { path: dir, type: 'dir', mode: 0o755, uid: req.owner?.uid ?? 0, gid: req.owner?.gid ?? 0, mtimeMs: req.nowMs });
    }
  }
  const entries = [...parents.values(), ...out.values()];
  for (const e of entries) if (e.path === '') throw new BuildFailure(`${req.kind} failed: cannot copy to the root directory itself`);
  const sourceKind = count > 1 ? 'multi' : selected[0]?.children ? 'dir' : 'file';
  return { entries, sourceKind, checksum: hash.digest('hex'), destText: req.dest };
}
