// yes: prints its arguments (or "y") forever. Each buffered flush is a write syscall, so the
// kernel can schedule (and kill) it like any busy process.
import type { Applet } from '../applet.js';

/** yes [STRING]... */
export const yes: Applet = async (ctx) => {
  const line = `${ctx.argv.length > 1 ? ctx.argv.slice(1).join(' ') : 'y'}\n`;
  const block = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
  for (;;) await ctx.libc.writeAll(1, block);
};
