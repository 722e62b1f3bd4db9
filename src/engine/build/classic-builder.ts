// The legacy (classic) builder: placeholder until the executor lands.
import type { JSONMessage } from '../../api/index.js';
import type { ContainerService } from '../container-service.js';
import type { EngineContext } from '../engine-context.js';
import type { ImageService } from '../image-service.js';

/** Query options of POST /build, decoded by the daemon. */
export interface BuildOptions {
  tags: string[];
  dockerfile: string;
  buildArgs: Record<string, string | null>;
  labels: Record<string, string>;
  target?: string;
  noCache: boolean;
  pull: boolean;
  quiet: boolean;
  rm: boolean;
  forceRm: boolean;
  networkMode?: string;
  platform?: string;
  memory?: number;
  cpuShares?: number;
  cacheFrom: string[];
  extraHosts?: string;
  shmSize?: number;
}

/** What the builder drives. */
export interface BuilderDeps {
  ctx: EngineContext;
  containers: ContainerService;
  images: ImageService;
}

/** Runs a build, emitting progress messages; throws (message, code) on failure. */
export async function runClassicBuild(_deps: BuilderDeps, _context: Uint8Array, _options: BuildOptions, _emit: (m: JSONMessage) => void, _signal: AbortSignal): Promise<void> {
  throw Object.assign(new Error('the builder is not available yet'), { code: 1 });
}
