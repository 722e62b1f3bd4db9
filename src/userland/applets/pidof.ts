// pidof and killall: find processes by name (comm or argv[0] basename) in /proc.
import { SIG, strerror } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { check } from '../libc/index.js';
import { listProcs, type ProcInfo } from './lib/procfs.js';
import { errorMsg, parseArgs, showUsage } from './lib/report.js';
import { sigName, sigNumber } from './lib/signals.js';

function matches(p: ProcInfo, name: string): boolean {
  const base = p.argv[0] ? p.argv[0].slice(p.argv[0].lastIndexOf('/') + 1) : '';
  return p.comm === name || base === name || (name.length > 15 && p.comm === name.slice(0, 15));
}

/** pidof [-s] [-o PID] NAME... */
export const pidof: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'so:', 'pidof [-s] [-o PID] [NAME]...');
  if (!o) return 1;
  const self = check(await ctx.sys.getpid(), 'getpid');
  const omit = new Set((o.values.o ?? []).flatMap((v) => v.split(',')).map((v) => (v === '%PPID' ? -1 : Number(v))));
  const procs = (await listProcs(ctx.libc)).filter((p) => p.pid !== self && !omit.has(p.pid));
  const found: number[] = [];
  for (const name of o.operands) {
    const pids = procs.filter((p) => matches(p, name)).map((p) => p.pid).sort((a, b) => b - a);
    found.push(...(o.has('s') ? pids.slice(0, 1) : pids));
  }
  if (found.length) await ctx.out.write(`${found.join(' ')}\n`);
  return found.length ? 0 : 1;
};

/** killall [-l] [-q] [-SIG] NAME... */
export const killall: Applet = async (ctx) => {
  const args = ctx.argv.slice(1);
  let sig: number = SIG.TERM;
  let quiet = false;
  if (args[0] === '-l') {
    let t = '';
    for (let n = 1; n <= 31; n++) t += `${sigName(n)}${n % 16 ? ' ' : '\n'}`;
    await ctx.out.write(`${t.trim()}\n`);
    return 0;
  }
  while (args[0]?.startsWith('-') && args[0].length > 1) {
    const a = args.shift()!;
    if (a === '-q') { quiet = true; continue; }
    if (a === '-s') { const n = sigNumber(args.shift() ?? ''); if (n === undefined) return showUsage(ctx, 'killall [-l] [-q] [-SIG] PROCESS_NAME...'); sig = n; continue; }
    const n = sigNumber(a.slice(1));
    if (n === undefined) { await errorMsg(ctx, `bad signal name '${a.slice(1)}'`); return 1; }
    sig = n;
  }
  if (args.length === 0) return showUsage(ctx, 'killall [-l] [-q] [-SIG] PROCESS_NAME...');
  const self = check(await ctx.sys.getpid(), 'getpid');
  const procs = (await listProcs(ctx.libc)).filter((p) => p.pid !== self);
  let status = 0;
  for (const name of args) {
    const targets = procs.filter((p) => matches(p, name));
    if (!targets.length) {
      if (!quiet) await errorMsg(ctx, `${name}: no process killed`);
      status = 1;
      continue;
    }
    for (const p of targets) {
      const r = await ctx.sys.kill(p.pid, sig);
      if (!r.ok && !quiet) { await errorMsg(ctx, `cannot kill pid ${p.pid}: ${strerror(r.errno)}`); status = 1; }
    }
  }
  return status;
};
