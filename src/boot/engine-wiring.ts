// Connects the engine to the booted machine and the data root, and hands the daemon its
// Backends. The one place that knows how the engine is constructed, and how it gets a fresh
// machine when the kernel panics.
import { join } from 'node:path';
import type { Backends } from '../daemon/index.js';
import { createEngine, type EngineLogger } from '../engine/index.js';
import { ImageStore } from '../image/index.js';
import { skiffElf } from '../userland/applet.js';
import { APPLET_NAMES } from '../userland/busybox.js';
import { rebootMachine, type Machine, type MachineOptions } from './machine.js';
import { attachHostDirectories } from '../kernel/fs/hostfs/index.js';
import { HostExports } from './host-directory.js';

export interface EngineHandle {
  backends: Backends;
  /** The machine the engine runs on now (a new one after each kernel panic). */
  machine(): Machine;
  /** Stops running containers and saves state. */
  shutdown(): Promise<void>;
}

export interface EngineWiringOptions {
  machine: Machine;
  dataRoot: string;
  log?: EngineLogger;
  /** How replacement machines boot after a panic (clock kind, kernel log); CPUs and memory are the first machine's. */
  machineOptions?: MachineOptions;
}

/** Starts the engine over the machine's privileged host process. */
export async function startEngine(options: EngineWiringOptions): Promise<EngineHandle> {
  const { dataRoot } = options;
  let machine = options.machine;
  // The real directories the machines may mount (hostfs): those the engine asks for, one by one.
  const hostDirs = new HostExports();
  attachHostDirectories(machine.kernel, hostDirs);
  const imageStore = await ImageStore.open(join(dataRoot, 'image'));
  const engine = await createEngine({
    sys: machine.host.sys,
    dataRoot,
    imageStore,
    userland: { executable: skiffElf, applets: APPLET_NAMES },
    machine: { ncpus: machine.kernel.ncpus, memoryBytes: machine.kernel.memoryBytes },
    log: options.log,
    allowHostDirectory: (dir) => hostDirs.allow(dir),
    watchPanic: (onPanic) => { machine.kernel.onPanic = onPanic; },
    reboot: async () => {
      const fresh = await rebootMachine(machine, options.machineOptions);
      attachHostDirectories(fresh.kernel, hostDirs);
      machine = fresh;
      return { sys: fresh.host.sys, watchPanic: (onPanic) => { fresh.kernel.onPanic = onPanic; } };
    },
  });
  return {
    backends: { system: engine.system, container: engine.container, exec: engine.exec, image: engine.image, build: engine.build, volume: engine.volume },
    machine: () => machine,
    shutdown: () => engine.shutdown(),
  };
}
