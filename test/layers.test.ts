// Enforces the layer rules of ARCHITECTURE.md: which src/ folder may import which.
// A violation fails `npm test`, and so CI.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const srcRoot = resolve(__dirname, '../src');

/** Layer → layers (or `userland/libc`) it may import; `node` = may import node: modules. */
const allowed: Record<string, { layers: string[]; node: boolean }> = {
  abi: { layers: [], node: false },
  kernel: { layers: ['abi'], node: false },
  userland: { layers: ['abi'], node: false },
  runtime: { layers: ['abi', 'userland/libc'], node: false },
  image: { layers: ['abi'], node: true },
  build: { layers: ['image', 'abi'], node: true },
  engine: { layers: ['runtime', 'image', 'build', 'api', 'userland/libc', 'abi'], node: true },
  api: { layers: [], node: false },
  daemon: { layers: ['engine', 'api'], node: true },
  client: { layers: ['api'], node: true },
  cli: { layers: ['client', 'api'], node: true },
  boot: { layers: ['*'], node: true },
};

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) yield path;
  }
}

function importsOf(text: string): string[] {
  const specs: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) specs.push(m[1] ?? m[2] ?? m[3]);
  return specs;
}

/** `kernel/vfs/x.ts` → `kernel`; `userland/libc/y.ts` → `userland/libc`. */
function layerOf(relPath: string): string {
  const parts = relPath.split('/');
  if (parts[0] === 'userland' && parts[1] === 'libc') return 'userland/libc';
  return parts[0];
}

export function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(srcRoot)) {
    const rel = relative(srcRoot, file);
    const from = layerOf(rel);
    const rule = allowed[from === 'userland/libc' ? 'userland' : from];
    if (!rule) { found.push(`${rel}: folder src/${rel.split('/')[0]} is not a layer of ARCHITECTURE.md`); continue; }
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('node:') || !spec.startsWith('.')) {
        const isNode = spec.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'net', 'http', 'crypto', 'zlib', 'stream', 'events', 'util'].includes(spec);
        if (isNode && !rule.node) found.push(`${rel}: imports ${spec} (no node: modules in src/${from})`);
        if (!isNode && !rule.node) found.push(`${rel}: imports package ${spec} (src/${from} may not import packages)`);
        continue;
      }
      const target = relative(srcRoot, resolve(dirname(file), spec));
      if (target.startsWith('..')) { found.push(`${rel}: imports ${spec} outside src/`); continue; }
      const to = layerOf(target);
      if (to === from || (from === 'userland/libc' && to === 'userland') || (from === 'userland' && to === 'userland/libc')) continue;
      if (rule.layers.includes('*') || rule.layers.includes(to)) continue;
      found.push(`${rel}: src/${from} may not import src/${to} (${spec})`);
    }
  }
  return found;
}

describe('layer rules of ARCHITECTURE.md', () => {
  it('every import crosses layers only where the table allows', () => {
    expect(violations()).toEqual([]);
  });

  it('the check catches a kernel file importing node:fs', () => {
    expect(importsOf("import { readFileSync } from 'node:fs';\nimport x from './y.js';")).toEqual(['node:fs', './y.js']);
  });
});
