// Builds a context through the engine's BuildService (the daemon's BuildBackend) and collects
// the classic builder's output text, the image ID and the per-step cache reports.
import type { JSONMessage } from '../../src/api/index.js';
import type { StepReport } from '../../src/build/index.js';
import type { Engine } from '../../src/engine/index.js';

/** What one build printed and produced. */
export interface BuildOutcome {
  /** The `stream` texts joined. */
  text: string;
  messages: JSONMessage[];
  /** The final image ID, or null when the build failed. */
  imageId: string | null;
  steps: StepReport[];
  /** The error message the stream ended with, if any. */
  error: string | null;
}

/** Runs one build to the end. */
export async function buildContext(engine: Engine, context: Uint8Array, opts: { tags?: string[]; buildArgs?: Record<string, string>; target?: string } = {}): Promise<BuildOutcome> {
  const run = engine.build.start(context, {
    tags: opts.tags ?? [], dockerfile: '', buildArgs: opts.buildArgs ?? {}, labels: {}, target: opts.target,
    noCache: false, pull: false, quiet: false, rm: true, forceRm: false, cacheFrom: [],
  }, new AbortController().signal);
  const messages: JSONMessage[] = [];
  for await (const m of run) messages.push(m as JSONMessage);
  const result = await run.result.catch(() => null);
  const error = messages.find((m) => m.errorDetail)?.errorDetail?.message ?? null;
  return { text: messages.map((m) => m.stream ?? '').join(''), messages, imageId: result?.imageId ?? null, steps: result?.steps ?? [], error };
}
