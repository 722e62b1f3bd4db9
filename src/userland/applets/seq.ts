// seq: prints a sequence of numbers (FIRST, INCREMENT, LAST), -w equal width, -s SEP, -f FMT.
import type { Applet } from '../applet.js';
import { formatFloat, parseConv } from './lib/cformat.js';
import { parseArgs, showUsage } from './lib/report.js';

const decimals = (s: string): number => (s.includes('.') ? s.length - s.indexOf('.') - 1 : 0);

/** seq [-w] [-s SEP] [-f FMT] [FIRST [INC]] LAST */
export const seq: Applet = async (ctx) => {
  const usage = 'seq [-w] [-s SEP] [FIRST [INC]] LAST';
  // Options stop at the first operand, so `seq 3 -1 1` counts down (but `seq -1` is an option).
  const o = await parseArgs(ctx, 'ws:f:', usage, { stopAtOperand: true });
  if (!o) return 1;
  const args = o.operands;
  if (args.length < 1 || args.length > 3) return showUsage(ctx, usage);
  for (const a of args) {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(a)) return showUsage(ctx, usage);
  }
  const first = args.length > 1 ? Number(args[0]) : 1;
  const inc = args.length > 2 ? Number(args[1]) : 1;
  const last = Number(args[args.length - 1]);
  if (inc === 0) return 0;
  const prec = Math.max(...args.slice(0, args.length > 2 ? 2 : 1).map(decimals), args.length === 1 ? 0 : 0);
  const fmtSpec = o.get('f');
  const sep = o.get('s') ?? '\n';
  const nums: string[] = [];
  for (let i = 0, v = first; inc > 0 ? v <= last + 1e-10 : v >= last - 1e-10; v = first + inc * ++i) {
    if (fmtSpec) {
      const pct = fmtSpec.indexOf('%');
      const p = pct >= 0 ? parseConv(fmtSpec, pct + 1) : undefined;
      nums.push(p ? fmtSpec.slice(0, pct) + formatFloat(v, p.spec) + fmtSpec.slice(p.end) : fmtSpec);
    } else nums.push(v.toFixed(prec));
    if (nums.length > 10_000_000) break;
  }
  if (o.has('w') && !fmtSpec) {
    const width = Math.max(...nums.map((n) => n.replace('-', '').length));
    for (let i = 0; i < nums.length; i++) {
      const neg = nums[i].startsWith('-');
      nums[i] = (neg ? '-' : '') + nums[i].replace('-', '').padStart(width, '0');
    }
  }
  if (nums.length) await ctx.out.write(nums.join(sep) + '\n');
  return 0;
};
