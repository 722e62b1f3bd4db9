// trap: lists (`trap -- 'action' NAME`), sets, ignores ('') and resets (-) signal actions.
import { sigName, sigNumber } from '../../applets/lib/signals.js';
import { setTrap } from '../exec/traps.js';
import { singleQuote } from '../exec/xtrace.js';
import type { Builtin } from './types.js';

const nameOf = (sig: number): string => (sig === 0 ? 'EXIT' : sigName(sig) ?? String(sig));

export const trapBuiltin: Builtin = async (ctx, argv) => {
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (!args.length || args[0] === '-p') {
    let out = '';
    const traps = ctx.st.traps.size || !ctx.st.subshell ? ctx.st.traps : ctx.st.parentTraps;
    for (const sig of [...traps.keys()].sort((a, b) => a - b)) {
      out += `trap -- ${singleQuote(traps.get(sig)!)} ${nameOf(sig)}\n`;
    }
    await ctx.out.write(out);
    return 0;
  }
  let action: string | null = args[0];
  let sigs = args.slice(1);
  if (/^\d+$/.test(action)) { action = null; sigs = args; } else if (action === '-') action = null;
  let status = 0;
  for (const s of sigs) {
    const n = s.toUpperCase() === 'EXIT' ? 0 : sigNumber(s);
    if (n === undefined || n > 64) {
      await ctx.msg(`${s}: invalid signal specification`);
      status = 1;
      continue;
    }
    await setTrap(ctx, n, action);
  }
  return status;
};
