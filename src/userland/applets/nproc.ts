// nproc: the number of CPUs the kernel reports (online CPUs in /sys, else /proc/cpuinfo).
import type { Applet } from '../applet.js';
import { parseArgs } from './lib/report.js';

/** Counts CPUs from /sys/devices/system/cpu/online ("0-3") or /proc/cpuinfo; 1 if unknown. */
export async function cpuCount(ctx: Parameters<Applet>[0]): Promise<number> {
  try {
    const online = (await ctx.libc.readTextFile('/sys/devices/system/cpu/online')).trim();
    let n = 0;
    for (const part of online.split(',')) {
      const [a, b] = part.split('-').map(Number);
      n += b === undefined ? 1 : b - a + 1;
    }
    if (n > 0) return n;
  } catch { /* fall back to cpuinfo */ }
  try {
    const info = await ctx.libc.readTextFile('/proc/cpuinfo');
    const n = info.split('\n').filter((l) => /^processor\s*:/.test(l)).length;
    if (n > 0) return n;
  } catch { /* unknown */ }
  return 1;
}

/** nproc [--all] [--ignore=N] */
export const nproc: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'ai:', 'nproc [--all] [--ignore=N]', { long: { all: 'a', 'ignore:': 'i' } });
  if (!o) return 1;
  const n = Math.max(1, (await cpuCount(ctx)) - Number(o.get('i') ?? 0));
  await ctx.out.write(`${n}\n`);
  return 0;
};
