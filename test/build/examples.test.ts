// Every Containerfile-examples folder has a README line and a Containerfile that parses and
// plans; the ones whose steps the fake executor understands build completely.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, planStages } from '../../src/build/index.js';
import { harness, run, type ContextFile } from './build-harness.js';

const root = new URL('../../Containerfile-examples/', import.meta.url).pathname;
const folders = readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory());
const contexts = folders.flatMap((d) => (existsSync(join(root, d, 'Containerfile')) ? [d] : readdirSync(join(root, d)).filter((s) => statSync(join(root, d, s)).isDirectory()).map((s) => `${d}/${s}`)));

function files(dir: string): Record<string, ContextFile> {
  const out: Record<string, ContextFile> = {};
  const walk = (p: string) => {
    for (const name of readdirSync(p)) {
      const full = join(p, name);
      if (statSync(full).isDirectory()) walk(full);
      else out[relative(dir, full)] = { data: readFileSync(full), mode: statSync(full).mode & 0o777 };
    }
  };
  walk(dir);
  return out;
}

describe('Containerfile-examples', () => {
  it('has at least ten examples, each with a README line', () => {
    expect(folders.length).toBeGreaterThanOrEqual(10);
    for (const d of folders) expect(readFileSync(join(root, d, 'README.md'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it.each(contexts)('%s parses and plans', (ctx) => {
    const df = parse(readFileSync(join(root, ctx, 'Containerfile'), 'utf8'), 'Containerfile');
    expect(planStages(df).needed.length).toBeGreaterThan(0);
  });

  it('dockerignore: COPY . leaves out what .dockerignore excludes', async () => {
    const { deps, store } = await harness();
    const r = await run(deps, files(join(root, 'dockerignore')), { tags: ['ex:ignore'] });
    expect(r.error).toBeNull();
    const d = await store.inspect('ex:ignore');
    const copied = (await store.layerEntries(d.layers.at(-1)!)).map((e) => e.path).sort();
    expect(copied).toEqual(['app', 'app/.dockerignore', 'app/Containerfile', 'app/README.md', 'app/keep.log', 'app/src', 'app/src/main.sh']);
  });
});
