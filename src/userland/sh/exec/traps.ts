// Traps: actions are stored in the state; caught signals get a synchronous sigaction handler
// that only queues the signal, and runPendingTraps runs the actions at safe points (between
// commands, after an interrupted wait).
import { SIG_DFL, SIG_IGN } from '../../../abi/index.js';
import type { Ctx } from './context.js';
import { evalString } from './eval.js';

/** Sets (action), ignores ('') or resets (null) the trap for `sig` (0 = EXIT). */
export async function setTrap(ctx: Ctx, sig: number, action: string | null): Promise<void> {
  const st = ctx.st;
  if (action === null) st.traps.delete(sig);
  else st.traps.set(sig, action);
  if (sig === 0) return;
  const pending = ctx.pending;
  const disposition = action === null ? SIG_DFL : action === '' ? SIG_IGN : (s: number) => { pending.push(s); };
  await ctx.sys.sigaction(sig, disposition, { restart: false });
}

/** Runs the actions of caught signals; $? is preserved across them. */
export async function runPendingTraps(ctx: Ctx): Promise<void> {
  if (ctx.inTrap) return;
  while (ctx.pending.length) {
    const sig = ctx.pending.shift()!;
    const action = ctx.st.traps.get(sig);
    if (!action) continue;
    const status = ctx.st.status;
    ctx.inTrap = true;
    try {
      await evalString(ctx, action);
    } finally {
      ctx.inTrap = false;
    }
    ctx.st.status = status;
  }
}
