// The build context as the builder sees it: the uploaded tar read into a tree (path → entry),
// the Containerfile/Dockerfile chosen (Containerfile first when none is named) and the ignore
// file (`<dockerfile>.dockerignore`, `.dockerignore`, `.containerignore`) applied to the rest.
import type { TreeEntry } from '../../abi/tree-entry.js';
import { readLayerTar, type LayerTree } from '../../image/index.js';
import { IgnoreMatcher } from '../dockerignore/ignore-matcher.js';
import { readIgnorePatterns } from '../dockerignore/read-ignore-file.js';
import { BuildFailure } from './build-messages.js';

/** A build context ready for COPY/ADD. */
export interface BuildContext {
  /** Context files kept by the ignore file; directories of kept files included. */
  files: LayerTree;
  /** The Dockerfile's path inside the context. */
  dockerfileName: string;
  /** The Dockerfile text. */
  dockerfileText: string;
}

const decoder = new TextDecoder();

/** Reads a context tar (plain or gzipped; missing end blocks tolerated). */
export async function readContextTar(tar: Uint8Array): Promise<LayerTree> {
  if (tar.length === 0) return new Map();
  const padded = new Uint8Array(tar.length + 1024);
  padded.set(tar);
  let entries: TreeEntry[];
  try {
    entries = await readLayerTar(tar[0] === 0x1f && tar[1] === 0x8b ? tar : padded);
  } catch (err) {
    throw new BuildFailure(`failed to read the build context: ${(err as Error).message}`);
  }
  const tree: LayerTree = new Map(entries.map((e) => [e.path, e]));
  // Tars without directory entries: their directories exist all the same.
  for (const path of [...tree.keys()]) {
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
      const dir = path.slice(0, i);
      if (!tree.has(dir)) tree.set(dir, { path: dir, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0 });
    }
  }
  return tree;
}

const cleanName = (p: string) => p.replace(/^(\.\/)+/, '').replace(/^\/+/, '');

/**
 * Reads the context, picks the Dockerfile and filters the files through the ignore file.
 * Throws BuildFailure with Docker's `Cannot locate specified Dockerfile: x`.
 */
export async function loadBuildContext(tar: Uint8Array, dockerfile?: string): Promise<BuildContext> {
  const all = await readContextTar(tar);
  let name: string;
  if (dockerfile !== undefined && dockerfile !== '') {
    name = cleanName(dockerfile);
    if (all.get(name)?.type !== 'file') throw new BuildFailure(`Cannot locate specified Dockerfile: ${dockerfile}`);
  } else {
    const found = ['Containerfile', 'Dockerfile'].find((n) => all.get(n)?.type === 'file');
    if (!found) throw new BuildFailure('Cannot locate specified Dockerfile: Dockerfile');
    name = found;
  }
  const dockerfileText = decoder.decode(all.get(name)!.data ?? new Uint8Array());
  const ignoreName = [`${name}.dockerignore`, '.dockerignore', '.containerignore'].find((n) => all.get(n)?.type === 'file');
  const files: LayerTree = new Map();
  if (ignoreName === undefined) {
    for (const [k, e] of all) files.set(k, e);
  } else {
    const matcher = new IgnoreMatcher(readIgnorePatterns(decoder.decode(all.get(ignoreName)!.data ?? new Uint8Array())));
    for (const [k, e] of all) if (!matcher.excludes(k)) files.set(k, e);
    // A directory stays when something below it stays (a `!` pattern may re-include it).
    for (const k of files.keys()) {
      for (let i = k.indexOf('/'); i > 0; i = k.indexOf('/', i + 1)) {
        const dir = k.slice(0, i);
        if (!files.has(dir) && all.has(dir)) files.set(dir, all.get(dir)!);
      }
    }
  }
  return { files, dockerfileName: name, dockerfileText };
}
