// The shell (busybox ash look-alike): `sh -c 'cmds' [name [args]]`, `sh script [args]`,
// commands from stdin, and an interactive mode (prompts, ^C handling, job control on
// a controlling terminal: exec/job-control.ts). The parser is in parser.ts,
// the executor in exec/, builtins in builtins/. Exported as the applet `shMain`.
import { Errno, IOCTL, strerror, type Program } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { decode, Libc } from '../libc/libc.js';
import { stdio } from '../libc/stdio.js';
import { currentDir } from './builtins/cd.js';
import { setOption } from './builtins/set.js';
import { Ctx } from './exec/context.js';
import { ExitSignal, ShellError } from './exec/control.js';
import { parserFor, syntaxError } from './exec/eval.js';
import { reapJobs } from './exec/jobs.js';
import { setInteractiveSignals, setJobControl } from './exec/job-control.js';
import { RedirError } from './exec/redirect.js';
import { run } from './exec/run.js';
import { finishShell, statusOfThrow } from './exec/shell-exit.js';
import { EOF_NODE } from './parser.js';
import { ShellState } from './state.js';
import { ShSyntaxError } from './tokens.js';
import type { Command } from './ast.js';
import { BUSYBOX_BANNER } from '../applets/lib/report.js';

interface Invocation {
  command?: string;
  script?: string;
  stdin: boolean;
  interactive: boolean;
  args: string[];
}

/** Parses sh's own options into `st`; returns what to run. */
async function parseArgs(ctx: Ctx, argv: string[]): Promise<Invocation | number> {
  const inv: Invocation = { stdin: false, interactive: false, args: [] };
  let i = 1;
  let wantC = false;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--' || a === '-') { i++; break; }
    if ((a[0] !== '-' && a[0] !== '+') || a.length < 2) break;
    const on = a[0] === '-';
    for (const c of a.slice(1)) {
      if (c === 'c') wantC = true;
      else if (c === 's') inv.stdin = true;
      else if (c === 'i') inv.interactive = on;
      else if (c === 'l') continue;
      else if (c === 'o') {
        const name = argv[++i];
        if (name !== undefined) await setOption(ctx, on, undefined, name);
      } else await setOption(ctx, on, c);
    }
  }
  const rest = argv.slice(i);
  if (wantC) {
    if (!rest.length) {
      await ctx.err.write(`${ctx.st.arg0}: -c requires an argument\n`);
      return 2;
    }
    inv.command = rest[0];
    inv.args = rest.slice(1);
  } else if (!inv.stdin && rest.length) {
    inv.script = rest[0];
    inv.args = rest.slice(1);
  } else {
    inv.stdin = true;
    inv.args = rest;
  }
  return inv;
}

/** Imports the environment and sets the variables ash defines at startup. */
async function initVars(ctx: Ctx, envp: string[]): Promise<void> {
  const st = ctx.st;
  for (const e of envp) {
    const eq = e.indexOf('=');
    if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(e.slice(0, eq))) st.vars.set(e.slice(0, eq), { value: e.slice(eq + 1), exported: true, readonly: false });
  }
  const defaults: Record<string, string> = { IFS: ' \t\n', PS1: '\\w \\$ ', PS2: '> ', PS4: '+ ', OPTIND: '1', LINENO: '', FUNCNAME: '' };
  for (const [k, v] of Object.entries(defaults)) if (!st.vars.has(k) || k === 'IFS') st.vars.set(k, { value: v, exported: false, readonly: false });
  if (!st.vars.has('PATH')) st.vars.set('PATH', { value: '/sbin:/usr/sbin:/bin:/usr/bin', exported: true, readonly: false });
  const uts = await ctx.sys.uname();
  if (uts.ok && !st.vars.has('HOSTNAME')) st.vars.set('HOSTNAME', { value: uts.value.nodename, exported: false, readonly: false });
  const ppid = await ctx.sys.getppid();
  st.vars.set('PPID', { value: String(ppid.ok ? ppid.value : 0), exported: false, readonly: false });
  const level = Number(st.get('SHLVL') ?? '0');
  st.vars.set('SHLVL', { value: String((Number.isFinite(level) ? level : 0) + 1), exported: true, readonly: false });
  const cwd = await ctx.sys.getcwd();
  if (cwd.ok) {
    const pwd = st.get('PWD');
    const same = pwd?.startsWith('/') && (await sameFile(ctx.libc, pwd, cwd.value));
    st.set('PWD', same ? pwd : cwd.value, { exported: true });
  }
  const pid = await ctx.sys.getpid();
  st.pid = pid.ok ? pid.value : 0;
}

async function sameFile(libc: Libc, a: string, b: string): Promise<boolean> {
  const [x, y] = [await libc.statOrUndefined(a), await libc.statOrUndefined(b)];
  return !!x && !!y && x.dev === y.dev && x.ino === y.ino;
}

/** Runs one top-level command; errors abort a non-interactive shell (ExitSignal). */
async function runTop(ctx: Ctx, cmd: Command, tail = false): Promise<void> {
  try {
    await run(ctx, cmd, tail);
  } catch (e) {
    if (e instanceof ShellError || e instanceof RedirError) {
      ctx.st.status = e.status;
      if (!ctx.st.interactive) throw new ExitSignal(e.status);
      return;
    }
    throw e;
  }
  await reapJobs(ctx);
}

/**
 * Runs complete source text command line by command line. With `execLast` (ash's `sh -c`),
 * the last command line replaces the shell (exec, no fork) when no trap needs the shell to stay:
 * so in `docker run busybox sh -c '…; sleep 100'` sleep is PID 1 and gets docker stop's SIGTERM.
 */
async function runSource(ctx: Ctx, src: string, line: number, execLast = false): Promise<void> {
  const parser = parserFor(ctx, src, line);
  const next = async (): Promise<Command | null | typeof EOF_NODE> => {
    try {
      return parser.parseCommandLine();
    } catch (e) {
      if (!(e instanceof ShSyntaxError)) throw e;
      await syntaxError(ctx, e);
      throw new ExitSignal(2);
    }
  };
  if (!execLast) {
    for (let cmd = await next(); cmd !== EOF_NODE; cmd = await next()) if (cmd) await runTop(ctx, cmd);
    return;
  }
  // A line is the last when only blanks and comments follow it (no lookahead parse, so an
  // alias defined on one line still applies to the next).
  for (let cmd = await next(); cmd !== EOF_NODE; cmd = await next()) {
    const last = src.slice(parser.pos).replace(/#[^\n]*/g, '').trim() === '';
    if (cmd) await runTop(ctx, cmd, last && !ctx.st.interactive);
  }
}

/** Expands PS1's \w \W \$ \u \h \n escapes (busybox's subset). */
async function prompt(ctx: Ctx, ps: string): Promise<string> {
  const home = ctx.st.get('HOME');
  const cwd = await currentDir(ctx);
  const w = home && (cwd === home || cwd.startsWith(`${home}/`)) ? `~${cwd.slice(home.length)}` : cwd;
  const uid = await ctx.sys.geteuid();
  const uts = await ctx.sys.uname();
  return ps.replace(/\\([wW$unh\\])/g, (_m, c: string) => {
    switch (c) {
      case 'w': return w;
      case 'W': return cwd === '/' ? '/' : cwd.slice(cwd.lastIndexOf('/') + 1);
      case '$': return uid.ok && uid.value === 0 ? '#' : '$';
      case 'u': return uid.ok && uid.value === 0 ? 'root' : String(uid.ok ? uid.value : '');
      case 'h': return uts.ok ? uts.value.nodename.split('.')[0] : '';
      case 'n': return '\n';
      default: return '\\';
    }
  });
}

/** Reads commands from stdin incrementally (line by line on a terminal, in blocks otherwise). */
async function runStdin(ctx: Ctx): Promise<void> {
  const st = ctx.st;
  let buf = '';
  let eof = false;
  let line = 1;
  const dec = new TextDecoder();
  // A terminal in canonical mode returns at most one line per read; anything else is read a
  // byte at a time when interactive, so a command started from a line never loses its input.
  const chunk = st.interactive && !(await isTty(ctx, 0)) ? 1 : 4096;
  if (st.interactive) {
    await setInteractiveSignals(ctx);
    await setJobControl(ctx);
    await ctx.out.write(`\n\n${BUSYBOX_BANNER.replace(' multi-call binary.', ' built-in shell (ash)')}\nEnter 'help' for a list of built-in commands.\n\n`);
  }
  /** ^C at the prompt: the partial command is dropped and a fresh prompt printed. */
  const abandonLine = async (): Promise<void> => {
    ctx.interrupted = false;
    buf = '';
    await ctx.out.write('\n');
  };
  const readMore = async (ps: string): Promise<void> => {
    if (st.interactive) {
      // busybox's line editor prints the prompt on stdout (recorded: `sh 2>/dev/null` still shows it).
      await ctx.out.write(await prompt(ctx, ps));
      await ctx.flushOut();
    }
    for (;;) {
      const r = await ctx.sys.read(0, chunk);
      if (!r.ok && r.errno === Errno.EINTR) {
        if (st.interactive && ctx.interrupted) {
          await abandonLine();
          await ctx.out.write(await prompt(ctx, st.get('PS1') ?? '$ '));
          await ctx.flushOut();
          continuing = false;
        }
        continue;
      }
      if (!r.ok || r.value.length === 0) { eof = true; buf += dec.decode(); return; }
      buf += dec.decode(r.value, { stream: true });
      if (eof || buf.endsWith('\n')) return;
    }
  };
  let continuing = false;
  for (;;) {
    ctx.interrupted = false;
    if (!buf.includes('\n') && !eof) await readMore(continuing ? st.get('PS2') ?? '> ' : st.get('PS1') ?? '$ ');
    if (!buf && eof) {
      if (st.interactive) await ctx.err.write('\n');
      return;
    }
    const parser = parserFor(ctx, buf, line);
    let cmd: Command | null | typeof EOF_NODE;
    try {
      cmd = parser.parseCommandLine();
    } catch (e) {
      if (!(e instanceof ShSyntaxError)) throw e;
      if (e.eof && !eof) { continuing = true; await readMore(st.get('PS2') ?? '> '); continue; }
      await syntaxError(ctx, e);
      if (!st.interactive) throw new ExitSignal(2);
      st.status = 2;
      buf = '';
      continuing = false;
      line = parser.line;
      continue;
    }
    continuing = false;
    buf = buf.slice(parser.pos);
    line = parser.line;
    if (cmd === EOF_NODE) { if (eof) return; continue; }
    if (cmd) await runTop(ctx, cmd);
    await ctx.flushOut();
  }
}

async function isTty(ctx: Ctx, fd: number): Promise<boolean> {
  return (await ctx.sys.ioctl(fd, IOCTL.TCGETS)).ok;
}

/** The shell as an applet (busybox `sh`/`ash`). */
export const shMain: Applet = async (actx) => {
  const st = new ShellState();
  st.arg0 = actx.argv[0] ?? 'sh';
  const ctx = new Ctx(actx.sys, st, actx.out, actx.err);
  let status = 0;
  try {
    await initVars(ctx, actx.envp);
    const inv = await parseArgs(ctx, actx.argv);
    if (typeof inv === 'number') return inv;
    if (inv.command !== undefined) {
      st.mode = 'c';
      if (inv.args.length) {
        st.arg0 = inv.args[0];
        st.topCommandName = st.arg0;
        st.positional = inv.args.slice(1);
      }
      st.commandName = st.topCommandName;
      if (inv.interactive) st.opts.add('interactive');
      await runSource(ctx, inv.command, 0, !inv.interactive);
      status = st.status;
    } else if (inv.script !== undefined) {
      st.mode = 'script';
      const fd = await ctx.sys.openat(-100, inv.script, 0, 0);
      if (!fd.ok) {
        await ctx.err.write(`${st.arg0}: can't open '${inv.script}': ${strerror(fd.errno)}\n`);
        return 2;
      }
      let text: string;
      try {
        text = decode(await ctx.libc.readAll(fd.value));
      } finally {
        await ctx.sys.close(fd.value);
      }
      st.arg0 = inv.script;
      st.topCommandName = st.arg0;
      st.commandName = st.arg0;
      st.positional = inv.args;
      if (inv.interactive) st.opts.add('interactive');
      await runSource(ctx, text, 1);
      status = st.status;
    } else {
      st.mode = 'stdin';
      st.positional = inv.args;
      if (inv.interactive || ((await isTty(ctx, 0)) && (await isTty(ctx, 2)))) st.opts.add('interactive');
      await runStdin(ctx);
      status = st.status;
    }
  } catch (e) {
    status = await statusOfThrow(ctx, e);
  }
  return finishShell(ctx, status);
};

/** The shell as a Program (for binary formats that run it directly). */
export const shProgram: Program = async (argv, envp, sys) => {
  const { out, err } = stdio(sys);
  return shMain({ argv, envp, sys, libc: new Libc(sys), out, err });
};
