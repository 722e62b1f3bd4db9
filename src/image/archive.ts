// The outer tar of `docker save` / `docker load` (not a layer): read into a name → bytes map with
// symlinks resolved (legacy archives link duplicate layers), and written deterministically.
// Names are normalised and refused if unsafe (entry-path.ts), though nothing is written to disk.
import tar from 'tar-stream';
import { joinPath, normalizeEntryPath, parentPath, UnsafeEntryError } from './entry-path.js';
import { uncompressLayer } from './layer-tar.js';

/** A file of an archive being written. */
export interface ArchiveFile {
  name: string;
  data: Uint8Array;
}

/** The regular files of an archive by normalised name; symlinks to files are followed. */
export class ArchiveReader {
  private constructor(private readonly files: Map<string, Buffer>, private readonly links: Map<string, string>) {}

  /** Reads a (possibly gzipped) tar. Throws UnsafeEntryError for unsafe names. */
  static async read(buf: Uint8Array): Promise<ArchiveReader> {
    const bytes = await uncompressLayer(buf);
    const files = new Map<string, Buffer>();
    const links = new Map<string, string>();
    const extract = tar.extract();
    const done = (async () => {
      for await (const entry of extract) {
        const chunks: Buffer[] = [];
        for await (const c of entry) chunks.push(c as Buffer);
        const name = normalizeEntryPath(entry.header.name);
        if (entry.header.type === 'file' || entry.header.type === 'contiguous-file') files.set(name, Buffer.concat(chunks));
        else if (entry.header.type === 'symlink') links.set(name, joinPath(parentPath(name), entry.header.linkname ?? ''));
        else if (entry.header.type === 'link') links.set(name, entry.header.linkname ?? '');
      }
    })();
    extract.end(bytes);
    try {
      await done;
    } catch (err) {
      extract.destroy();
      throw err;
    }
    return new ArchiveReader(files, links);
  }

  /** Whether the archive holds a file (or a link to one) named `name`. */
  has(name: string): boolean {
    try {
      this.get(name);
      return true;
    } catch {
      return false;
    }
  }

  /** The bytes of `name` (links followed, at most 10 hops). Throws if absent or unsafe. */
  get(name: string): Buffer {
    let cur = normalizeEntryPath(name);
    for (let hops = 0; hops <= 10; hops++) {
      const data = this.files.get(cur);
      if (data) return data;
      const target = this.links.get(cur);
      if (target === undefined) break;
      cur = normalizeLinkTarget(name, target);
    }
    throw new Error(`archive has no file "${name}"`);
  }
}

function normalizeLinkTarget(name: string, target: string): string {
  const parts: string[] = [];
  for (const p of target.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (parts.length === 0) throw new UnsafeEntryError(name, `link target "${target}" leaves the archive`);
      parts.pop();
    } else parts.push(p);
  }
  return parts.join('/');
}

/** Writes `files` (with their parent directories) as a tar, mtime 0, in the order given. */
export async function writeArchive(files: readonly ArchiveFile[]): Promise<Buffer> {
  const pack = tar.pack();
  const dirs = new Set<string>();
  const epoch = new Date(0);
  for (const f of files) {
    const parts = normalizeEntryPath(f.name).split('/');
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (dirs.has(d)) continue;
      dirs.add(d);
      pack.entry({ name: d + '/', type: 'directory', mode: 0o40755, mtime: epoch, uname: '', gname: '' });
    }
    pack.entry({ name: f.name, type: 'file', mode: 0o100644, mtime: epoch, uname: '', gname: '' }, Buffer.from(f.data));
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
