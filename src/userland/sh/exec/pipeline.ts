// Pipelines: one forked child per stage (one process group under job control), connected with pipe2; the status is the last
// stage's (or the rightmost failure with `set -o pipefail`), inverted by `!`.
import type { Pipeline } from '../ast.js';
import type { Ctx } from './context.js';
import { waitFor } from './fork.js';
import { forkJob, reclaimTerminal } from './job-control.js';
import { run } from './run.js';

/** Runs a pipeline and waits for all its stages. */
export async function runPipeline(ctx: Ctx, n: Pipeline, tail: boolean): Promise<number> {
  let status: number;
  if (n.cmds.length === 1) {
    ctx.st.errexitOff += n.bang ? 1 : 0;
    try {
      status = await run(ctx, n.cmds[0], tail && !n.bang);
    } finally {
      ctx.st.errexitOff -= n.bang ? 1 : 0;
    }
  } else {
    const pids: number[] = [];
    let prevRead = -1;
    for (let i = 0; i < n.cmds.length; i++) {
      const last = i === n.cmds.length - 1;
      const [rd, wr] = last ? [-1, -1] : await ctx.libc.pipe();
      const inFd = prevRead;
      const cmd = n.cmds[i];
      pids.push(await forkJob(ctx, async (c) => {
        if (inFd >= 0) { await c.sys.dup2(inFd, 0); await c.sys.close(inFd); }
        if (wr >= 0) {
          await c.sys.close(rd);
          await c.sys.dup2(wr, 1);
          await c.sys.close(wr);
        }
        return run(c, cmd, true);
      }, true, pids[0] ?? 0));
      if (inFd >= 0) await ctx.sys.close(inFd);
      if (wr >= 0) await ctx.sys.close(wr);
      prevRead = rd;
    }
    const statuses: number[] = [];
    try {
      for (let i = 0; i < pids.length; i++) statuses.push(await waitFor(ctx, pids[i], i === pids.length - 1));
    } finally {
      await reclaimTerminal(ctx);
    }
    status = statuses[statuses.length - 1];
    if (ctx.st.opts.has('pipefail')) status = [...statuses].reverse().find((s) => s !== 0) ?? 0;
  }
  return n.bang ? (status === 0 ? 1 : 0) : status;
}
