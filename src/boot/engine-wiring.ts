// Connects the engine to the booted machine and the data root, and hands the daemon its
// Backends. The one place that knows how the engine is constructed.
import { join } from 'node:path';
import type { Backends } from '../daemon/index.js';
import { createEngine, type EngineLogger } from '../engine/index.js';
import { ImageStore } from '../image/index.js';
import { skiffElf } from '../userland/applet.js';
import { APPLET_NAMES } from '../userland/busybox.js';
import type { Machine } from './machine.js';

export interface EngineHandle {
  backends: Backends;
  /** Stops running containers and saves state. */
  shutdown(): Promise<void>;
}

export interface EngineWiringOptions {
  machine: Machine;
  dataRoot: string;
  log?: EngineLogger;
}

/** Starts the engine over the machine's privileged host process. */
export async function startEngine(options: EngineWiringOptions): Promise<EngineHandle> {
  const { machine, dataRoot } = options;
  const imageStore = await ImageStore.open(join(dataRoot, 'image'));
  const engine = await createEngine({
    sys: machine.host.sys,
    dataRoot,
    imageStore,
    userland: { executable: skiffElf, applets: APPLET_NAMES },
    machine: { ncpus: machine.kernel.ncpus, memoryBytes: machine.kernel.memoryBytes },
    log: options.log,
  });
  return {
    backends: { system: engine.system, container: engine.container, exec: engine.exec, image: engine.image, build: engine.build },
    shutdown: () => engine.shutdown(),
  };
}
