// `logs`: inspect for the ID and TTY mode, then stream the log (demultiplexed unless TTY);
// --since/--until accept RFC3339 times, unix timestamps and relative durations ("5m").
import { demuxStream } from '../../client/index.js';
import type { CommandSpec } from '../command-spec.js';
import { parseGoDuration } from '../format/human-units.js';

/** docker's GetTimestamp: relative durations ("10m") and times → "<unix>[.<nanos>]". */
export function dockerTimestamp(value: string, nowMs: number): string {
  if (/^\d+(\.\d+)?$/.test(value)) {
    const [s, frac = ''] = value.split('.');
    return frac ? `${s}.${frac.padEnd(9, '0').slice(0, 9)}` : s;
  }
  try {
    const ns = parseGoDuration(value);
    return String(Math.trunc((nowMs * 1e6 - ns) / 1e9));
  } catch {
    // not a duration: a date or time
  }
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!m) throw new Error(`invalid value for "since": failed to parse value as time or duration: "${value}"`);
  const time = m[2] ?? '00:00:00';
  const zone = m[3] ?? (m[2] ? '' : 'Z');
  const iso = `${m[1]}T${time.length === 5 ? time + ':00' : time}${zone}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`invalid value for "since": failed to parse value as time or duration: "${value}"`);
  const frac = /\.(\d+)/.exec(time)?.[1] ?? '';
  return `${Math.floor(ms / 1000)}.${(frac + '000000000').slice(0, 9)}`;
}

/** `skiff logs`. */
export const logsSpec: CommandSpec = {
  name: 'logs', usage: '[OPTIONS] CONTAINER', description: 'Fetch the logs of a container', args: { exact: 1 },
  options: (cmd) => cmd
    .option('--details', 'Show extra details provided to logs')
    .option('-f, --follow', 'Follow log output')
    .option('--since <string>', 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)')
    .option('-n, --tail <string>', 'Number of lines to show from the end of the logs', 'all')
    .option('-t, --timestamps', 'Show timestamps')
    .option('--until <string>', 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)'),
  async action(ctx, args, opts) {
    const client = await ctx.client();
    const info = await client.containerInspect(args[0]);
    const now = ctx.io.now();
    const res = await client.containerLogs(info.Id, {
      details: Boolean(opts.details), follow: Boolean(opts.follow), stdout: true, stderr: true,
      since: opts.since ? dockerTimestamp(opts.since as string, now) : undefined,
      until: opts.until ? dockerTimestamp(opts.until as string, now) : undefined,
      tail: opts.tail as string, timestamps: Boolean(opts.timestamps),
    });
    if (info.Config?.Tty) {
      for await (const chunk of res) ctx.out(chunk as Buffer);
      return;
    }
    await demuxStream(res, { stdout: ctx.io.stdout, stderr: ctx.io.stderr });
  },
};
