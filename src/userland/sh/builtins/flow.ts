// Control-flow builtins: break, continue, return, exit, and the trivial :, true, false.
import { ExitSignal, ReturnSignal, BreakSignal, ContinueSignal, ShellError } from '../exec/control.js';
import type { Ctx } from '../exec/context.js';
import type { Builtin } from './types.js';

/** Parses a non-negative count argument as ash's number() does. */
export async function number(ctx: Ctx, s: string): Promise<number> {
  if (!/^\d+$/.test(s)) {
    await ctx.msg(`Illegal number: ${s}`);
    throw new ShellError(2);
  }
  return Number(s);
}

const loopJump = (Signal: typeof BreakSignal | typeof ContinueSignal): Builtin => async (ctx, argv) => {
  let n = argv[1] === undefined ? 1 : await number(ctx, argv[1]);
  if (n <= 0) { await ctx.msg(`Illegal number: ${argv[1]}`); throw new ShellError(2); }
  if (ctx.st.loopDepth === 0) return 0;
  if (n > ctx.st.loopDepth) n = ctx.st.loopDepth;
  throw new Signal(n);
};

export const breakBuiltin = loopJump(BreakSignal);
export const continueBuiltin = loopJump(ContinueSignal);

export const returnBuiltin: Builtin = async (ctx, argv) => {
  const status = argv[1] === undefined ? ctx.st.status : await number(ctx, argv[1]);
  throw new ReturnSignal(status & 0xff);
};

export const exitBuiltin: Builtin = async (ctx, argv) => {
  const status = argv[1] === undefined ? ctx.st.status : await number(ctx, argv[1]);
  throw new ExitSignal(status & 0xff);
};

export const colon: Builtin = async () => 0;
export const falseBuiltin: Builtin = async () => 1;
