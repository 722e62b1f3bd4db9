// free: memory totals from /proc/meminfo (falling back to sysinfo), in KiB, -m MiB, -g GiB,
// -h human readable, -b bytes.
import type { Applet } from '../applet.js';
import { humanSize } from './lib/format.js';
import { readMeminfo } from './lib/meminfo.js';
import { parseArgs } from './lib/report.js';

/** free [-bkmgh] */
export const free: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'bkmght', 'free [-bkmgh]');
  if (!o) return 1;
  const m = await readMeminfo(ctx.libc);
  if (m.MemTotal === undefined) {
    const si = await ctx.sys.sysinfo();
    if (si.ok) { m.MemTotal = Math.floor(si.value.totalram / 1024); m.MemFree = Math.floor(si.value.freeram / 1024); }
  }
  const total = m.MemTotal ?? 0, free = m.MemFree ?? 0, shared = m.Shmem ?? 0;
  const cache = (m.Buffers ?? 0) + (m.Cached ?? 0) + (m.SReclaimable ?? 0);
  const used = Math.max(0, total - free - cache);
  const avail = m.MemAvailable ?? free + cache;
  const swapTotal = m.SwapTotal ?? 0, swapFree = m.SwapFree ?? 0;
  const fmt = (kb: number): string => {
    if (o.has('h')) return humanSize(kb, 1024);
    if (o.has('b')) return String(kb * 1024);
    if (o.has('m')) return String(Math.floor(kb / 1024));
    if (o.has('g')) return String(Math.floor(kb / 1024 / 1024));
    return String(kb);
  };
  const row = (label: string, vals: number[]): string => `${label.padEnd(7)}${vals.map((v) => fmt(v).padStart(12)).join('')}\n`;
  let out = `${''.padEnd(7)}${['total', 'used', 'free', 'shared', 'buff/cache', 'available'].map((h) => h.padStart(12)).join('')}\n`;
  out += row('Mem:', [total, used, free, shared, cache, avail]);
  out += row('Swap:', [swapTotal, swapTotal - swapFree, swapFree]);
  await ctx.out.write(out);
  return 0;
};
