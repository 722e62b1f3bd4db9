// touch: creates files or updates their times (-c no create, -d DATE, -t STAMP, -r REF, -a, -m).
import { AT_FDCWD, CLOCK, Errno, O } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { check } from '../libc/index.js';
import { parseDate, parseStamp } from './lib/date-parse.js';
import { errorMsg, parseArgs, showUsage } from './lib/report.js';
import { strerror } from '../../abi/index.js';

/** touch [-c] [-d DATE] [-t DATE] [-r FILE] FILE... */
export const touch: Applet = async (ctx) => {
  const usage = 'touch [-c] [-d DATE] [-t DATE] [-r FILE] FILE...';
  const o = await parseArgs(ctx, 'cd:t:r:amhf', usage, { long: { 'no-create': 'c', 'date:': 'd', 'reference:': 'r' } });
  if (!o) return 1;
  if (o.operands.length === 0) return showUsage(ctx, usage);
  let ms: number | null = null;
  const now = check(await ctx.sys.clock_gettime(CLOCK.REALTIME), 'clock_gettime').sec;
  if (o.has('d') || o.has('t')) {
    const s = o.has('d') ? parseDate(o.get('d')!, now) : parseStamp(o.get('t')!, now);
    if (s === undefined) { await errorMsg(ctx, `invalid date '${o.get('d') ?? o.get('t')}'`); return 1; }
    ms = s * 1000;
  }
  let atime: number | null | undefined = ms;
  let mtime: number | null | undefined = ms;
  if (o.has('r')) {
    const st = await ctx.libc.stat(o.get('r')!);
    atime = st.atime.sec * 1000 + st.atime.nsec / 1e6;
    mtime = st.mtime.sec * 1000 + st.mtime.nsec / 1e6;
  }
  if (o.has('a') && !o.has('m')) mtime = undefined;
  if (o.has('m') && !o.has('a')) atime = undefined;
  let status = 0;
  for (const f of o.operands) {
    let r = await ctx.sys.utimensat(AT_FDCWD, f, atime, mtime, 0);
    if (!r.ok && r.errno === Errno.ENOENT) {
      if (o.has('c')) continue;
      const fd = await ctx.sys.openat(AT_FDCWD, f, O.WRONLY | O.CREAT | O.NONBLOCK, 0o666);
      if (fd.ok) {
        await ctx.sys.close(fd.value);
        r = await ctx.sys.utimensat(AT_FDCWD, f, atime, mtime, 0);
      } else r = fd as { ok: false; errno: number };
    }
    if (!r.ok) { await errorMsg(ctx, `${f}: ${strerror(r.errno)}`); status = 1; }
  }
  return status;
};
