// Child processes of the shell: forkShell runs a body in a forked child through the shell's
// exit path (EXIT trap, flushing, status & 0xff); waitFor reaps a foreground child.
import { Errno, exitCodeOf } from '../../../abi/index.js';
import type { Ctx } from './context.js';
import { statusOfThrow, finishShell } from './shell-exit.js';

/** Forks a child shell running `body`; returns its pid. */
export async function forkShell(ctx: Ctx, body: (child: Ctx) => Promise<number>, flags = 0): Promise<number> {
  return ctx.fork(async (c) => {
    let status: number;
    try {
      status = await body(c);
    } catch (e) {
      status = await statusOfThrow(c, e);
    }
    return finishShell(c, status);
  }, flags);
}

/** Waits for a foreground child (retrying on EINTR); returns its shell status (128+sig if killed). */
export async function waitFor(ctx: Ctx, pid: number): Promise<number> {
  for (;;) {
    const r = await ctx.sys.wait4(pid, 0);
    if (r.ok) return exitCodeOf(r.value.status);
    if (r.errno !== Errno.EINTR) return 127;
  }
}
