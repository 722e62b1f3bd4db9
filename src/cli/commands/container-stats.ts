// `stats`: one table of samples with --no-stream, else a live table redrawn every second
// (cleared on a terminal) until interrupted; containers from the arguments or the running list.
import type { IncomingMessage } from 'node:http';
import { jsonMessages, type StatsSample } from '../../client/index.js';
import type { CommandSpec } from '../command-spec.js';
import { renderList } from '../format/formatter.js';
import { computeStats, DEFAULT_STATS_TABLE, STATS_HEADERS, StatsContext, type StatsNumbers } from '../format/stats-context.js';

/** `skiff stats`. */
export const statsSpec: CommandSpec = {
  name: 'stats', usage: '[OPTIONS] [CONTAINER...]', description: 'Display a live stream of container(s) resource usage statistics',
  args: { min: 0 },
  options: (cmd) => cmd
    .option('-a, --all', 'Show all containers (default shows just running)')
    .option('--format <string>', 'Format output using a custom template')
    .option('--no-stream', 'Disable streaming stats and only pull the first result')
    .option('--no-trunc', 'Do not truncate output'),
  async action(ctx, args, opts) {
    const client = await ctx.client();
    const names = args.length ? args : (await client.containerList({ all: Boolean(opts.all) })).map((c) => c.Id.slice(0, 12));
    const trunc = opts.trunc !== false;
    const format = { format: (opts.format as string | undefined) ?? '', defaultTable: DEFAULT_STATS_TABLE, headers: STATS_HEADERS };
    const latest = new Map<string, StatsNumbers | undefined>(names.map((n) => [n, undefined]));
    const render = () => renderList(format, names.map((n) => new StatsContext(n, latest.get(n), trunc)));
    if (opts.stream === false) {
      const errors: string[] = [];
      for (const name of names) {
        try {
          const res = await client.containerStats(name, { stream: false });
          for await (const s of jsonMessages<StatsSample>(res)) latest.set(name, computeStats(s));
        } catch (err) {
          errors.push((err as Error).message);
        }
      }
      if (args.length && errors.length) throw Object.assign(new Error(errors.join('\n')), { display: true });
      ctx.out(render());
      return;
    }
    const controller = new AbortController();
    const streams: Promise<void>[] = names.map(async (name) => {
      let res: IncomingMessage;
      try {
        res = await client.containerStats(name, { stream: true, signal: controller.signal });
        for await (const s of jsonMessages<StatsSample>(res)) latest.set(name, computeStats(s));
      } catch {
        latest.set(name, undefined);
      }
    });
    const tty = Boolean(ctx.io.stdout.isTTY);
    const draw = () => ctx.out((tty ? '\x1b[2J\x1b[H' : '') + render());
    const timer = setInterval(draw, 1000);
    await new Promise<void>((resolve) => {
      const offs = (['SIGINT', 'SIGTERM'] as NodeJS.Signals[]).map((s) => ctx.io.onSignal(s, () => { offs.forEach((o) => o()); resolve(); }));
      void Promise.all(streams).then(() => { offs.forEach((o) => o()); resolve(); });
    });
    clearInterval(timer);
    controller.abort();
    draw();
  },
};
