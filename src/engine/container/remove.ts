// docker rm (with -f), --rm's automatic removal, rename and prune.
import { SIG } from '../../abi/index.js';
import { ApiError, type ContainerPruneReport, type Filters } from '../../api/index.js';
import { releaseRootfs, removeAll } from '../../runtime/index.js';
import type { EngineContext } from '../engine-context.js';
import { nameConflict } from '../util/errors.js';
import { parseRfc3339 } from '../util/time-format.js';
import { isRunning, type ContainerRecord } from './container-record.js';
import { checkedName } from './create.js';

/** Removes a container (the caller holds its lock). */
export async function removeOp(ctx: EngineContext, rec: ContainerRecord, force: boolean): Promise<void> {
  if (!ctx.containers.find(rec.id)) return;
  const live = ctx.liveOf(rec);
  if (isRunning(rec)) {
    if (!force) {
      const what = rec.state.status === 'paused' ? 'container is paused and must be unpaused first'
        : rec.state.status === 'restarting' ? 'container is restarting: stop the container before removing or force remove'
          : 'container is running: stop the container before removing or force remove';
      throw ApiError.conflict(`cannot remove container "/${rec.name}": ${what}`);
    }
    rec.state.stoppedByUser = true;
    live.restarts.cancel();
    if (live.run) {
      await live.run.machine.sys.kill(live.run.pid, SIG.KILL);
      await ctx.containerEvent(rec, 'kill', { signal: String(SIG.KILL) });
      await live.run.ended.promise;
    }
  }
  rec.state.status = 'removing';
  await live.layerSave; // not written back after the directory is gone
  const rootfs = ctx.rootfsPath(rec.id);
  try {
    await releaseRootfs(ctx.libc, rootfs);
    await removeAll(ctx.libc, ctx.containerDir(rec.id));
  } catch (e) {
    ctx.log.warn(`container ${rec.id.slice(0, 12)}: cleaning up the root filesystem failed: ${(e as Error).message}`);
  }
  await ctx.containers.remove(rec.id);
  live.settle();
  await ctx.containerEvent(rec, 'destroy');
  live.removed.resolve();
  ctx.dropLive(rec.id);
}

/** docker rename. */
export async function renameOp(ctx: EngineContext, rec: ContainerRecord, newName: string): Promise<void> {
  const name = checkedName(newName);
  if (name === rec.name) throw ApiError.invalidParameter(`Renaming a container with the same name as its current name`);
  const holder = ctx.containers.byName(name);
  if (holder) throw nameConflict(name, holder.id);
  const oldName = rec.name;
  ctx.containers.rename(rec, name);
  await ctx.containers.save(rec);
  await ctx.containerEvent(rec, 'rename', { oldName: `/${oldName}` });
}

/** Whether `rec` passes prune's filters (until, label, label!). */
function prunable(rec: ContainerRecord, filters: Filters): boolean {
  for (const until of filters.until ?? []) {
    const limit = /^\d+(\.\d+)?$/.test(until) ? BigInt(Math.floor(Number(until) * 1e9)) : parseRfc3339(until);
    const created = parseRfc3339(rec.created);
    if (limit !== undefined && created !== undefined && created >= limit) return false;
  }
  const labels = rec.config.Labels ?? {};
  const has = (spec: string) => {
    const i = spec.indexOf('=');
    return i < 0 ? spec in labels : labels[spec.slice(0, i)] === spec.slice(i + 1);
  };
  for (const l of filters.label ?? []) if (!has(l)) return false;
  for (const l of filters['label!'] ?? []) if (has(l)) return false;
  return true;
}

/** docker container prune: every stopped container matching the filters. */
export async function pruneOp(ctx: EngineContext, filters: Filters): Promise<ContainerPruneReport> {
  for (const key of Object.keys(filters)) {
    if (!['until', 'label', 'label!'].includes(key)) throw ApiError.invalidParameter(`invalid filter '${key}'`);
  }
  const deleted: string[] = [];
  for (const rec of ctx.containers.all()) {
    if (isRunning(rec) || !prunable(rec, filters)) continue;
    await ctx.liveOf(rec).exclusive(() => removeOp(ctx, rec, false));
    deleted.push(rec.id);
  }
  return { ContainersDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: 0 };
}
