// Test support for overlay tests: builds layer directories on a tmpfs through syscalls and
// mounts overlays over them, with small file helpers. Used by the *.test.ts files here only.
import { AT_FDCWD, O, S, type Sys, type SysResult } from '../../../abi/index.js';
import { must } from '../../vfs/test-harness.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** The errno of a result (0 on success). */
export function errnoOf(r: SysResult<unknown>): number {
  return r.ok ? 0 : r.errno;
}

/** Creates (or truncates) `path` with `text`. */
export async function writeFile(sys: Sys, path: string, text: string, mode = 0o644): Promise<void> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.WRONLY | O.CREAT | O.TRUNC, mode), `open ${path}`);
  if (text.length > 0) must(await sys.write(fd, enc(text)));
  must(await sys.close(fd));
}

/** Appends `text` to an existing file. */
export async function appendFile(sys: Sys, path: string, text: string): Promise<void> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.WRONLY | O.APPEND), `open ${path}`);
  must(await sys.write(fd, enc(text)));
  must(await sys.close(fd));
}

/** The whole content of `path` as text. */
export async function readFile(sys: Sys, path: string): Promise<string> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.RDONLY), `open ${path}`);
  let out = '';
  for (;;) {
    const chunk = must(await sys.read(fd, 65536));
    if (chunk.length === 0) break;
    out += dec(chunk);
  }
  must(await sys.close(fd));
  return out;
}

/** The sorted names in directory `path`, without `.` and `..`. */
export async function ls(sys: Sys, path: string): Promise<string[]> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.RDONLY | O.DIRECTORY), `opendir ${path}`);
  const out: string[] = [];
  for (;;) {
    const batch = must(await sys.getdents64(fd));
    if (batch.length === 0) break;
    for (const d of batch) if (d.name !== '.' && d.name !== '..') out.push(d.name);
  }
  must(await sys.close(fd));
  return out.sort();
}

/** mkdir -p. */
export async function mkdirp(sys: Sys, path: string, mode = 0o755): Promise<void> {
  let cur = '';
  for (const part of path.split('/').filter(Boolean)) {
    cur += `/${part}`;
    const r = await sys.mkdirat(AT_FDCWD, cur, mode);
    if (!r.ok && r.errno !== 17) throw new Error(`mkdir ${cur}: errno ${r.errno}`);
  }
}

/**
 * A layer spec: path → file text, `dir/` for a directory, `null` for a whiteout (0/0 char
 * device), `->target` for a symlink.
 */
export type LayerSpec = Record<string, string | null>;

/** Fills directory `root` from `spec` (parents made as needed). */
export async function fillLayer(sys: Sys, root: string, spec: LayerSpec): Promise<void> {
  for (const [rel, v] of Object.entries(spec)) {
    const path = `${root}/${rel.replace(/\/$/, '')}`;
    const parent = path.slice(0, path.lastIndexOf('/'));
    await mkdirp(sys, parent);
    if (rel.endsWith('/')) await mkdirp(sys, path);
    else if (v === null) must(await sys.mknodat(AT_FDCWD, path, S.IFCHR, 0), `mknod ${path}`);
    else if (v.startsWith('->')) must(await sys.symlinkat(v.slice(2), AT_FDCWD, path), `symlink ${path}`);
    else await writeFile(sys, path, v);
  }
}

/** Paths of one prepared overlay. */
export interface OverlayPaths {
  lower: string[];
  upper: string;
  work: string;
  merged: string;
}

let counter = 0;

/**
 * Makes a tmpfs at /t (once), layer directories from `layers` (topmost first) and, unless
 * `readOnly`, upper and work dirs; mounts the overlay on a fresh merged dir.
 */
export async function overlay(sys: Sys, layers: LayerSpec[], opts: { readOnly?: boolean; lower?: string[] } = {}): Promise<OverlayPaths> {
  const n = ++counter;
  if (errnoOf(await sys.fstatat(AT_FDCWD, '/t/.ready', 0)) !== 0) {
    await mkdirp(sys, '/t');
    must(await sys.mount('tmpfs', '/t', 'tmpfs', 0, 'mode=755'), 'mount tmpfs');
    await writeFile(sys, '/t/.ready', '');
  }
  const lower = opts.lower ?? [];
  if (!opts.lower) {
    for (let i = 0; i < layers.length; i++) {
      const dir = `/t/l${n}-${i}`;
      await mkdirp(sys, dir);
      await fillLayer(sys, dir, layers[i]);
      lower.push(dir);
    }
  }
  const p: OverlayPaths = { lower, upper: `/t/u${n}`, work: `/t/w${n}`, merged: `/t/m${n}` };
  await mkdirp(sys, p.merged);
  let data = `lowerdir=${lower.join(':')}`;
  if (!opts.readOnly) {
    await mkdirp(sys, p.upper);
    await mkdirp(sys, p.work);
    data += `,upperdir=${p.upper},workdir=${p.work}`;
  }
  must(await sys.mount('overlay', p.merged, 'overlay', 0, data), `mount overlay ${data}`);
  return p;
}

/** lstat's st_mode type bits, or 0 when the path is missing. */
export async function typeOf(sys: Sys, path: string): Promise<number> {
  const r = await sys.fstatat(AT_FDCWD, path, 0x100 /* AT_SYMLINK_NOFOLLOW */);
  return r.ok ? r.value.mode & S.IFMT : 0;
}
