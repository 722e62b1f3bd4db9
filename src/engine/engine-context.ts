// What every part of the engine shares: the machine it runs on (its host process's syscalls),
// the stores, the event bus, the clock and randomness, and the live (non-persisted) side of
// each container. The machine changes only when a kernel panic makes the engine reboot.
import { join } from 'node:path';
import type { Sys } from '../abi/index.js';
import { CLOCK } from '../abi/index.js';
import type { ImageStore } from '../image/index.js';
import type { Libc } from '../userland/libc/index.js';
import type { CatalogueImage } from './base-images/catalogue.js';
import { ContainerLive, type RunHandle } from './container/container-live.js';
import type { LayerDirs } from './container/layer-dirs.js';
import { HostMachine } from './host-machine.js';
import type { ContainerRecord } from './container/container-record.js';
import type { ContainerStore } from './container/container-store.js';
import { EventBus } from './util/event-bus.js';
import { VolumeStore } from './volume/volume-store.js';
import type { RandomBytes } from './util/random-source.js';
import { parseRfc3339, type TimeNs } from './util/time-format.js';

/** Where the engine logs what it cannot tell a client (skipped cgroups, failed cleanups). */
export interface EngineLogger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
}

/** The engine's shared state. */
export class EngineContext {
  readonly events = new EventBus();
  private readonly live = new Map<string, ContainerLive>();
  private current: HostMachine;
  /** Volumes on the data root (<dataRoot>/volumes). */
  readonly volumes: VolumeStore;
  /** Resolves once the engine runs on a live kernel (pending while it reboots after a panic). */
  private booted: Promise<void> = Promise.resolve();

  constructor(
    /** The engine's privileged host process (Kernel.spawn({external: true}).sys). */
    sys: Sys,
    readonly containers: ContainerStore,
    readonly images: ImageStore,
    readonly catalogue: Map<string, CatalogueImage>,
    readonly random: RandomBytes,
    readonly log: EngineLogger,
    /** In-kernel directory for container root filesystems (/var/lib/skiff). */
    readonly kernelRoot: string,
    /** Engine facts for /info and /version. */
    readonly identity: { name: string; id: string; dataRoot: string; version: string },
  ) {
    this.current = new HostMachine(sys, kernelRoot, 1);
    this.volumes = new VolumeStore(join(identity.dataRoot, 'volumes'));
  }

  /** The machine the engine runs on now. A container run keeps the one it started on (RunHandle.machine). */
  get machine(): HostMachine {
    return this.current;
  }

  /** The current machine's host process. */
  get sys(): Sys {
    return this.current.sys;
  }

  get libc(): Libc {
    return this.current.libc;
  }

  /** Image layers extracted into the current kernel. */
  get layers(): LayerDirs {
    return this.current.layers;
  }

  /** Waits while the engine reboots after a kernel panic; at once otherwise. */
  ready(): Promise<void> {
    return this.booted;
  }

  /**
   * Reboots: until `boot` resolves with the fresh machine, ready() waits; then the engine
   * switches to it. Operations already under way keep the machine they captured.
   */
  rebootWith(boot: Promise<HostMachine | undefined>): Promise<void> {
    this.booted = boot.then((m) => { if (m) this.current = m; }, () => undefined);
    return this.booted;
  }

  /** The runs in progress (on any machine). */
  runs(): RunHandle[] {
    return [...this.live.values()].flatMap((l) => (l.run ? [l.run] : []));
  }

  /** CLOCK_REALTIME of the simulated machine, in ns. */
  async now(): Promise<TimeNs> {
    const r = await this.sys.clock_gettime(CLOCK.REALTIME);
    if (!r.ok) return BigInt(Date.now()) * 1_000_000n;
    return BigInt(r.value.sec) * 1_000_000_000n + BigInt(r.value.nsec);
  }

  /** The latest creation time handed out (undefined: not yet read from the stored containers). */
  private lastCreated: TimeNs | undefined;

  /**
   * A container's creation time: now, but strictly after every other container's, so the
   * creation order survives a reload even when the virtual clock has not moved between creates.
   */
  async creationTime(): Promise<TimeNs> {
    if (this.lastCreated === undefined) {
      this.lastCreated = 0n;
      for (const r of this.containers.all()) {
        const t = parseRfc3339(r.created);
        if (t !== undefined && t > this.lastCreated) this.lastCreated = t;
      }
    }
    let t = await this.now();
    if (t <= this.lastCreated) t = this.lastCreated + 1n;
    this.lastCreated = t;
    return t;
  }

  /** The live side of a container, created on first use. */
  liveOf(rec: ContainerRecord): ContainerLive {
    let l = this.live.get(rec.id);
    if (!l) {
      l = new ContainerLive(rec.id);
      this.live.set(rec.id, l);
    }
    return l;
  }

  /** Forgets the live side (after remove). */
  dropLive(id: string): void {
    this.live.delete(id);
  }

  /** The container's directory in the kernel: rootfs (overlay mount point), diff (upper), work, init. */
  containerDir(id: string): string {
    return `${this.kernelRoot}/containers/${id}`;
  }

  /** The container's root filesystem in the kernel (an overlay mount). */
  rootfsPath(id: string): string {
    return `${this.containerDir(id)}/rootfs`;
  }

  /** The container's writable layer (overlay upperdir): its changes to the image. */
  upperPath(id: string): string {
    return `${this.containerDir(id)}/diff`;
  }

  /** The container's cgroup directory. */
  cgroupPath(id: string): string {
    return `/sys/fs/cgroup/skiff/${id}`;
  }

  /** Emits a container event with Docker's attributes (name, image, labels). */
  async containerEvent(rec: ContainerRecord, action: string, extra: Record<string, string> = {}): Promise<void> {
    const attrs: Record<string, string> = { ...(rec.config.Labels ?? {}), image: rec.image, name: rec.name, ...extra };
    this.events.emit('container', action, rec.id, attrs, await this.now());
  }
}
