// which: finds programs on PATH; -a prints every match.
import { S } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { getenv } from '../libc/index.js';
import { tryStat } from './lib/fsutil.js';
import { parseArgs, showUsage } from './lib/report.js';

/** which [-a] COMMAND... */
export const which: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'a', 'which [-a] COMMAND...');
  if (!o) return 1;
  if (o.operands.length === 0) return showUsage(ctx, 'which [-a] COMMAND...');
  const path = getenv(ctx.envp, 'PATH') ?? '/sbin:/usr/sbin:/bin:/usr/bin';
  let status = 0;
  for (const cmd of o.operands) {
    const candidates = cmd.includes('/') ? [cmd] : path.split(':').map((d) => `${d || '.'}/${cmd}`);
    let found = false;
    for (const c of candidates) {
      const r = await tryStat(ctx.libc, c, true);
      if (r.st && (r.st.mode & S.IFMT) === S.IFREG && (await ctx.libc.access(c, 1))) {
        await ctx.out.write(`${c}\n`);
        found = true;
        if (!o.has('a')) break;
      }
    }
    if (!found) status = 1;
  }
  return status;
};
