// top: a process snapshot (busybox layout: Mem/CPU/Load average lines, then PID PPID USER STAT
// VSZ %VSZ %CPU COMMAND). Batch mode (-b) prints -n N iterations every -d seconds; without a
// terminal it behaves as batch mode too.
import type { Applet, AppletContext } from '../applet.js';
import { readMeminfo } from './lib/meminfo.js';
import { NameCache } from './lib/passwd.js';
import { commandLine, listProcs } from './lib/procfs.js';
import { parseArgs } from './lib/report.js';

async function snapshot(ctx: AppletContext, names: NameCache, prevTicks: Map<number, number>, intervalTicks: number): Promise<string> {
  const m = await readMeminfo(ctx.libc);
  const total = m.MemTotal ?? 0, free = m.MemFree ?? 0;
  let out = `Mem: ${total - free}K used, ${free}K free, ${m.Shmem ?? 0}K shrd, ${m.Buffers ?? 0}K buff, ${m.Cached ?? 0}K cached\n`;
  out += 'CPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq\n';
  let load = '0.00 0.00 0.00 0/0 0';
  try { load = (await ctx.libc.readTextFile('/proc/loadavg')).trim(); } catch { /* no procfs */ }
  out += `Load average: ${load}\n`;
  out += '  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND\n';
  const procs = await listProcs(ctx.libc);
  const rows = [];
  for (const p of procs) {
    const prev = prevTicks.get(p.pid) ?? p.ticks;
    const cpu = intervalTicks > 0 ? Math.round(((p.ticks - prev) * 100) / intervalTicks) : 0;
    prevTicks.set(p.pid, p.ticks);
    rows.push({ p, cpu });
  }
  rows.sort((a, b) => b.cpu - a.cpu || a.p.pid - b.p.pid);
  for (const { p, cpu } of rows) {
    const user = ((await names.user(p.uid)) ?? String(p.uid)).slice(0, 8);
    const vszPct = total ? Math.round((p.vszKb * 100) / total) : 0;
    out += `${String(p.pid).padStart(5)} ${String(p.ppid).padStart(5)} ${user.padEnd(8)} ${p.state.padEnd(4)} ${String(p.vszKb).padStart(5)} ${String(vszPct).padStart(3)}% ${String(cpu).padStart(3)}% ${commandLine(p)}\n`;
  }
  return out;
}

/** top [-b] [-n COUNT] [-d SECONDS] */
export const top: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'bn:d:m', 'top [-b] [-n COUNT] [-d SECONDS]');
  if (!o) return 1;
  const count = o.has('n') ? Number(o.get('n')) : Infinity;
  const delay = o.has('d') ? Number(o.get('d')) : 5;
  const names = new NameCache(ctx.libc);
  const prev = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    if (i > 0) {
      await ctx.out.write('\n');
      await ctx.out.flush();
      await ctx.libc.sleep(delay);
    }
    await ctx.out.write(await snapshot(ctx, names, prev, i > 0 ? delay * 100 : 0));
  }
  return 0;
};
