// The volume backend (the daemon's VolumeBackend): list, inspect, create, remove and prune of
// local volumes, with the reference counts of the containers that mount them, and /system/df's
// usage. Volumes live in VolumeStore (volume-store.ts).
import { ApiError, type Filters, type Volume, type VolumeCreateRequest, type VolumePruneReport } from '../../api/index.js';
import type { EngineContext } from '../engine-context.js';
import { randomId } from '../util/random-source.js';
import { volumeTimestamp, volumeUsers } from './container-mounts.js';
import { ANONYMOUS_LABEL, type VolumeRecord } from './volume-store.js';

/** Implements the daemon's VolumeBackend. */
export class VolumeService {
  constructor(private readonly ctx: EngineContext) {}

  private view(v: VolumeRecord, usage?: { Size: number; RefCount: number }): Volume {
    const vol: Volume = {
      CreatedAt: v.createdAt, Driver: 'local', Labels: v.labels, Mountpoint: this.ctx.volumes.dataPath(v.name), Name: v.name,
      Options: Object.keys(v.options).length > 0 ? v.options : null, Scope: 'local',
    };
    if (usage) vol.UsageData = usage;
    return vol;
  }

  /** Every volume, with its reference count (the daemon's `dangling` filter reads it). */
  async volumeList(): Promise<Volume[]> {
    await this.ctx.volumes.load();
    return this.ctx.volumes.all().map((v) => this.view(v, { Size: -1, RefCount: volumeUsers(this.ctx, v.name).length }));
  }

  async volumeInspect(name: string): Promise<Volume> {
    await this.ctx.volumes.load();
    return this.view(this.ctx.volumes.require(name));
  }

  /** Only the local driver exists (404 for another, as for a missing plugin). */
  async volumeCreate(request: VolumeCreateRequest): Promise<Volume> {
    const driver = request.Driver || 'local';
    const name = request.Name || (await randomId(this.ctx.random));
    if (driver !== 'local') throw ApiError.notFound(`create ${name}: error looking up volume plugin ${driver}: plugin "${driver}" not found`);
    const labels = { ...(request.Labels ?? {}) };
    if (!request.Name) labels[ANONYMOUS_LABEL] = '';
    const rec = await this.ctx.volumes.create(name, await volumeTimestamp(this.ctx), labels, { ...(request.DriverOpts ?? {}) });
    await this.event(name, 'create');
    return this.view(rec);
  }

  /** 409 "remove <name>: volume is in use - [<ids>]"; a missing volume is 404 unless `force`. */
  async volumeRemove(name: string, options: { force: boolean }): Promise<void> {
    await this.ctx.volumes.load();
    if (!this.ctx.volumes.get(name)) {
      if (options.force) return;
      this.ctx.volumes.require(name);
    }
    const users = volumeUsers(this.ctx, name);
    if (users.length > 0) throw ApiError.conflict(`remove ${name}: volume is in use - [${users.join(', ')}]`);
    await this.ctx.volumes.remove(name);
    await this.event(name, 'destroy');
  }

  /**
   * Removes unused volumes: anonymous ones only, unless the filter `all` is true (the daemon
   * adds it for API < 1.42, where prune removed named volumes too). Filters: label, label!, all.
   */
  async volumePrune(filters: Filters): Promise<VolumePruneReport> {
    for (const key of Object.keys(filters)) {
      if (!['label', 'label!', 'all'].includes(key)) throw ApiError.invalidParameter(`invalid filter '${key}'`);
    }
    const all = (filters.all ?? []).some((v) => v === 'true' || v === '1');
    await this.ctx.volumes.load();
    const deleted: string[] = [];
    let reclaimed = 0;
    for (const v of this.ctx.volumes.all()) {
      if (!all && !(ANONYMOUS_LABEL in v.labels)) continue;
      if (!labelsMatch(v.labels, filters) || volumeUsers(this.ctx, v.name).length > 0) continue;
      reclaimed += await this.ctx.volumes.size(v.name);
      await this.ctx.volumes.remove(v.name);
      await this.event(v.name, 'destroy');
      deleted.push(v.name);
    }
    return { VolumesDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: reclaimed };
  }

  /** Volumes with UsageData for /system/df. */
  async usage(): Promise<Volume[]> {
    await this.ctx.volumes.load();
    return Promise.all(this.ctx.volumes.all().map(async (v) => this.view(v, { Size: await this.ctx.volumes.size(v.name), RefCount: volumeUsers(this.ctx, v.name).length })));
  }

  private async event(name: string, action: string): Promise<void> {
    this.ctx.events.emit('volume', action, name, { driver: 'local' }, await this.ctx.now());
  }
}

/** prune's label filters: `label=k`, `label=k=v`, `label!=…`. */
function labelsMatch(labels: Record<string, string>, filters: Filters): boolean {
  const has = (spec: string) => {
    const i = spec.indexOf('=');
    return i < 0 ? spec in labels : labels[spec.slice(0, i)] === spec.slice(i + 1);
  };
  return (filters.label ?? []).every(has) && !(filters['label!'] ?? []).some(has);
}
