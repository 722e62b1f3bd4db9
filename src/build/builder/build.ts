// build(): a whole classic build — context tar → Dockerfile → plan → steps (classic-builder.ts)
// → tags — as a stream of Docker JSON-stream messages plus a result promise. Failures end the
// stream with Docker's error message (`errorDetail`) and reject the result.
import { join } from 'node:path';
import type { ImageStore } from '../../image/index.js';
import { InvalidReferenceError } from '../../image/index.js';
import { parse } from '../parse.js';
import { planStages } from '../stages.js';
import { BuildCache } from './build-cache.js';
import { loadBuildContext } from './build-context.js';
import { BuildFailure, errorMessage, short, type BuildMessage } from './build-messages.js';
import type { BuildOptions, BuildResult, BuilderDeps } from './build-options.js';
import { ClassicBuild, familiarTag } from './classic-builder.js';

/** A running build: iterate it for progress messages; `result` settles when it ends. */
export interface BuildRun extends AsyncIterable<BuildMessage> {
  /** The finished build; rejects with the error the stream ended with. */
  readonly result: Promise<BuildResult>;
}

const defaultCaches = new WeakMap<ImageStore, BuildCache>();

/** The cache a store's builds share by default: `build-cache.json` in the store directory. */
export function defaultBuildCache(store: ImageStore): BuildCache {
  let cache = defaultCaches.get(store);
  if (!cache) {
    cache = new BuildCache(join(store.layout.root, 'build-cache.json'));
    defaultCaches.set(store, cache);
  }
  return cache;
}

/**
 * Starts a build. Messages are Docker's classic-builder texts (`Step 1/3 : FROM busybox`,
 * ` ---> Using cache`, `Successfully built <id12>`, an `aux` with the image ID per stage).
 * Buffered: messages are kept until read, so the caller may iterate later.
 */
export function build(options: BuildOptions, deps: BuilderDeps): BuildRun {
  const queue: BuildMessage[] = [];
  let wake: (() => void) | null = null;
  let done = false;
  const emit = (m: BuildMessage) => {
    queue.push(m);
    wake?.();
  };
  const result = runBuild(options, { ...deps, cache: deps.cache ?? defaultBuildCache(deps.store) }, emit)
    .catch((err: unknown) => {
      const code = err instanceof BuildFailure ? err.code : undefined;
      emit(errorMessage(err instanceof Error ? err.message : String(err), code));
      throw err;
    })
    .finally(() => {
      done = true;
      wake?.();
    });
  result.catch(() => undefined); // the stream reports the error; awaiting `result` is optional
  return {
    result,
    async *[Symbol.asyncIterator]() {
      for (;;) {
        while (queue.length > 0) yield queue.shift()!;
        if (done) return;
        await new Promise<void>((r) => { wake = r; });
        wake = null;
      }
    },
  };
}

/** Runs a build to the end and collects its messages (convenience for callers and tests). */
export async function buildAll(options: BuildOptions, deps: BuilderDeps): Promise<{ messages: BuildMessage[]; result: BuildResult | null; error: Error | null }> {
  const run = build(options, deps);
  const messages: BuildMessage[] = [];
  for await (const m of run) messages.push(m);
  try {
    return { messages, result: await run.result, error: null };
  } catch (err) {
    return { messages, result: null, error: err as Error };
  }
}

async function runBuild(options: BuildOptions, deps: BuilderDeps, emit: (m: BuildMessage) => void): Promise<BuildResult> {
  const tags: string[] = [];
  for (const t of options.tags ?? []) {
    try {
      tags.push(familiarTag(t));
    } catch (err) {
      if (err instanceof InvalidReferenceError) throw new BuildFailure(`invalid reference format: ${t}`);
      throw err;
    }
  }
  const context = await loadBuildContext(options.context, options.dockerfile);
  const df = parse(context.dockerfileText, context.dockerfileName);
  const buildArgs: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.buildArgs ?? {})) if (v !== null) buildArgs[k] = v;
  const plan = planStages(df, { target: options.target, buildArgs });
  const builder = new ClassicBuild(deps, options, df, plan, context, buildArgs, emit);
  const final = await builder.run();
  const imageId = final.imageId!;
  const out = (text: string) => { if (!options.quiet) emit({ stream: text }); };
  for (const w of plan.warnings) out(`${w}\n`);
  out(`Successfully built ${short(imageId)}\n`);
  for (const t of tags) {
    await deps.store.tag(imageId, t);
    out(`Successfully tagged ${t}\n`);
  }
  if (options.quiet) emit({ stream: `${imageId}\n` });
  return { imageId, tags, steps: builder.steps, warnings: plan.warnings };
}
