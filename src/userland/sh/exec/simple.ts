// Simple commands: expansion, assignments, redirections, then (in ash's order) special
// builtins, functions, regular builtins, or an external program run by fork + execvp.
import { Errno, ErrnoError, strerror } from '../../../abi/index.js';

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1) || p;
import type { Command, SimpleCommand } from '../ast.js';
import { BUILTINS } from '../builtins/index.js';
import { expandWord, expandWords } from '../expand/expand.js';
import type { Ctx } from './context.js';
import { ExitSignal, ReturnSignal, ShellError } from './control.js';
import { waitFor } from './fork.js';
import { forkJob, reclaimTerminal } from './job-control.js';
import { applyRedirs, RedirError, restoreRedirs, type SavedFds } from './redirect.js';
import { run } from './run.js';
import { xtrace } from './xtrace.js';

/** Runs a simple command; returns its status. */
export async function runSimple(ctx: Ctx, cmd: SimpleCommand, tail: boolean): Promise<number> {
  const st = ctx.st;
  st.lineno = cmd.line;
  await ctx.spin();
  st.substStatus = 0;
  const argv = await expandWords(ctx, cmd.words);
  const assigns: [string, string][] = [];
  if (argv.length === 0) {
    for (const a of cmd.assigns) {
      const v = await expandWord(ctx, a.value, 'assign');
      assigns.push([a.name, v]);
      await assign(ctx, a.name, v);
    }
    await xtrace(ctx, assigns, argv);
    if (cmd.redirs.length) {
      try {
        await restoreRedirs(ctx, await applyRedirs(ctx, cmd.redirs, true));
      } catch (e) {
        if (e instanceof RedirError) return e.status;
        throw e;
      }
    }
    return st.substStatus;
  }

  for (const a of cmd.assigns) assigns.push([a.name, await expandWord(ctx, a.value, 'assign')]);
  await xtrace(ctx, assigns, argv);
  const name = argv[0];
  const builtin = BUILTINS[name];
  const special = builtin?.special === true;
  const func = special ? undefined : st.funcs.get(name);

  if (name === 'exec' && argv.length === 1) {
    try {
      await applyRedirs(ctx, cmd.redirs, false);
    } catch (e) {
      if (e instanceof RedirError && st.interactive) return e.status;
      if (e instanceof RedirError) throw new ShellError(e.status);
      throw e;
    }
    for (const [k, v] of assigns) await assign(ctx, k, v);
    return 0;
  }

  let saved: SavedFds;
  try {
    saved = await applyRedirs(ctx, cmd.redirs, !(tail && !builtin && !func));
  } catch (e) {
    if (e instanceof RedirError) {
      if (special && !st.interactive) throw new ShellError(e.status);
      return e.status;
    }
    throw e;
  }
  try {
    if (special) {
      for (const [k, v] of assigns) await assign(ctx, k, v);
      return await callBuiltin(ctx, name, argv);
    }
    if (func) return await callFunction(ctx, func, argv, assigns);
    if (builtin) return await withTempVars(ctx, assigns, () => callBuiltin(ctx, name, argv));
    const env = st.environ(new Map(assigns));
    // Exec in place only if no trap (EXIT or a signal) still needs this shell to run it.
    if (tail && ctx.st.traps.size === 0) return await execOrDie(ctx, argv, env);
    const pid = await forkJob(ctx, (c) => execOrDie(c, argv, env), true);
    try {
      return await waitFor(ctx, pid);
    } finally {
      await reclaimTerminal(ctx);
    }
  } finally {
    await restoreRedirs(ctx, saved);
  }
}

/** Sets a variable for the shell, failing like ash on read-only ones. */
export async function assign(ctx: Ctx, name: string, value: string): Promise<void> {
  if (!ctx.st.set(name, value)) {
    await ctx.msg(`${name}: is read only`);
    throw new ShellError(2);
  }
}

/** Runs a builtin with its name as the error-message command name. */
export async function callBuiltin(ctx: Ctx, name: string, argv: string[]): Promise<number> {
  const st = ctx.st;
  const b = BUILTINS[name];
  const saveName = st.commandName;
  st.commandName = name;
  try {
    const status = await b.fn(ctx, argv);
    await ctx.out.flush();
    return status;
  } catch (e) {
    await ctx.flushOut();
    if (e instanceof ErrnoError) {
      if (name === 'echo') await ctx.err.write(`${base(st.arg0)}: write error: ${strerror(e.errno)}\n`).catch(() => undefined);
      return 1;
    }
    if (e instanceof ShellError && !b.special) return e.status;
    throw e;
  } finally {
    st.commandName = saveName;
  }
}

async function withTempVars(ctx: Ctx, assigns: [string, string][], fn: () => Promise<number>): Promise<number> {
  if (!assigns.length) return fn();
  const st = ctx.st;
  const old = assigns.map(([k]) => [k, st.vars.get(k)] as const);
  for (const [k, v] of assigns) {
    const prev = st.vars.get(k);
    if (prev?.readonly) { await ctx.msg(`${k}: is read only`); throw new ShellError(2); }
    st.vars.set(k, { value: v, exported: true, readonly: false });
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of old) {
      if (v) st.vars.set(k, v);
      else st.vars.delete(k);
    }
  }
}

/** Calls a shell function: new positional parameters and a frame for `local`. */
export async function callFunction(ctx: Ctx, body: Command, argv: string[], assigns: [string, string][] = []): Promise<number> {
  const st = ctx.st;
  const savedPos = st.positional;
  st.positional = argv.slice(1);
  st.funcDepth++;
  st.pushLocals();
  try {
    for (const [k, v] of assigns) {
      st.makeLocal(k);
      const cur = st.vars.get(k);
      if (cur?.readonly) { await ctx.msg(`${k}: is read only`); throw new ShellError(2); }
      st.vars.set(k, { value: v, exported: true, readonly: false });
    }
    return await run(ctx, body);
  } catch (e) {
    if (e instanceof ReturnSignal) return e.status;
    throw e;
  } finally {
    st.popLocals();
    st.funcDepth--;
    st.positional = savedPos;
  }
}

/** In a child: replaces the process with the program, or reports why not and exits. */
async function execOrDie(ctx: Ctx, argv: string[], env: string[]): Promise<never> {
  await ctx.flushOut();
  const name = argv[0];
  const err = await ctx.libc.execvp(name, argv, env);
  if (err.errno === Errno.ENOEXEC) {
    const path = await ctx.libc.which(name, env);
    if (path) await ctx.sys.execve('/bin/sh', ['sh', path, ...argv.slice(1)], env);
  }
  const e = err.errno;
  await ctx.msg(`${name}: ${e === Errno.ENOENT || e === Errno.ENOTDIR ? 'not found' : strerror(e)}`);
  throw new ExitSignal(e === Errno.ENOENT || e === Errno.ENOTDIR ? 127 : 126);
}
