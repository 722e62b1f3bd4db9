// tee: copies stdin to stdout and to each FILE (-a appends).
import { O } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { errText, errorMsg, parseArgs } from './lib/report.js';

/** tee [-ai] [FILE]... */
export const tee: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'ai', 'tee [-ai] [FILE]...');
  if (!o) return 1;
  let status = 0;
  const fds: number[] = [];
  const flags = O.WRONLY | O.CREAT | (o.has('a') ? O.APPEND : O.TRUNC);
  for (const f of o.operands) {
    try {
      fds.push(f === '-' ? 1 : await ctx.libc.open(f, flags, 0o666));
    } catch (e) {
      await errorMsg(ctx, `${f}: ${errText(e)}`);
      status = 1;
    }
  }
  for (;;) {
    const chunk = await ctx.libc.read(0, 65536);
    if (chunk.length === 0) break;
    await ctx.libc.writeAll(1, chunk);
    for (const fd of fds) if (fd !== 1) await ctx.libc.writeAll(fd, chunk);
  }
  for (const fd of fds) if (fd !== 1) await ctx.sys.close(fd);
  return status;
};
