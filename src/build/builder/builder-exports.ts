// The classic builder's public API, re-exported by src/build/index.ts: build() and its options,
// results and messages, the interfaces the engine implements (BuildExecutor, ResolveBaseImage)
// and the persistent step cache.
export { build, buildAll, defaultBuildCache } from './build.js';
export type { BuildRun } from './build.js';
export type { BuildOptions, BuilderDeps, BuildResult, StepReport } from './build-options.js';
export type { BuildExecutor, ResolveBaseImage, RunResult, RunStep } from './build-executor.js';
export { BuildFailure, errorMessage } from './build-messages.js';
export type { BuildMessage } from './build-messages.js';
export { BuildCache } from './build-cache.js';
export type { CacheAnswer, CacheProbe } from './build-cache.js';
