// The live, in-memory side of a container: its current run (pid, stdin), output subscribers
// (attach sessions), the json-file log, waiters, and a lock serialising start/stop/remove.
import type { HostMachine } from '../host-machine.js';
import type { JsonLog } from '../util/json-log.js';
import type { ConsoleSize } from '../../runtime/index.js';
import { RestartManager } from './restart-manager.js';

/** Output of the container, as attach sessions receive it. */
export type OutputListener = (stream: 'stdout' | 'stderr', chunk: Uint8Array) => void;

/** A promise with its resolve function. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

/** A promise that can be resolved from outside. */
export function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

/** One run (start → exit) of a container. */
export interface RunHandle {
  generation: number;
  /** The machine the run's processes live on: pid and stdinFd mean something only there. */
  machine: HostMachine;
  pid: number;
  /**
   * Engine-side write end of the container's stdin: its pipe, or (with a TTY and OpenStdin) a
   * copy of the pty master; null when there is none or it was closed.
   */
  stdinFd: number | null;
  /** The pty master of a TTY container while its output is pumped (resize target), else null. */
  console: number | null;
  cgroupEnabled: boolean;
  /** Resolves once the run is over: output drained, state updated, events sent. */
  ended: Deferred<void>;
}

/** The live side of one container. */
export class ContainerLive {
  log?: JsonLog;
  run?: RunHandle;
  /** Number of runs started so far in this engine. */
  generation = 0;
  readonly listeners = new Set<OutputListener>();
  /** Waiters for the end of run number N. */
  private readonly runEnds = new Map<number, Deferred<void>>();
  /** Waiters for removal. */
  readonly removed = deferred<void>();
  /** The machine on which the container's root is mounted (undefined: not mounted by this engine). */
  rootfsOn?: HostMachine;
  /** The writable layer changed since it was last saved to the data root (a run started). */
  layerUnsaved = false;
  /** Whether the data root holds a saved writable layer (undefined: not known, look). */
  layerOnDisk?: boolean;
  /** Removed by the engine right after its run (a build step): its writable layer is never saved. */
  ephemeral = false;
  /** The save of the writable layer in progress, if any. */
  layerSave?: Promise<void>;
  /** A resize that came before the first start of a TTY container: its initial size. */
  pendingSize?: ConsoleSize;
  /** The restart policy's state (retries, back-off, cancellation). */
  readonly restarts = new RestartManager();
  /** Stops the health checks of the current run, if any. */
  stopHealth?: () => void;
  /** Waiters for the container to stop for good (not running, not restarting). */
  private readonly notRunningWaiters: Deferred<void>[] = [];
  private lock: Promise<unknown> = Promise.resolve();

  constructor(readonly id: string) {}

  /** Resolves when run `generation` has ended (or at once if it already has). */
  runEnd(generation: number): Promise<void> {
    let d = this.runEnds.get(generation);
    if (!d) {
      d = deferred<void>();
      this.runEnds.set(generation, d);
    }
    return d.promise;
  }

  /** Marks run `generation` over. */
  endRun(generation: number): void {
    const d = this.runEnds.get(generation) ?? deferred<void>();
    this.runEnds.set(generation, d);
    d.resolve();
  }

  /** Resolves once the container is neither running nor waiting to restart (call settle()). */
  whenNotRunning(): Promise<void> {
    const d = deferred<void>();
    this.notRunningWaiters.push(d);
    return d.promise;
  }

  /** The container stopped for good: wakes whenNotRunning() waiters. */
  settle(): void {
    for (const d of this.notRunningWaiters.splice(0)) d.resolve();
  }

  /** Sends output to every attached listener. */
  broadcast(stream: 'stdout' | 'stderr', chunk: Uint8Array): void {
    for (const l of this.listeners) l(stream, chunk);
  }

  /** Runs `fn` after every earlier locked operation on this container. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }
}
