// Command substitution: the command runs in a forked child writing into a pipe; the parent
// reads everything, strips trailing newlines, and keeps the child's status for $?.
import type { Command } from '../ast.js';
import { decode } from '../../libc/libc.js';
import type { Ctx } from './context.js';
import { forkShell, waitFor } from './fork.js';
import { run } from './run.js';

/** The output of `body` run in a subshell, without trailing newlines. */
export async function commandSubst(ctx: Ctx, body: Command | null): Promise<string> {
  if (!body) { ctx.st.substStatus = 0; return ''; }
  const [rd, wr] = await ctx.libc.pipe();
  const pid = await forkShell(ctx, async (c) => {
    await c.sys.close(rd);
    if (wr !== 1) { await c.sys.dup2(wr, 1); await c.sys.close(wr); }
    return run(c, body, true);
  });
  await ctx.sys.close(wr);
  let data: Uint8Array;
  try {
    data = await ctx.libc.readAll(rd);
  } finally {
    await ctx.sys.close(rd);
  }
  ctx.st.substStatus = await waitFor(ctx, pid);
  ctx.st.status = ctx.st.substStatus;
  return decode(data).replace(/\n+$/, '');
}
