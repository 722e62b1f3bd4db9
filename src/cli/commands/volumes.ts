// `skiff volume create|ls|inspect|rm|prune`, printing what docker's volume commands print.
import type { Volume, VolumeListResponse, VolumePruneReport } from '../../api/index.js';
import { DaemonError, encodeFilters } from '../../client/index.js';
import type { CommandSpec } from '../command-spec.js';
import { collect } from '../command-spec.js';
import { renderList } from '../format/formatter.js';
import { humanSize } from '../format/human-units.js';
import { GO_TYPE } from '../template/go-value.js';
import { confirm } from '../prompt.js';
import { StatusError } from '../status-error.js';
import { inspectObjects } from './inspect.js';

/** One row of `volume ls` (docker's formatter.volumeContext). */
class VolumeRow {
  readonly [GO_TYPE] = '*formatter.volumeContext';
  constructor(private readonly v: Volume) {}
  Name(): string { return this.v.Name; }
  Driver(): string { return this.v.Driver; }
  Scope(): string { return this.v.Scope; }
  Mountpoint(): string { return this.v.Mountpoint; }
  CreatedAt(): string { return this.v.CreatedAt ?? ''; }
  Labels(): string { return Object.entries(this.v.Labels ?? {}).map(([k, val]) => `${k}=${val}`).join(','); }
  Label(name: string): string { return this.v.Labels?.[name] ?? ''; }
  Size(): string { return this.v.UsageData && this.v.UsageData.Size >= 0 ? humanSize(this.v.UsageData.Size) : 'N/A'; }
  marshalJSON(): string {
    return JSON.stringify({ Driver: this.Driver(), Labels: this.Labels(), Links: 'N/A', Mountpoint: this.Mountpoint(), Name: this.Name(), Scope: this.Scope(), Size: this.Size() });
  }
}

/** KEY=VALUE options (`--label`, `--opt`) as a map. */
function keyValues(items: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items ?? []) {
    const i = item.indexOf('=');
    if (i < 0) out[item] = '';
    else out[item.slice(0, i)] = item.slice(i + 1);
  }
  return out;
}

/** `skiff volume create`. */
export const volumeCreateSpec: CommandSpec = {
  name: 'create', usage: '[OPTIONS] [VOLUME]', description: 'Create a volume', args: { max: 1 },
  options: (cmd) => cmd
    .option('-d, --driver <string>', 'Specify volume driver name', 'local')
    .option('--label <label>', 'Set metadata for a volume', collect)
    .option('--name <string>', 'Specify volume name')
    .option('-o, --opt <opt>', 'Set driver specific options', collect),
  async action(ctx, args, opts) {
    if (args[0] && opts.name) throw new StatusError(1, `conflicting options: cannot specify a volume-name through both --name and as a positional arg`);
    const client = await ctx.client();
    const body = { Driver: opts.driver as string, DriverOpts: keyValues(opts.opt as string[] | undefined), Labels: keyValues(opts.label as string[] | undefined), Name: args[0] ?? (opts.name as string | undefined) ?? '' };
    const v = await client.json<Volume>('POST', '/volumes/create', { body });
    ctx.out(`${v.Name}\n`);
  },
};

/** `skiff volume ls`. */
export const volumeLsSpec: CommandSpec = {
  name: 'ls', usage: '[OPTIONS]', description: 'List volumes', args: { none: true },
  options: (cmd) => cmd
    .option('-f, --filter <filter>', 'Provide filter values (e.g. "dangling=true")', collect)
    .option('--format <string>', 'Format output using a custom template')
    .option('-q, --quiet', 'Only display volume names'),
  async action(ctx, _args, opts) {
    const client = await ctx.client();
    const list = await client.json<VolumeListResponse>('GET', '/volumes', { query: { filters: encodeFilters(opts.filter as string[] | undefined) } });
    const rows = [...(list.Volumes ?? [])].sort((a, b) => a.Name.localeCompare(b.Name)).map((v) => new VolumeRow(v));
    ctx.out(renderList({
      format: (opts.format as string | undefined) ?? '', defaultTable: 'table {{.Driver}}\t{{.Name}}', quietTemplate: '{{.Name}}', quiet: Boolean(opts.quiet),
      headers: { Driver: 'DRIVER', Name: 'VOLUME NAME', Scope: 'SCOPE', Mountpoint: 'MOUNTPOINT', Labels: 'LABELS', Size: 'SIZE', CreatedAt: 'CREATED' },
    }, rows));
  },
};

/** `skiff volume inspect`. */
export const volumeInspectSpec: CommandSpec = {
  name: 'inspect', usage: '[OPTIONS] VOLUME [VOLUME...]', description: 'Display detailed information on one or more volumes',
  args: { min: 1 }, options: (cmd) => cmd.option('-f, --format <string>', 'Format output using a custom template'),
  action: (ctx, args, opts) => inspectObjects(ctx, args, ['volume'], { format: opts.format as string | undefined, anyType: false }),
};

/** `skiff volume rm`. */
export const volumeRmSpec: CommandSpec = {
  name: 'rm', usage: '[OPTIONS] VOLUME [VOLUME...]', description: 'Remove one or more volumes', args: { min: 1 },
  options: (cmd) => cmd.option('-f, --force', 'Force the removal of one or more volumes'),
  async action(ctx, args, opts) {
    const client = await ctx.client();
    const errors: string[] = [];
    for (const name of args) {
      try {
        await client.call('DELETE', `/volumes/${encodeURIComponent(name)}`, { query: { force: opts.force ? true : undefined } });
        ctx.out(`${name}\n`);
      } catch (err) {
        errors.push(err instanceof DaemonError ? err.display : (err as Error).message);
      }
    }
    if (errors.length) throw new StatusError(1, errors.join('\n'));
  },
};

/** `skiff volume prune`. */
export const volumePruneSpec: CommandSpec = {
  name: 'prune', usage: '[OPTIONS]', description: 'Remove unused local volumes', args: { none: true },
  options: (cmd) => cmd
    .option('-a, --all', 'Remove all unused volumes, not just anonymous ones')
    .option('--filter <filter>', 'Provide filter values (e.g. "label=<label>")', collect)
    .option('-f, --force', 'Do not prompt for confirmation'),
  async action(ctx, _args, opts) {
    const what = opts.all ? 'all local volumes' : 'anonymous local volumes';
    if (!opts.force && !(await confirm(ctx, `WARNING! This will remove ${what} not used by at least one container.\nAre you sure you want to continue?`))) return;
    const filters = [...((opts.filter as string[] | undefined) ?? [])];
    if (opts.all) filters.push('all=true');
    const client = await ctx.client();
    const report = await client.json<VolumePruneReport>('POST', '/volumes/prune', { query: { filters: encodeFilters(filters) } });
    const deleted = report.VolumesDeleted ?? [];
    if (deleted.length) ctx.out(`Deleted Volumes:\n${deleted.join('\n')}\n\n`);
    ctx.out(`Total reclaimed space: ${humanSize(report.SpaceReclaimed ?? 0)}\n`);
  },
};
