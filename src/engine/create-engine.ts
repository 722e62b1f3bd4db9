// createEngine: the composition of the engine (dockerd's daemon package) over a host process
// of the simulated kernel, a data root on the real disk and an ImageStore. Reloads stored
// containers like moby's restore: running ones come back exited (255: the machine they ran on
// is gone), those whose restart policy says so are started again, leftover --rm ones removed.
// Wires the kernel's panic to a reboot onto a fresh machine (kernel-panic.ts).
import { join } from 'node:path';
import type { Sys } from '../abi/index.js';
import type { ImageStore } from '../image/index.js';
import { defaultImagesDir, loadCatalogue, type UserlandFiles } from './base-images/catalogue.js';
import { BuildService } from './build/build-service.js';
import { ContainerStore } from './container/container-store.js';
import { isRunning, type ContainerRecord } from './container/container-record.js';
import { HOST_DOWN_EXIT_CODE } from './container/lifecycle.js';
import { restartsOnBoot } from './container/restart-manager.js';
import { saveWritableLayer } from './container/writable-layer.js';
import { panicHandler, type RebootHook } from './kernel-panic.js';
import { ContainerService } from './container-service.js';
import { EngineContext, type EngineLogger } from './engine-context.js';
import { ExecService } from './exec-service.js';
import { ImageService } from './image-service.js';
import { SystemService } from './system-service.js';
import { rfc3339Nano } from './util/time-format.js';
import type { RandomBytes } from './util/random-source.js';
import { VolumeService } from './volume/volume-service.js';

/** What createEngine needs. */
export interface EngineOptions {
  /** A privileged host process's syscalls: `kernel.spawn({ external: true }).sys` (e.g. Machine.host.sys). */
  sys: Sys;
  /** Engine state on the real disk: containers/<id>/{config.v2.json,<id>-json.log}. */
  dataRoot: string;
  /** The image store (ImageStore.open(<dataRoot>/image or wherever boot keeps it)). */
  imageStore: ImageStore;
  /** How base-image executables are written: skiffElf and busybox's APPLET_NAMES. */
  userland: UserlandFiles;
  /** Virtual CPUs and memory of the machine (Kernel.ncpus, Kernel.memoryBytes), for stats and info. */
  machine: { ncpus: number; memoryBytes: number };
  /** Registers the engine's handler for a panic of the machine's kernel (Kernel.onPanic). */
  watchPanic?: (onPanic: (reason: string) => void) => void;
  /** Boots a fresh machine like the first one, after a panic. Without it, a panic leaves the engine unable to start containers. */
  reboot?: RebootHook;
  /**
   * Lets the machine mount a real directory with hostfs (boot's HostExports.allow): called with
   * each bind source and volume folder before the engine mounts it. Without it, only what the
   * machine was booted with is mountable.
   */
  allowHostDirectory?: (dir: string) => void;
  /** Folder of base image YAML definitions (default: the repository's images/). */
  imagesDir?: string;
  /** Randomness for IDs and names (default: the kernel's getrandom through `sys`). */
  random?: RandomBytes;
  log?: EngineLogger;
  /** In-kernel directory for container root filesystems (default /var/lib/skiff). */
  kernelRoot?: string;
  /** Name and ID for /info (defaults: "skiff" and a fixed ID). */
  name?: string;
  id?: string;
  version?: string;
}

/** The engine: one object per daemon Backend interface, plus shutdown. */
export interface Engine {
  container: ContainerService;
  exec: ExecService;
  image: ImageService;
  build: BuildService;
  system: SystemService;
  volume: VolumeService;
  /** Stops every running container (SIGTERM, then SIGKILL after `timeout` seconds) and saves state. */
  shutdown(timeout?: number): Promise<void>;
}

const quietLog: EngineLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Builds the engine and reloads its containers from the data root. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const sys = options.sys;
  const random: RandomBytes = options.random ?? (async (n) => {
    const r = await sys.getrandom(n);
    if (!r.ok) throw new Error(`getrandom failed: errno ${r.errno}`);
    return r.value;
  });
  const catalogue = await loadCatalogue(options.imagesDir ?? defaultImagesDir(), options.userland);
  const store = new ContainerStore(join(options.dataRoot, 'containers'));
  const ctx = new EngineContext(sys, store, options.imageStore, catalogue, random, options.log ?? quietLog,
    options.kernelRoot ?? '/var/lib/skiff',
    { name: options.name ?? 'skiff', id: options.id ?? 'SKIF:F000:0000:0000:0000:0000:0000:0000', dataRoot: options.dataRoot, version: options.version ?? '28.2.2-skiff' });
  options.watchPanic?.(panicHandler(ctx, ctx.machine, options.reboot));
  if (options.allowHostDirectory) ctx.volumes.allowHost = options.allowHostDirectory;
  await ctx.volumes.load();
  const { records, problems } = await store.load();
  for (const p of problems) ctx.log.warn(`skipping stored container: ${p}`);
  const now = rfc3339Nano(await ctx.now());
  for (const rec of records) {
    if (isRunning(rec)) {
      // The machine was powered off under it: moby gives a container whose task is gone 255.
      rec.state = { ...rec.state, status: 'exited', pid: 0, exitCode: HOST_DOWN_EXIT_CODE, finishedAt: now, restarting: false };
      await store.save(rec);
    }
  }
  const container = new ContainerService(ctx, options.machine);
  const image = new ImageService(ctx);
  const exec = new ExecService(ctx, container);
  const build = new BuildService(ctx, container, image);
  const system = new SystemService(ctx, container, image, options.machine);
  const volume = new VolumeService(ctx);
  await restore(ctx, container, records);
  return {
    container, exec, image, build, system, volume,
    async shutdown(timeout = 10) {
      await Promise.all(store.all().filter(isRunning).map((rec) =>
        container.containerStop(rec.id, { timeout }).catch((e) => ctx.log.warn(`stopping ${rec.id.slice(0, 12)}: ${(e as Error).message}`))));
      // Stopped runs saved their writable layers; retry any save that failed.
      await Promise.all(store.all().filter((rec) => !isRunning(rec) && ctx.liveOf(rec).layerUnsaved).map((rec) =>
        saveWritableLayer(ctx, rec).catch((e) => ctx.log.warn(`saving the writable layer of ${rec.id.slice(0, 12)}: ${(e as Error).message}`))));
    },
  };
}

/**
 * The second half of moby's restore, after every container is loaded: starts the containers
 * whose restart policy says so (as a manual start: the policy count starts over) and removes
 * --rm containers the last daemon did not get to remove.
 */
async function restore(ctx: EngineContext, container: ContainerService, records: ContainerRecord[]): Promise<void> {
  const starts: Promise<void>[] = [];
  for (const rec of records) {
    if (restartsOnBoot(rec.hostConfig.RestartPolicy, rec.state, rec.restartCount)) {
      starts.push(container.containerStart(rec.id, {}).catch((e) => ctx.log.error(`failed to start container ${rec.id.slice(0, 12)}: ${(e as Error).message}`)));
    } else if (rec.hostConfig.AutoRemove) {
      starts.push(container.containerRemove(rec.id, { force: true, removeVolumes: true, removeLink: false })
        .catch((e) => ctx.log.error(`failed to remove container ${rec.id.slice(0, 12)}: ${(e as Error).message}`)));
    }
  }
  await Promise.all(starts);
}
