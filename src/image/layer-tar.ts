// Layer tars: TreeEntry[] ⇄ tar bytes with tar-stream. Output is deterministic (entries sorted,
// hard links ordered after their target, empty uname/gname, mtimes in whole seconds) so one tree
// always gives one diffID. Reading refuses unsafe names (entry-path.ts). Whiteouts: whiteout.ts.
import { Readable } from 'node:stream';
import { gunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import tar from 'tar-stream';
import type { TreeEntry, TreeEntryType } from '../abi/tree-entry.js';
import { normalizeEntryPath, normalizeHardlinkTarget, UnsafeEntryError } from './entry-path.js';

type TarType = tar.Header['type'];
type HeaderArg = Partial<tar.Header> & { name: string; pax?: Record<string, string> };

const toTarType: Record<TreeEntryType, TarType> = {
  file: 'file', dir: 'directory', symlink: 'symlink', hardlink: 'link',
  chardev: 'character-device', blockdev: 'block-device', fifo: 'fifo',
};

const fromTarType: Partial<Record<TarType, TreeEntryType>> = {
  file: 'file', 'contiguous-file': 'file', directory: 'dir', symlink: 'symlink', link: 'hardlink',
  'character-device': 'chardev', 'block-device': 'blockdev', fifo: 'fifo',
};

/** File-type bits passed with the mode so tar-stream never replaces a 0 mode by its default. */
const typeBits: Record<TreeEntryType, number> = {
  file: 0o100000, dir: 0o040000, symlink: 0o120000, hardlink: 0o100000,
  chardev: 0o020000, blockdev: 0o060000, fifo: 0o010000,
};

const maxUstarId = 0o777777;

/** Byte order of paths; parents sort before their children. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts entries by path and rewrites hard-link groups so the first member in that order holds
 * the data and the others link to it (a tar link must follow its target). Refuses duplicate paths,
 * unsafe names and hard links whose target is outside the tree.
 */
export function canonicalEntries(entries: readonly TreeEntry[]): TreeEntry[] {
  const byPath = new Map<string, TreeEntry>();
  for (const e of entries) {
    const path = normalizeEntryPath(e.path);
    if (path === '') throw new UnsafeEntryError(e.path, 'the root directory cannot be a layer entry');
    if (byPath.has(path)) throw new UnsafeEntryError(e.path, 'duplicate path in layer');
    const copy: TreeEntry = { ...e, path };
    if (e.type === 'hardlink') copy.linkname = normalizeHardlinkTarget(e.path, e.linkname ?? '');
    byPath.set(path, copy);
  }
  // Resolve link chains to their final target within this layer.
  const rootOf = (p: string): string => {
    const seen = new Set<string>();
    let cur = p;
    for (;;) {
      const e = byPath.get(cur);
      if (!e || e.type !== 'hardlink') return cur;
      if (seen.has(cur)) throw new UnsafeEntryError(p, 'hard link loop');
      seen.add(cur);
      cur = e.linkname!;
    }
  };
  const groups = new Map<string, string[]>();
  for (const e of byPath.values()) {
    if (e.type !== 'hardlink') continue;
    const target = rootOf(e.path);
    if (!byPath.has(target)) continue; // links into a lower layer stay as they are
    if (byPath.get(target)!.type === 'dir') throw new UnsafeEntryError(e.path, 'hard link to a directory');
    const g = groups.get(target) ?? [target];
    g.push(e.path);
    groups.set(target, g);
  }
  for (const [target, members] of groups) {
    members.sort(comparePaths);
    const first = members[0];
    const source = byPath.get(target)!;
    byPath.set(first, { ...source, path: first });
    for (const m of members.slice(1)) {
      const { data: _data, ...meta } = source;
      byPath.set(m, { ...meta, path: m, type: 'hardlink', linkname: first, devmajor: undefined, devminor: undefined });
    }
  }
  return [...byPath.values()].sort((a, b) => comparePaths(a.path, b.path));
}

function headerOf(e: TreeEntry): HeaderArg {
  const header: HeaderArg = {
    name: e.type === 'dir' ? e.path + '/' : e.path,
    type: toTarType[e.type],
    mode: (e.mode & 0o7777) | typeBits[e.type],
    uid: e.uid,
    gid: e.gid,
    mtime: new Date(Math.max(0, Math.floor(e.mtimeMs / 1000)) * 1000),
    size: e.type === 'file' ? (e.data?.byteLength ?? 0) : 0,
    uname: '',
    gname: '',
  };
  if (e.type === 'symlink' || e.type === 'hardlink') header.linkname = e.linkname ?? '';
  if (e.type === 'chardev' || e.type === 'blockdev') {
    header.devmajor = e.devmajor ?? 0;
    header.devminor = e.devminor ?? 0;
  }
  if (e.uid > maxUstarId || e.gid > maxUstarId) header.pax = { uid: String(e.uid), gid: String(e.gid) };
  return header;
}

/** A readable stream of the deterministic tar of `entries` (see canonicalEntries). */
export function packLayerTar(entries: readonly TreeEntry[]): Readable {
  const sorted = canonicalEntries(entries);
  const pack = tar.pack();
  for (const e of sorted) {
    if (e.type === 'file') pack.entry(headerOf(e), Buffer.from(e.data ?? new Uint8Array()));
    else pack.entry(headerOf(e));
  }
  pack.finalize();
  return Readable.from(pack as AsyncIterable<Buffer>);
}

/** The deterministic, uncompressed tar of `entries`; its sha256 is the layer's diffID. */
export async function createLayerTar(entries: readonly TreeEntry[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of packLayerTar(entries)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Whether `buf` starts with the gzip magic bytes. */
export function isGzip(buf: Uint8Array): boolean {
  return buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
}

/** Gzips a layer tar (for storage as `application/vnd.oci.image.layer.v1.tar+gzip`). */
export async function gzipLayer(tarBytes: Uint8Array): Promise<Buffer> {
  return promisify(gzip)(tarBytes);
}

/** The uncompressed tar of a stored layer blob, gunzipping when needed. */
export async function uncompressLayer(blob: Uint8Array): Promise<Buffer> {
  return isGzip(blob) ? promisify(gunzip)(blob) : Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
}

function paxNumber(pax: Record<string, string> | null | undefined, key: string): number | undefined {
  const v = pax?.[key];
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Parses a layer tar (gzipped or not) into entries, in archive order. Names are normalised; the
 * root entry (`./`) is dropped. Throws UnsafeEntryError for absolute names, `..` components,
 * hard links leaving the tree and unsupported entry types, so nothing unsafe is ever returned.
 */
export async function readLayerTar(buf: Uint8Array): Promise<TreeEntry[]> {
  const tarBytes = await uncompressLayer(buf);
  const extract = tar.extract();
  const out: TreeEntry[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      const h = entry.header as tar.Header & { pax?: Record<string, string> | null };
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      const type = h.type ? fromTarType[h.type] : undefined;
      if (!type) throw new UnsafeEntryError(h.name, `unsupported tar entry type ${h.type ?? 'unknown'}`);
      const path = normalizeEntryPath(h.name);
      if (path === '') {
        if (type !== 'dir') throw new UnsafeEntryError(h.name, 'root entry is not a directory');
        continue;
      }
      const paxMtime = paxNumber(h.pax, 'mtime');
      const e: TreeEntry = {
        path,
        type,
        mode: (h.mode ?? 0) & 0o7777,
        uid: paxNumber(h.pax, 'uid') ?? h.uid ?? 0,
        gid: paxNumber(h.pax, 'gid') ?? h.gid ?? 0,
        mtimeMs: paxMtime !== undefined ? Math.round(paxMtime * 1000) : (h.mtime?.getTime() ?? 0),
      };
      if (type === 'file') e.data = Buffer.concat(chunks);
      if (type === 'symlink') e.linkname = h.linkname ?? '';
      if (type === 'hardlink') e.linkname = normalizeHardlinkTarget(h.name, h.linkname ?? '');
      if (type === 'chardev' || type === 'blockdev') {
        e.devmajor = h.devmajor ?? 0;
        e.devminor = h.devminor ?? 0;
      }
      out.push(e);
    }
  })();
  extract.end(tarBytes);
  try {
    await done;
  } catch (err) {
    extract.destroy();
    throw err;
  }
  return out;
}
