// sleep and usleep: block in nanosleep (a blocking syscall: the process uses no CPU meanwhile).
import type { Applet } from '../applet.js';
import { errorMsg, showUsage } from './lib/report.js';

const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Parses `1.5`, `2m`, `1d` into seconds; undefined if invalid. */
export function parseDuration(arg: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  return Number(m[1]) * UNITS[m[2]];
}

/** sleep [N[smhd]]... */
export const sleep: Applet = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) return showUsage(ctx, 'sleep [N]...');
  let total = 0;
  for (const a of args) {
    const s = parseDuration(a);
    if (s === undefined) { await errorMsg(ctx, `invalid number '${a}'`); return 1; }
    total += s;
  }
  await ctx.libc.sleep(total);
  return 0;
};

/** usleep N: sleeps N microseconds. */
export const usleep: Applet = async (ctx) => {
  const a = ctx.argv[1];
  if (a === undefined) return showUsage(ctx, 'usleep N');
  if (!/^\d+$/.test(a)) { await errorMsg(ctx, `invalid number '${a}'`); return 1; }
  await ctx.sys.nanosleep(Number(a) * 1000);
  return 0;
};
