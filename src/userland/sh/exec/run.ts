// The evaluator: walks a command tree. Compound commands are handled here; simple commands
// in simple.ts, pipelines in pipeline.ts. `tail` means nothing follows in this process (a
// forked child), so an external command may replace it with exec instead of forking again.
import { O, SIG, SIG_IGN } from '../../../abi/index.js';
import type { Command } from '../ast.js';
import { expandPattern, expandWord, expandWords } from '../expand/expand.js';
import { matchPattern } from '../pattern.js';
import type { Ctx } from './context.js';
import { BreakSignal, ContinueSignal, ExitSignal, ShellError } from './control.js';
import { waitFor } from './fork.js';
import { forkJob, reclaimTerminal } from './job-control.js';
import { addJob } from './jobs.js';
import { runPipeline } from './pipeline.js';
import { applyRedirs, RedirError, restoreRedirs } from './redirect.js';
import { runSimple } from './simple.js';
import { runPendingTraps } from './traps.js';

/** Runs a command; returns (and records in $?) its exit status. */
export async function run(ctx: Ctx, n: Command | null, tail = false): Promise<number> {
  const st = ctx.st;
  if (!n) return 0;
  let status: number;
  let checkExit = false;
  switch (n.type) {
    case 'simple':
      status = await runSimple(ctx, n, tail);
      checkExit = true;
      break;
    case 'pipeline':
      status = await runPipeline(ctx, n, tail);
      checkExit = !n.bang;
      break;
    case 'andor': {
      st.errexitOff++;
      let left: number;
      try {
        left = await run(ctx, n.left);
      } finally {
        st.errexitOff--;
      }
      status = (n.op === '&&') === (left === 0) ? await run(ctx, n.right, tail) : left;
      break;
    }
    case 'seq':
      await run(ctx, n.left);
      status = await run(ctx, n.right, tail);
      break;
    case 'bg':
      status = await runBackground(ctx, n.body);
      break;
    case 'subshell':
      status = await runSubshell(ctx, n.body, n.redirs, tail);
      checkExit = true;
      break;
    case 'group': {
      let saved;
      try {
        saved = await applyRedirs(ctx, n.redirs, true);
      } catch (e) {
        if (e instanceof RedirError) { status = e.status; break; }
        throw e;
      }
      try {
        status = await run(ctx, n.body);
      } finally {
        await restoreRedirs(ctx, saved);
      }
      break;
    }
    case 'if': {
      const c = await condition(ctx, n.cond);
      status = c === 0 ? await run(ctx, n.then, tail) : n.else ? await run(ctx, n.else, tail) : 0;
      break;
    }
    case 'loop':
      status = await runLoop(ctx, n.until, n.cond, n.body);
      break;
    case 'for':
      status = await runFor(ctx, n);
      break;
    case 'case': {
      st.lineno = n.line;
      const subject = await expandWord(ctx, n.word, 'word');
      status = 0;
      outer: for (const item of n.items) {
        for (const p of item.patterns) {
          if (matchPattern(await expandPattern(ctx, p), subject)) {
            status = await run(ctx, item.body, tail);
            break outer;
          }
        }
      }
      break;
    }
    case 'funcdef':
      st.funcs.set(n.name, n.body);
      status = 0;
      break;
  }
  st.status = status;
  if (ctx.pending.length) await runPendingTraps(ctx);
  if (checkExit && status !== 0 && st.opts.has('errexit') && st.errexitOff === 0) throw new ExitSignal(status);
  return status;
}

async function condition(ctx: Ctx, cond: Command | null): Promise<number> {
  ctx.st.errexitOff++;
  try {
    return await run(ctx, cond);
  } finally {
    ctx.st.errexitOff--;
  }
}

async function loopBody(ctx: Ctx, body: Command | null): Promise<'break' | 'continue' | number> {
  try {
    return await run(ctx, body);
  } catch (e) {
    if (e instanceof BreakSignal || e instanceof ContinueSignal) {
      if (e.levels > 1) { e.levels--; throw e; }
      return e instanceof BreakSignal ? 'break' : 'continue';
    }
    throw e;
  }
}

async function runLoop(ctx: Ctx, until: boolean, cond: Command | null, body: Command | null): Promise<number> {
  const st = ctx.st;
  let status = 0;
  st.loopDepth++;
  try {
    for (;;) {
      await ctx.spin();
      const c = await condition(ctx, cond);
      if ((c === 0) === until) break;
      const r = await loopBody(ctx, body);
      if (r === 'break') break;
      if (r !== 'continue') status = r;
      else status = 0;
    }
  } finally {
    st.loopDepth--;
  }
  return status;
}

async function runFor(ctx: Ctx, n: Extract<Command, { type: 'for' }>): Promise<number> {
  const st = ctx.st;
  st.lineno = n.line;
  const items = n.words ? await expandWords(ctx, n.words) : [...st.positional];
  let status = 0;
  st.loopDepth++;
  try {
    for (const item of items) {
      await ctx.spin();
      if (!st.set(n.name, item)) {
        await ctx.msg(`${n.name}: is read only`);
        throw new ShellError(2);
      }
      const r = await loopBody(ctx, n.body);
      if (r === 'break') break;
      status = r === 'continue' ? 0 : r;
    }
  } finally {
    st.loopDepth--;
  }
  return status;
}

async function runSubshell(ctx: Ctx, body: Command | null, redirs: Extract<Command, { type: 'subshell' }>['redirs'], tail: boolean): Promise<number> {
  const inner = async (c: Ctx): Promise<number> => {
    try {
      await applyRedirs(c, redirs, false);
    } catch (e) {
      if (e instanceof RedirError) return e.status;
      throw e;
    }
    return run(c, body, true);
  };
  if (tail) return inner(ctx);
  const pid = await forkJob(ctx, inner, true);
  try {
    return await waitFor(ctx, pid);
  } finally {
    await reclaimTerminal(ctx);
  }
}

async function runBackground(ctx: Ctx, body: Command): Promise<number> {
  const jobctl = ctx.st.jobctl !== undefined;
  const pid = await forkJob(ctx, async (c) => {
    if (!jobctl) { // ash: without job control a background job ignores ^C and reads /dev/null
      await c.sys.sigaction(SIG.INT, SIG_IGN);
      await c.sys.sigaction(SIG.QUIT, SIG_IGN);
      const fd = await c.sys.openat(-100, '/dev/null', O.RDONLY, 0);
      if (fd.ok && fd.value !== 0) { await c.sys.dup2(fd.value, 0); await c.sys.close(fd.value); }
    }
    return run(c, body, true);
  }, false);
  ctx.st.lastBg = pid;
  addJob(ctx, [pid], body);
  return 0;
}
