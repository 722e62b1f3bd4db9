// tty: prints the name of the terminal on stdin ("not a tty" and status 1 otherwise); -s only
// sets the status.
import type { Applet } from '../applet.js';
import { ttyname } from '../libc/terminal.js';

export const tty: Applet = async (ctx) => {
  const silent = ctx.argv.slice(1).includes('-s');
  const name = await ttyname(ctx.sys, 0);
  if (!silent) await ctx.out.write(`${name ?? 'not a tty'}\n`);
  return name ? 0 : 1;
};
