// sync: flushes filesystem buffers (sync(2)).
import type { Applet } from '../applet.js';

/** sync */
export const sync: Applet = async (ctx) => {
  await ctx.sys.sync();
  return 0;
};
