// set: lists variables, sets/clears options (-e -u -x -f …, -o name) and positional parameters.
import type { Ctx } from '../exec/context.js';
import { ShellError } from '../exec/control.js';
import { OPTION_LETTERS } from '../state.js';
import type { Builtin } from './types.js';
import { quoteValue } from './vars.js';

/** Long option names `set -o` accepts, in ash's listing order. */
const LONG = ['errexit', 'noglob', 'ignoreeof', 'monitor', 'noexec', 'stdin', 'xtrace', 'verbose', 'vi', 'emacs', 'noclobber', 'allexport', 'notify', 'nounset', 'pipefail'];

async function listVars(ctx: Ctx): Promise<number> {
  let out = '';
  const names = [...ctx.st.vars.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const k of names) {
    const v = ctx.st.vars.get(k)!;
    if (v.value !== undefined) out += `${k}=${quoteValue(v.value)}\n`;
  }
  await ctx.out.write(out);
  return 0;
}

/** Applies option letters/names; throws ShellError on an unknown one. */
export async function setOption(ctx: Ctx, on: boolean, letter: string | undefined, long?: string): Promise<void> {
  const name = long ?? OPTION_LETTERS[letter!];
  if (!name || (long && !LONG.includes(long))) {
    await ctx.msg(long ? `illegal option ${on ? '-' : '+'}o ${long}` : `illegal option ${on ? '-' : '+'}${letter}`);
    throw new ShellError(2);
  }
  if (on) ctx.st.opts.add(name);
  else ctx.st.opts.delete(name);
}

export const setBuiltin: Builtin = async (ctx, argv) => {
  if (argv.length === 1) return listVars(ctx);
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { i++; ctx.st.positional = argv.slice(i); return 0; }
    if (a === '-' ) { ctx.st.opts.delete('xtrace'); ctx.st.opts.delete('verbose'); i++; break; }
    if ((a[0] !== '-' && a[0] !== '+') || a.length < 2) break;
    const on = a[0] === '-';
    for (const c of a.slice(1)) {
      if (c === 'o') {
        const long = argv[i + 1];
        if (long === undefined) {
          let out = '';
          for (const n of LONG) out += on ? `${n.padEnd(16)}${ctx.st.opts.has(n) ? 'on' : 'off'}\n` : `set ${ctx.st.opts.has(n) ? '-' : '+'}o ${n}\n`;
          await ctx.out.write(out);
          return 0;
        }
        i++;
        await setOption(ctx, on, undefined, long);
      } else await setOption(ctx, on, c);
    }
  }
  if (i < argv.length) ctx.st.positional = argv.slice(i);
  return 0;
};
