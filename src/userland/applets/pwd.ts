// pwd: prints the current directory (the kernel's getcwd; -L/-P accepted).
import type { Applet } from '../applet.js';
import { parseArgs } from './lib/report.js';

/** pwd [-LP] */
export const pwd: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'LP', 'pwd [-LP]');
  if (!o) return 1;
  await ctx.out.write(`${await ctx.libc.getcwd()}\n`);
  return 0;
};
