// ps: lists processes from /proc in busybox's layout (`PID   USER     TIME  COMMAND`), or the
// columns chosen with -o (pid,ppid,pgid,sid,user,group,ruser,rgroup,nice,tty,vsz,rss,stat,comm,
// args,time,etime; `name=HEADER` renames, `name=` hides the header).
import type { Applet } from '../applet.js';
import { NameCache } from './lib/passwd.js';
import { commandLine, listProcs, type ProcInfo } from './lib/procfs.js';
import { errorMsg, parseArgs } from './lib/report.js';
import { terminalSize } from './lib/fsutil.js';

interface Column { header: string; width: number; left: boolean; value: (p: ProcInfo) => Promise<string> | string }

/** Formats CPU ticks (100 Hz) as busybox's TIME column: M:SS, or HhMM past an hour. */
export function cpuTime(ticks: number): string {
  const s = Math.floor(ticks / 100);
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}` : `${m}:${String(s % 60).padStart(2, '0')}`;
}

/** ps [-o COL1,COL2=HEADER...] [-T] [-A|-e|aux] */
export const ps: Applet = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !/^(aux|ax|-ef|-e|-A|-a|-f|-w+|w+)$/.test(a));
  const o = await parseArgs({ ...ctx, argv: ['ps', ...args] }, 'o:Tlw', 'ps [-o COL1,COL2=HEADER] [-T]');
  if (!o) return 1;
  const names = new NameCache(ctx.libc);
  const clk = await ctx.sys.clock_gettime(1);
  const nowTicks = clk.ok ? Math.floor((clk.value.sec * 1e9 + clk.value.nsec) / 1e7) : 0;
  const user = async (uid: number): Promise<string> => (await names.user(uid)) ?? String(uid);
  const group = async (gid: number): Promise<string> => (await names.group(gid)) ?? String(gid);
  const defs: Record<string, Omit<Column, 'header'> & { header: string }> = {
    pid: { header: 'PID', width: 5, left: false, value: (p) => String(p.pid) },
    ppid: { header: 'PPID', width: 5, left: false, value: (p) => String(p.ppid) },
    pgid: { header: 'PGID', width: 5, left: false, value: (p) => String(p.pgid) },
    sid: { header: 'SID', width: 5, left: false, value: (p) => String(p.sid) },
    user: { header: 'USER', width: 8, left: true, value: (p) => user(p.uid) },
    group: { header: 'GROUP', width: 8, left: true, value: (p) => group(p.gid) },
    ruser: { header: 'RUSER', width: 8, left: true, value: (p) => user(p.ruid) },
    rgroup: { header: 'RGROUP', width: 8, left: true, value: (p) => group(p.rgid) },
    nice: { header: 'NI', width: 5, left: false, value: (p) => String(p.nice) },
    tty: { header: 'TT', width: 6, left: true, value: () => '?' },
    vsz: { header: 'VSZ', width: 4, left: false, value: (p) => String(p.vszKb) },
    rss: { header: 'RSS', width: 4, left: false, value: (p) => String(p.rssKb) },
    stat: { header: 'STAT', width: 4, left: true, value: (p) => p.state },
    comm: { header: 'COMMAND', width: 16, left: true, value: (p) => p.comm },
    args: { header: 'COMMAND', width: 0, left: true, value: (p) => commandLine(p) },
    time: { header: 'TIME', width: 5, left: false, value: (p) => cpuTime(p.ticks) },
    etime: { header: 'ELAPSED', width: 7, left: false, value: (p) => cpuTime(Math.max(0, nowTicks - p.startTicks)) },
  };
  defs.cmd = defs.args;
  let cols: Column[];
  if (o.has('o')) {
    cols = [];
    for (const spec of o.values.o!) {
      for (const part of spec.split(',')) {
        const [name, ...hdr] = part.split('=');
        const d = defs[name];
        if (!d) {
          await errorMsg(ctx, `bad -o argument '${name}', supported arguments: ${Object.keys(defs).filter((k) => k !== 'cmd').join(',')}`);
          return 1;
        }
        const header = hdr.length ? hdr.join('=') : d.header;
        cols.push({ ...d, header, width: hdr.length && header ? header.length : d.width });
      }
    }
  } else {
    cols = [defs.pid, { ...defs.user }, defs.time, defs.args];
  }
  const tty = await terminalSize(ctx.libc, 1);
  const maxWidth = tty && !o.has('w') ? tty.cols : Infinity;
  const render = (cells: string[]): string => {
    const line = cells.map((c, i) => {
      const col = cols[i];
      if (i === cells.length - 1 && col.width === 0) return c;
      const cut = col.left && col.width && c.length > col.width && i < cells.length - 1 ? c.slice(0, col.width) : c;
      return col.left ? (i === cells.length - 1 ? cut : cut.padEnd(col.width)) : cut.padStart(col.width);
    }).join(' ');
    return line.length > maxWidth ? line.slice(0, maxWidth) : line;
  };
  let out = '';
  if (cols.some((c) => c.header !== '')) {
    // Headers are left-aligned in their columns, numeric or not.
    const hdr = cols.map((c, i) => (i === cols.length - 1 ? c.header : c.header.padEnd(c.width))).join(' ');
    out += `${hdr.replace(/\s+$/, '')}\n`;
  }
  for (const p of await listProcs(ctx.libc)) {
    const cells: string[] = [];
    for (const c of cols) cells.push(await c.value(p));
    out += `${render(cells)}\n`;
  }
  await ctx.out.write(out);
  return 0;
};
