// The build backend (the daemon's BuildBackend): runs src/build's classic builder over the
// context tar with the engine's executor (RUN in containers) and base image resolution
// (the built-in catalogue), and streams the builder's progress messages as they come.
import { build, type BuildOptions as BuilderOptions, type BuildRun } from '../../build/index.js';
import type { BuildOptions, JSONMessage } from '../../api/index.js';
import type { ContainerService } from '../container-service.js';
import type { EngineContext } from '../engine-context.js';
import type { ImageService } from '../image-service.js';
import { ContainerExecutor } from './container-executor.js';
import { resolveBaseImageWith } from './resolve-base-image.js';

/** Implements the daemon's BuildBackend. */
export class BuildService {
  private readonly executor: ContainerExecutor;

  constructor(private readonly ctx: EngineContext, containers: ContainerService, private readonly images: ImageService) {
    this.executor = new ContainerExecutor(ctx, containers);
  }

  /** Starts a build; the builder's messages (Docker's JSON-stream shape) are streamed as they come. */
  async build(context: Uint8Array, options: BuildOptions, signal: AbortSignal): Promise<AsyncIterable<JSONMessage>> {
    return this.start(context, options, signal);
  }

  /** Like build(), with the builder's result (image ID, per-step cache reports) as well. */
  start(context: Uint8Array, options: BuildOptions, signal: AbortSignal): BuildRun {
    const opts: BuilderOptions = {
      context,
      tags: options.tags,
      buildArgs: options.buildArgs,
      labels: options.labels,
      noCache: options.noCache,
      pull: options.pull,
      signal,
    };
    // Docker's default name: let the builder try Containerfile, then Dockerfile.
    if (options.dockerfile && options.dockerfile !== 'Dockerfile') opts.dockerfile = options.dockerfile;
    if (options.target) opts.target = options.target;
    if (options.platform) opts.platform = options.platform;
    return build(opts, { store: this.ctx.images, executor: this.executor, resolveBaseImage: resolveBaseImageWith(this.images) });
  }
}
