// The built-in image catalogue: the YAML definitions in the top-level images/ folder turned
// into layers (TreeEntry[]) and image configs, and imported into the ImageStore on first use
// ("pull" without a registry). Every mtime is the image's `created` time, so the same
// definition always gives the same layer digests and image ID.
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { TreeEntry } from '../../abi/index.js';
import type { ImageConfigInput, ContainerConfig as ImageContainerConfig, HistoryEntry } from '../../image/index.js';

/** How executables are made: what boot's binary format runs, and busybox's applet names. */
export interface UserlandFiles {
  /** The file content that execs `program` (skiffElf(program)). */
  executable(program: string): string | Uint8Array;
  /** busybox applets: one /bin/<name> symlink each. */
  applets: readonly string[];
}

/** One tree item of a YAML definition. */
interface TreeItem {
  dir?: string; file?: string; exe?: string; symlink?: string; applets?: string;
  program?: string; content?: string; target?: string; mode?: string; uid?: number; gid?: number;
}

/** A YAML definition. */
interface Definition {
  name: string;
  tag?: string;
  base?: string;
  created: string;
  config?: ImageContainerConfig;
  layers: { created_by: string; empty?: boolean; comment?: string; tree?: TreeItem[] }[];
}

/** A resolved catalogue image: its layers (bottom first), config and tag. */
export interface CatalogueImage {
  name: string;
  tag: string;
  layers: TreeEntry[][];
  config: ImageConfigInput;
}

/** Finds the images/ folder by walking up from this file (works from src/ and dist/src/). */
export function defaultImagesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'images', 'busybox.yaml'))) return join(dir, 'images');
    dir = dirname(dir);
  }
  throw new Error('skiff: cannot find the images/ folder of base image definitions');
}

const enc = new TextEncoder();

function treeEntries(items: TreeItem[], mtimeMs: number, userland: UserlandFiles, where: string): TreeEntry[] {
  const out: TreeEntry[] = [];
  const base = (path: string, mode: number, item: TreeItem) => ({
    path, mode: item.mode ? parseInt(item.mode, 8) : mode, uid: item.uid ?? 0, gid: item.gid ?? 0, mtimeMs,
  });
  for (const item of items) {
    if (item.dir !== undefined) out.push({ ...base(item.dir, 0o755, item), type: 'dir' });
    else if (item.file !== undefined) out.push({ ...base(item.file, 0o644, item), type: 'file', data: enc.encode(item.content ?? '') });
    else if (item.exe !== undefined) {
      if (!item.program) throw new Error(`${where}: exe ${item.exe} needs a program`);
      const data = userland.executable(item.program);
      out.push({ ...base(item.exe, 0o755, item), type: 'file', data: typeof data === 'string' ? enc.encode(data) : data });
    } else if (item.symlink !== undefined) out.push({ ...base(item.symlink, 0o777, item), type: 'symlink', linkname: item.target ?? '' });
    else if (item.applets !== undefined) {
      const dir = item.applets;
      const target = item.target ?? 'busybox';
      for (const applet of [...new Set(userland.applets)].sort()) {
        if (applet === target || applet.includes('/')) continue;
        out.push({ path: `${dir}/${applet}`, type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtimeMs, linkname: target });
      }
    } else throw new Error(`${where}: unknown tree item ${JSON.stringify(item)}`);
  }
  return out;
}

/** Reads every *.yaml definition of `dir` and resolves bases. */
export async function loadCatalogue(dir: string, userland: UserlandFiles): Promise<Map<string, CatalogueImage>> {
  const defs = new Map<string, Definition>();
  for (const f of (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort()) {
    const def = parseYaml(await readFile(join(dir, f), 'utf8')) as Definition;
    if (!def?.name || !Array.isArray(def.layers) || !def.created) throw new Error(`images/${f}: needs name, created and layers`);
    defs.set(def.name, def);
  }
  const out = new Map<string, CatalogueImage>();
  const resolve = (name: string, seen: string[]): CatalogueImage => {
    const done = out.get(name);
    if (done) return done;
    const def = defs.get(name);
    if (!def) throw new Error(`images: unknown base image ${name}`);
    if (seen.includes(name)) throw new Error(`images: base cycle ${[...seen, name].join(' -> ')}`);
    const parent = def.base ? resolve(def.base, [...seen, name]) : undefined;
    const mtimeMs = Date.parse(def.created);
    const layers = [...(parent?.layers ?? [])];
    const history: HistoryEntry[] = [...((parent?.config.history as HistoryEntry[] | undefined) ?? [])];
    for (const [i, l] of def.layers.entries()) {
      const h: HistoryEntry = { created: def.created, created_by: l.created_by };
      if (l.comment) h.comment = l.comment;
      if (l.empty) h.empty_layer = true;
      else layers.push(treeEntries(l.tree ?? [], mtimeMs, { ...userland }, `images/${name}.yaml layer ${i}`));
      history.push(h);
    }
    const config: ImageConfigInput = {
      created: def.created,
      config: { ...(parent?.config.config ?? {}), ...(def.config ?? {}) },
      history,
    };
    const img: CatalogueImage = { name, tag: def.tag ?? 'latest', layers, config };
    out.set(name, img);
    return img;
  };
  for (const name of defs.keys()) resolve(name, []);
  return out;
}
