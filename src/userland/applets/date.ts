// date: prints the date (default `%a %b %e %H:%M:%S %Z %Y`, +FORMAT, -R RFC 2822, -I ISO 8601),
// for now, -d DATE or -r FILE's mtime. All times are UTC. -s reports that the clock cannot be set.
import { CLOCK } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { check } from '../libc/index.js';
import { parseDate } from './lib/date-parse.js';
import { errorMsg, parseArgs } from './lib/report.js';
import { strftime } from './lib/strftime.js';

/** date [-uR] [-I[SPEC]] [-d DATE] [-r FILE] [-s DATE] [+FMT] */
export const date: Applet = async (ctx) => {
  const args = ctx.argv.slice(1).map((a) => (a.startsWith('-I') && a.length > 2 ? `-I${'='}${a.slice(2)}` : a));
  const isoArg = args.find((a) => a.startsWith('-I='))?.slice(3);
  const o = await parseArgs({ ...ctx, argv: ['date', ...args.filter((a) => !a.startsWith('-I='))] }, 'uRId:r:s:D:', 'date [OPTIONS] [+FMT] [[-s] TIME]', { long: { utc: 'u', rfc2822: 'R', 'date:': 'd', 'reference:': 'r', 'set:': 's' } });
  if (!o) return 1;
  const now = check(await ctx.sys.clock_gettime(CLOCK.REALTIME), 'clock_gettime');
  let sec = now.sec;
  let nsec = now.nsec;
  const setArg = o.get('s') ?? o.operands.find((a) => !a.startsWith('+'));
  const spec = o.get('d') ?? setArg;
  if (spec !== undefined) {
    const t = parseDate(spec, now.sec);
    if (t === undefined) { await errorMsg(ctx, `invalid date '${spec}'`); return 1; }
    sec = t;
    nsec = 0;
  }
  if (o.has('r')) {
    const st = await ctx.libc.stat(o.get('r')!);
    sec = st.mtime.sec;
    nsec = st.mtime.nsec;
  }
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  if (o.has('R')) fmt = '%a, %d %b %Y %H:%M:%S %z';
  if (o.has('I') || isoArg !== undefined) {
    const kind = isoArg ?? 'date';
    fmt = kind.startsWith('s') ? '%Y-%m-%dT%H:%M:%S%z' : kind.startsWith('m') ? '%Y-%m-%dT%H:%M%z' : kind.startsWith('h') ? '%Y-%m-%dT%H%z' : '%Y-%m-%d';
  }
  const plus = o.operands.find((a) => a.startsWith('+'));
  if (plus) fmt = plus.slice(1);
  let text = strftime(fmt, sec, nsec);
  if ((o.has('I') || isoArg !== undefined) && !plus) text = text.replace(/\+0000$/, '+00:00');
  await ctx.out.write(`${text}\n`);
  if (setArg !== undefined) {
    await errorMsg(ctx, "can't set date: Operation not permitted");
  }
  return 0;
};
