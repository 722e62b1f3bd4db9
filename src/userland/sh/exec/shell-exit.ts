// How a shell process ends: the status of whatever unwound the stack (exit, errors, stray
// break/return), then the EXIT trap, then flushing stdout.
import type { Ctx } from './context.js';
import { BreakSignal, ContinueSignal, ExitSignal, ReturnSignal, ShellError } from './control.js';
import { RedirError } from './redirect.js';
import { evalString } from './eval.js';

/** The exit status for an exception that reached the top of a shell process. */
export async function statusOfThrow(ctx: Ctx, e: unknown): Promise<number> {
  if (e instanceof ExitSignal) return e.status;
  if (e instanceof ShellError || e instanceof RedirError) return e.status;
  if (e instanceof ReturnSignal) return e.status;
  if (e instanceof BreakSignal || e instanceof ContinueSignal) return ctx.st.status;
  const msg = e instanceof Error ? e.message : String(e);
  await ctx.err.write(`${ctx.st.arg0}: ${msg}\n`).catch(() => undefined);
  return 2;
}

/** Runs the EXIT trap (once) and flushes; returns the final status (0-255). */
export async function finishShell(ctx: Ctx, status: number): Promise<number> {
  const action = ctx.st.traps.get(0);
  if (action) {
    ctx.st.traps.delete(0);
    ctx.st.status = status;
    try {
      await evalString(ctx, action);
    } catch (e) {
      if (e instanceof ExitSignal) status = e.status;
      else if (!(e instanceof ShellError || e instanceof RedirError)) status = await statusOfThrow(ctx, e);
    }
  }
  await ctx.flushOut();
  return status & 0xff;
}
