// The inputs and outputs of a build: options (what POST /build carries), the dependencies the
// engine supplies (image store, RUN executor, base image resolution, cache) and the result with
// one report per step (cached or not, and why).
import type { ImageStore } from '../../image/index.js';
import type { BuildCache } from './build-cache.js';
import type { BuildExecutor, ResolveBaseImage } from './build-executor.js';

/** Options of one build. */
export interface BuildOptions {
  /** The build context as a tar (plain or gzipped). */
  context: Uint8Array;
  /** Dockerfile path in the context (default: Containerfile, then Dockerfile). */
  dockerfile?: string;
  /** `-t` references to tag the result with. */
  tags?: string[];
  /** `--build-arg`; a null value means "take it from the environment" and is ignored here. */
  buildArgs?: Record<string, string | null>;
  /** `--label`: added as LABEL steps at the end of the target stage (Docker's classic builder). */
  labels?: Record<string, string>;
  /** `--target` stage name. */
  target?: string;
  /** `--no-cache`. */
  noCache?: boolean;
  /** `--pull` (handed to resolveBaseImage). */
  pull?: boolean;
  /** `-q`: only the image ID is printed. */
  quiet?: boolean;
  /** Print one line per step saying why the cache hit or missed (` ---> Cache miss: ...`). */
  explain?: boolean;
  /** `--platform` (accepted; only linux/amd64 images exist). */
  platform?: string;
  /** Cancels the build. */
  signal?: AbortSignal;
}

/** What the builder runs on. */
export interface BuilderDeps {
  store: ImageStore;
  executor: BuildExecutor;
  resolveBaseImage: ResolveBaseImage;
  /** The step cache (default: `build-cache.json` in the store's directory). */
  cache?: BuildCache;
  /** Clock for `created` times and mtimes (default: real time). */
  now?: () => Date;
  /** 64-hex IDs for the containers Docker would create for metadata steps (default: random). */
  newContainerId?: () => string;
}

/** How one step went. */
export interface StepReport {
  /** Step number as printed (`Step 3/7`); triggers share their FROM's number. */
  step: number;
  /** The stage's display name. */
  stage: string;
  /** The instruction text as printed. */
  instruction: string;
  /** true: cache hit; false: executed; null: no image step (FROM, meta ARG). */
  cached: boolean | null;
  /** Why it hit or missed (or what it did). */
  reason: string;
  /** The image after the step. */
  imageId: string | null;
}

/** A finished build. */
export interface BuildResult {
  /** The image ID (`sha256:…`). */
  imageId: string;
  /** The references tagged, in Docker's familiar form (`name:tag`). */
  tags: string[];
  steps: StepReport[];
  /** Warnings printed (unused build args). */
  warnings: string[];
}
