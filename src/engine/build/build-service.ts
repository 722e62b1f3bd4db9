// The build backend (the daemon's BuildBackend): runs the legacy builder (classic-builder.ts)
// over a context tar and reports moby's progress messages.
import { jsonErrorMessage, type JSONMessage } from '../../api/index.js';
import type { ContainerService } from '../container-service.js';
import type { EngineContext } from '../engine-context.js';
import type { ImageService } from '../image-service.js';
import { runClassicBuild, type BuildOptions } from './classic-builder.js';

export type { BuildOptions } from './classic-builder.js';

/** Implements the daemon's BuildBackend. */
export class BuildService {
  constructor(private readonly ctx: EngineContext, private readonly containers: ContainerService, private readonly images: ImageService) {}

  async build(context: Uint8Array, options: BuildOptions, signal: AbortSignal): Promise<AsyncIterable<JSONMessage>> {
    const queue: JSONMessage[] = [];
    let wake: (() => void) | undefined;
    let finished = false;
    const emit = (m: JSONMessage) => { queue.push(m); wake?.(); };
    void runClassicBuild({ ctx: this.ctx, containers: this.containers, images: this.images }, context, options, emit, signal)
      .catch((e: Error & { code?: number }) => emit(jsonErrorMessage(e.message, e.code ?? 1)))
      .finally(() => { finished = true; wake?.(); });
    return (async function* () {
      for (;;) {
        while (queue.length > 0) yield queue.shift()!;
        if (finished) return;
        await new Promise<void>((r) => { wake = r; });
        wake = undefined;
      }
    })();
  }
}
