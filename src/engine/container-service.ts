// The container backend (the daemon's ContainerBackend): resolves names, takes each container's
// lock for state changes, and delegates to the operations in container/.
import { ApiError, type ChangeItem, type ContainerCreateResponse, type ContainerInspect, type ContainerPruneReport, type ContainerSummary, type Filters, type StatsJSON, type TopResult, type WaitCondition } from '../api/index.js';
import type { AttachOptions, ContainerCreateOptions, LogsOptions, LogStream, StopOptions, WaitHandle } from '../api/index.js';
import type { StreamSession } from './backend-types.js';
import { createContainer } from './container/create.js';
import { containerChanges, exportContainer } from './container/filesystem.js';
import { killOp, pauseOp, startOp, stopOp, unpauseOp, type LifecycleHooks } from './container/lifecycle.js';
import { statsOp, topOp } from './container/observe.js';
import { pruneOp, removeOp, renameOp } from './container/remove.js';
import { setConsoleSize, winsizeOf } from './container/console-size.js';
import { attachOp, logsOp, requireContainer, waitOp } from './container/streams.js';
import { inspectView, summaryView } from './container/views.js';
import type { EngineContext } from './engine-context.js';
import { isRunning, type ContainerRecord } from './container/container-record.js';
import { removeAnonymousVolumes } from './volume/container-mounts.js';

/** Machine facts stats need. */
export interface MachineFacts {
  ncpus: number;
  memoryBytes: number;
}

/** Implements the daemon's ContainerBackend. */
export class ContainerService {
  private readonly hooks: LifecycleHooks;
  /** Exec IDs per container (filled by the exec service). */
  readonly execIds = new Map<string, string[]>();

  constructor(private readonly ctx: EngineContext, private readonly machine: MachineFacts) {
    this.hooks = {
      // --rm removes the container's anonymous volumes too, as `rm -v` does.
      autoRemove: (rec) => this.ctx.liveOf(rec).exclusive(() => removeOp(this.ctx, rec, true)).then(() => removeAnonymousVolumes(this.ctx, rec)).catch((e) => {
        this.ctx.log.warn(`auto-remove of ${rec.id.slice(0, 12)} failed: ${(e as Error).message}`);
      }),
    };
  }

  private get(name: string): ContainerRecord {
    return requireContainer(this.ctx, name);
  }

  private locked<T>(rec: ContainerRecord, fn: () => Promise<T>): Promise<T> {
    return this.ctx.liveOf(rec).exclusive(fn);
  }

  containerCreate(options: ContainerCreateOptions): Promise<ContainerCreateResponse> {
    return createContainer(this.ctx, options.name, options.config);
  }

  async containerList(_options: { size: boolean }): Promise<ContainerSummary[]> {
    const now = await this.ctx.now();
    return this.ctx.containers.all().map((r) => summaryView(r, now));
  }

  async containerInspect(name: string, _options: { size: boolean }): Promise<ContainerInspect> {
    const rec = this.get(name);
    const { ctx } = this;
    const layers = await ctx.images.inspect(rec.imageId).then((d) => d.layers.map((l) => ctx.layers.pathOf(l)).reverse(), () => []);
    return inspectView(rec, {
      dir: ctx.containers.dir(rec.id), rootfs: ctx.rootfsPath(rec.id), upper: ctx.upperPath(rec.id), work: `${ctx.containerDir(rec.id)}/work`,
      lower: [`${ctx.containerDir(rec.id)}/init`, ...layers],
    }, this.execIds.get(rec.id) ?? []);
  }

  async containerStart(name: string, _options: { detachKeys?: string }): Promise<void> {
    const rec = this.get(name);
    await this.locked(rec, () => startOp(this.ctx, rec, this.hooks));
  }

  async containerStop(name: string, options: StopOptions): Promise<void> {
    const rec = this.get(name);
    await this.locked(rec, () => stopOp(this.ctx, rec, options));
  }

  async containerRestart(name: string, options: StopOptions): Promise<void> {
    const rec = this.get(name);
    await this.locked(rec, async () => {
      if (isRunning(rec)) await stopOp(this.ctx, rec, options);
      await startOp(this.ctx, rec, this.hooks);
      await this.ctx.containerEvent(rec, 'restart');
    });
  }

  async containerKill(name: string, signal: string): Promise<void> {
    const rec = this.get(name);
    await killOp(this.ctx, rec, signal);
  }

  async containerWait(name: string, condition: WaitCondition, signal: AbortSignal): Promise<WaitHandle> {
    return waitOp(this.ctx, this.get(name), condition, signal);
  }

  containerAttach(name: string, options: AttachOptions): Promise<StreamSession> {
    return attachOp(this.ctx, this.get(name), options);
  }

  /**
   * POST /containers/{id}/resize: TIOCSWINSZ on the pty master of a running TTY container
   * (the foreground process group gets SIGWINCH). A created container keeps the size for its
   * start, so the CLI's first resize never races the start; otherwise moby's 409.
   */
  async containerResize(name: string, height: number, width: number): Promise<void> {
    const rec = this.get(name);
    const live = this.ctx.liveOf(rec);
    const size = winsizeOf(height, width);
    if (rec.state.status === 'created') {
      live.pendingSize = size;
      return;
    }
    const run = live.run;
    if (!isRunning(rec) || !run || rec.state.status === 'restarting') throw ApiError.conflict(`Container ${rec.id} is not running`);
    live.pendingSize = size;
    if (run.console === null) return;
    await setConsoleSize(this.ctx.sys, run.console, size).catch(() => undefined); // the run may just have ended
    await this.ctx.containerEvent(rec, 'resize', { height: String(size.rows), width: String(size.cols) });
  }

  containerLogs(name: string, options: LogsOptions, signal: AbortSignal): Promise<LogStream> {
    return logsOp(this.ctx, this.get(name), options, signal);
  }

  containerTop(name: string, _psArgs: string): Promise<TopResult> {
    return topOp(this.ctx, this.get(name));
  }

  async containerStats(name: string, options: { stream: boolean; oneShot: boolean }, signal: AbortSignal): Promise<AsyncIterable<StatsJSON>> {
    return statsOp(this.ctx, this.get(name), this.machine, options, signal);
  }

  async containerPause(name: string): Promise<void> {
    const rec = this.get(name);
    await this.locked(rec, () => pauseOp(this.ctx, rec));
  }

  async containerUnpause(name: string): Promise<void> {
    const rec = this.get(name);
    await this.locked(rec, () => unpauseOp(this.ctx, rec));
  }

  async containerRename(name: string, newName: string): Promise<void> {
    const rec = this.get(name);
    await this.locked(rec, () => renameOp(this.ctx, rec, newName));
  }

  async containerRemove(name: string, options: { force: boolean; removeVolumes: boolean; removeLink: boolean }): Promise<void> {
    const rec = this.get(name);
    await this.locked(rec, () => removeOp(this.ctx, rec, options.force));
    if (options.removeVolumes) await removeAnonymousVolumes(this.ctx, rec);
  }

  containerPrune(filters: Filters): Promise<ContainerPruneReport> {
    return pruneOp(this.ctx, filters);
  }

  containerChanges(name: string): Promise<ChangeItem[]> {
    return containerChanges(this.ctx, this.get(name));
  }

  async containerExport(name: string, _signal: AbortSignal): Promise<AsyncIterable<Uint8Array>> {
    const tar = await exportContainer(this.ctx, this.get(name));
    return (async function* () { yield tar; })();
  }
}
