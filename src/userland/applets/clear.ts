// clear and reset: terminal control sequences (clear screen; full reset).
import type { Applet } from '../applet.js';

/** clear: home the cursor and clear the screen and scrollback. */
export const clear: Applet = async (ctx) => {
  await ctx.out.write('\x1b[H\x1b[J');
  return 0;
};

/** reset: resets the terminal (RIS) and clears it. */
export const reset: Applet = async (ctx) => {
  await ctx.out.write('\x1bc\x1b(B\x1b[m\x1b[J\x1b[?25h');
  return 0;
};
