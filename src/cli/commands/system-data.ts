// `system df`, `events`, and the prune commands (`system prune`, `container prune`).
import { encodeFilters, JsonSplitter, type EventMessage } from '../../client/index.js';
import type { CommandSpec } from '../command-spec.js';
import { collect } from '../command-spec.js';
import { parseFormat, renderList, templateFailure } from '../format/formatter.js';
import { humanSize } from '../format/human-units.js';
import { GO_TYPE } from '../template/go-value.js';
import { confirm } from '../prompt.js';
import { dockerTimestamp } from './container-logs.js';

class DfRow {
  readonly [GO_TYPE] = '*formatter.diskUsageContext';
  constructor(private readonly t: string, private readonly total: number, private readonly active: number, private readonly size: number, private readonly reclaimable: number, private readonly percent: boolean) {}
  Type(): string { return this.t; }
  TotalCount(): string { return String(this.total); }
  Active(): string { return String(this.active); }
  Size(): string { return humanSize(this.size); }
  Reclaimable(): string {
    const r = humanSize(this.reclaimable);
    return this.percent && this.size > 0 ? `${r} (${Math.trunc((this.reclaimable * 100) / this.size)}%)` : r;
  }
  marshalJSON(): string {
    return JSON.stringify({ Active: this.Active(), Reclaimable: this.Reclaimable(), Size: this.Size(), TotalCount: this.TotalCount(), Type: this.Type() });
  }
}

/** `skiff system df`. */
export const dfSpec: CommandSpec = {
  name: 'df', usage: '[OPTIONS]', description: 'Show docker disk usage', args: { none: true },
  options: (cmd) => cmd.option('--format <string>', 'Format output using a custom template').option('-v, --verbose', 'Show detailed information on space usage'),
  async action(ctx, _args, opts) {
    const client = await ctx.client();
    const du = await client.diskUsage();
    const images = du.Images ?? [];
    let usedImages = 0;
    for (const i of images) if (i.Containers > 0 && i.Size !== -1 && i.SharedSize !== -1) usedImages += i.Size - i.SharedSize;
    const containers = du.Containers ?? [];
    const active = (s: string) => /running|paused|restarting/.test(s);
    const cSize = containers.reduce((n, c) => n + (c.SizeRw ?? 0), 0);
    const cReclaim = containers.filter((c) => !active(c.State)).reduce((n, c) => n + (c.SizeRw ?? 0), 0);
    const volumes = du.Volumes ?? [];
    const vSize = volumes.reduce((n, v) => n + Math.max(0, v.UsageData?.Size ?? 0), 0);
    const vReclaim = volumes.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).reduce((n, v) => n + Math.max(0, v.UsageData?.Size ?? 0), 0);
    const cache = du.BuildCache ?? [];
    const bSize = cache.filter((b) => !b.Shared).reduce((n, b) => n + b.Size, 0);
    const bReclaim = cache.filter((b) => !b.InUse && !b.Shared).reduce((n, b) => n + b.Size, 0);
    const rows = [
      new DfRow('Images', images.length, images.filter((i) => i.Containers > 0).length, du.LayersSize ?? 0, (du.LayersSize ?? 0) - usedImages, true),
      new DfRow('Containers', containers.length, containers.filter((c) => active(c.State)).length, cSize, cReclaim, true),
      new DfRow('Local Volumes', volumes.length, volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length, vSize, vReclaim, true),
      new DfRow('Build Cache', cache.length, cache.filter((b) => b.InUse).length, bSize, bReclaim, false),
    ];
    ctx.out(renderList({
      format: (opts.format as string | undefined) ?? '', defaultTable: 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}',
      headers: { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' },
    }, rows));
  },
};

/** docker's fixed RFC3339Nano ("2006-01-02T15:04:05.000000000Z07:00") in UTC. */
function eventTime(e: EventMessage): string {
  const nanos = BigInt((e.timeNano as unknown as string | number | undefined) ?? e.time * 1e9);
  const ms = Number(nanos / 1_000_000n);
  return new Date(ms).toISOString().slice(0, 19) + '.' + String(nanos % 1_000_000_000n).padStart(9, '0') + 'Z';
}

/** One event line as docker prints it by default. */
export function formatEvent(e: EventMessage): string {
  const attrs = e.Actor?.Attributes ?? {};
  const keys = Object.keys(attrs).sort();
  const attrText = keys.length ? ` (${keys.map((k) => `${k}=${attrs[k]}`).join(', ')})` : '';
  return `${eventTime(e)} ${e.Type} ${e.Action} ${e.Actor?.ID ?? ''}${attrText}\n`;
}

/** Parses an event stream keeping timeNano exact (it exceeds JS number precision). */
async function* events(source: NodeJS.ReadableStream): AsyncGenerator<EventMessage> {
  const splitter = new JsonSplitter();
  source.setEncoding('utf8');
  for await (const chunk of source as AsyncIterable<string>) {
    for (const text of splitter.push(chunk)) {
      const exact = text.replace(/"timeNano":(\d+)/, '"timeNano":"$1"');
      const e = JSON.parse(exact) as EventMessage & { timeNano: unknown };
      yield e;
    }
  }
}

/** `skiff events`. */
export const eventsSpec: CommandSpec = {
  name: 'events', usage: '[OPTIONS]', description: 'Get real time events from the server', args: { none: true },
  options: (cmd) => cmd
    .option('-f, --filter <filter>', 'Filter output based on conditions provided', collect)
    .option('--format <string>', 'Format output using a custom template')
    .option('--since <string>', 'Show all events created since timestamp')
    .option('--until <string>', 'Stream events until this timestamp'),
  async action(ctx, _args, opts) {
    const now = ctx.io.now();
    const client = await ctx.client();
    const res = await client.events({
      filters: opts.filter as string[] | undefined,
      since: opts.since ? dockerTimestamp(opts.since as string, now) : undefined,
      until: opts.until ? dockerTimestamp(opts.until as string, now) : undefined,
    });
    const format = opts.format as string | undefined;
    const tpl = format && format !== 'json' ? parseFormat(format) : undefined;
    const off = ctx.io.onSignal('SIGINT', () => res.destroy());
    try {
      for await (const e of events(res)) {
        if (format === 'json') ctx.out(JSON.stringify(e).replace(/"timeNano":"(\d+)"/, '"timeNano":$1') + '\n');
        else if (tpl) {
          try { ctx.out(tpl.execute(e) + '\n'); } catch (err) { throw templateFailure(err, false); }
        } else ctx.out(formatEvent(e));
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE' && !res.destroyed) throw err;
    } finally {
      off();
    }
  },
};

/** `skiff container prune`. */
export const containerPruneSpec: CommandSpec = {
  name: 'prune', usage: '[OPTIONS]', description: 'Remove all stopped containers', args: { none: true },
  options: (cmd) => cmd.option('--filter <filter>', 'Provide filter values (e.g. "until=<timestamp>")', collect).option('-f, --force', 'Do not prompt for confirmation'),
  async action(ctx, _args, opts) {
    if (!opts.force && !(await confirm(ctx, 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue?'))) return;
    const client = await ctx.client();
    const report = await client.containerPrune(opts.filter as string[] | undefined);
    const deleted = report.ContainersDeleted ?? [];
    if (deleted.length) ctx.out(`Deleted Containers:\n${deleted.join('\n')}\n\n`);
    ctx.out(`Total reclaimed space: ${humanSize(report.SpaceReclaimed ?? 0)}\n`);
  },
};

/** `skiff system prune`. */
export const systemPruneSpec: CommandSpec = {
  name: 'prune', usage: '[OPTIONS]', description: 'Remove unused data', args: { none: true },
  options: (cmd) => cmd
    .option('-a, --all', 'Remove all unused images not just dangling ones')
    .option('--filter <filter>', 'Provide filter values (e.g. "label=<key>=<value>")', collect)
    .option('-f, --force', 'Do not prompt for confirmation')
    .option('--volumes', 'Prune anonymous volumes'),
  async action(ctx, _args, opts) {
    const all = Boolean(opts.all);
    const items = ['all stopped containers', 'all networks not used by at least one container'];
    if (opts.volumes) items.push('all anonymous volumes not used by at least one container');
    items.push(all ? 'all images without at least one container associated to them' : 'all dangling images');
    items.push(all ? 'all build cache' : 'unused build cache');
    const warning = `WARNING! This will remove:\n${items.map((i) => `  - ${i}`).join('\n')}\n\nAre you sure you want to continue?`;
    if (!opts.force && !(await confirm(ctx, warning))) return;
    const client = await ctx.client();
    const filters = (opts.filter as string[] | undefined) ?? [];
    let reclaimed = 0;
    const containers = await client.containerPrune(filters);
    reclaimed += containers.SpaceReclaimed ?? 0;
    if (containers.ContainersDeleted?.length) ctx.out(`Deleted Containers:\n${containers.ContainersDeleted.join('\n')}\n\n`);
    const networks = await client.json<{ NetworksDeleted: string[] | null }>('POST', '/networks/prune', { query: { filters: filters.length ? JSON.stringify(Object.fromEntries(filters.map((f) => { const [k, v] = f.split('='); return [k, { [v]: true }]; }))) : undefined } }).catch(() => ({ NetworksDeleted: null }));
    if (networks?.NetworksDeleted?.length) ctx.out(`Deleted Networks:\n${networks.NetworksDeleted.join('\n')}\n\n`);
    if (opts.volumes) {
      const volumes = await client.json<{ VolumesDeleted: string[] | null; SpaceReclaimed: number }>('POST', '/volumes/prune', { query: { filters: encodeFilters(filters) } });
      reclaimed += volumes.SpaceReclaimed ?? 0;
      if (volumes.VolumesDeleted?.length) ctx.out(`Deleted Volumes:\n${volumes.VolumesDeleted.join('\n')}\n\n`);
    }
    const images = await client.imagePrune([...filters, `dangling=${!all}`]);
    reclaimed += images.SpaceReclaimed ?? 0;
    if (images.ImagesDeleted?.length) {
      ctx.out('Deleted Images:\n');
      for (const d of images.ImagesDeleted) ctx.out(d.Untagged ? `untagged: ${d.Untagged}\n` : `deleted: ${d.Deleted}\n`);
      ctx.out('\n');
    }
    const cache = await client.buildPrune(all ? ['all=true'] : filters).catch(() => ({ CachesDeleted: null, SpaceReclaimed: 0 }));
    reclaimed += cache.SpaceReclaimed ?? 0;
    if (cache.CachesDeleted?.length) ctx.out(`Deleted build cache objects:\n${cache.CachesDeleted.join('\n')}\n\n`);
    ctx.out(`Total reclaimed space: ${humanSize(reclaimed)}\n`);
  },
};
