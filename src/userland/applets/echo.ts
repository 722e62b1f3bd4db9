// echo: prints its arguments. Busybox rules: leading args made only of n/e/E are options;
// -e expands backslash escapes and `\c` stops all output. Also the shell's echo builtin.
import type { Applet } from '../applet.js';
import { expandEscapes } from './lib/escapes.js';
import { bbytes, utf8bin } from './lib/io.js';

/** echo [-neE] [ARG]... */
export const echo: Applet = async (ctx) => {
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = '';
  for (let k = i; k < args.length; k++) {
    if (k > i) text += ' ';
    const arg = utf8bin(args[k]);
    if (!escapes) { text += arg; continue; }
    const r = expandEscapes(arg);
    text += r.text;
    if (r.stop) {
      await ctx.out.write(bbytes(text));
      return 0;
    }
  }
  if (newline) text += '\n';
  await ctx.out.write(bbytes(text));
  return 0;
};
