// Build benchmarks: each folder of Containerfile-examples/ built through the engine on a booted
// machine (virtual clock), cold (--no-cache: every RUN in a container, every layer stored) and
// then warm (the same context again: every step a cache hit). Figures are real (host) time.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tar from 'tar-stream';
import { bootMachine } from '../src/boot/machine.js';
import { createEngine, type Engine } from '../src/engine/index.js';
import { ImageStore } from '../src/image/index.js';
import { skiffElf } from '../src/userland/applet.js';
import { APPLET_NAMES } from '../src/userland/busybox.js';

/** Containerfile-examples/ of the repository (found upwards from this file, in bench/ or dist/bench/). */
function examplesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'Containerfile-examples'))) return join(dir, 'Containerfile-examples');
    dir = dirname(dir);
  }
  throw new Error('build bench: cannot find the Containerfile-examples/ folder');
}

/** Example folders in build order (onbuild/base before onbuild/app, which uses it) and their tags. */
const ORDER: [string, string][] = [
  ['arg-and-env', 'arg-and-env'], ['cpu-and-memory-limits', 'limits'], ['dockerignore', 'dockerignore'],
  ['entrypoint-cmd', 'entrypoint-cmd'], ['heredocs', 'heredocs'], ['layers-and-cache', 'layers-and-cache'],
  ['multi-stage', 'multi-stage'], ['onbuild/base', 'onbuild-base'], ['onbuild/app', 'onbuild-app'],
  ['user-and-permissions', 'user-and-permissions'], ['web-server', 'web-server'], ['workdir', 'workdir'],
];

/** The folder as a context tar (what `docker build <dir>` uploads). */
async function contextTar(dir: string): Promise<Uint8Array> {
  const pack = tar.pack();
  const walk = async (rel: string): Promise<void> => {
    for (const name of (await readdir(join(dir, rel))).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const st = await stat(join(dir, path));
      if (st.isDirectory()) {
        pack.entry({ name: `${path}/`, type: 'directory', mode: st.mode & 0o7777, mtime: new Date(0) });
        await walk(path);
      } else if (st.isFile()) {
        pack.entry({ name: path, mode: st.mode & 0o7777, mtime: new Date(0) }, await readFile(join(dir, path)));
      }
    }
  };
  await walk('');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** One build; returns its time in ms and how many steps hit the cache. */
async function timedBuild(engine: Engine, context: Uint8Array, tag: string, noCache: boolean): Promise<{ ms: number; steps: number; cached: number }> {
  const t0 = performance.now();
  const run = engine.build.start(context, {
    tags: [tag], dockerfile: '', buildArgs: {}, labels: {}, noCache, pull: false, quiet: false, rm: true, forceRm: false, cacheFrom: [],
  }, new AbortController().signal);
  for await (const _ of run) { /* drain the progress messages */ }
  const result = await run.result;
  const ms = performance.now() - t0;
  const steps = result.steps.filter((s) => s.cached !== null);
  return { ms, steps: steps.length, cached: steps.filter((s) => s.cached).length };
}

/** Cold and warm build time of every example. */
export async function buildBench(): Promise<string[]> {
  const machine = await bootMachine();
  const dataRoot = await mkdtemp(join(tmpdir(), 'skiff-build-bench-'));
  const lines: string[] = [];
  const examples = examplesDir();
  try {
    const engine = await createEngine({
      sys: machine.host.sys, dataRoot, imageStore: await ImageStore.open(join(dataRoot, 'image')),
      userland: { executable: skiffElf, applets: APPLET_NAMES },
      machine: { ncpus: machine.kernel.ncpus, memoryBytes: machine.kernel.memoryBytes },
    });
    let cold = 0, warm = 0;
    for (const [dir, tag] of ORDER) {
      const context = await contextTar(join(examples, dir));
      const c = await timedBuild(engine, context, tag, true);
      const w = await timedBuild(engine, context, tag, false);
      cold += c.ms;
      warm += w.ms;
      lines.push(`build ${dir.padEnd(22)} cold ${c.ms.toFixed(1).padStart(7)} ms   warm ${w.ms.toFixed(1).padStart(6)} ms   (${w.cached}/${w.steps} steps cached)`);
    }
    lines.push(`build all examples         cold ${cold.toFixed(1).padStart(7)} ms   warm ${warm.toFixed(1).padStart(6)} ms   (ratio ${(cold / warm).toFixed(1)}x)`);
    await engine.shutdown(0);
  } finally {
    await rm(dataRoot, { recursive: true, force: true });
  }
  return lines;
}
