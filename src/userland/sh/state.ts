// The shell's state: variables (with export/readonly flags and function-local frames),
// functions, aliases, positional parameters, options, traps and jobs. Subshells get a deep
// copy (clone()), so a child process never shares mutable state with its parent.
import type { Command } from './ast.js';

/** A shell variable. `value` undefined means declared (export x / local x) but unset. */
export interface Var {
  value: string | undefined;
  exported: boolean;
  readonly: boolean;
}

/** Single-letter options (`set -e` etc.) and their long names for `set -o`. */
export const OPTION_LETTERS: Record<string, string> = {
  e: 'errexit', f: 'noglob', u: 'nounset', x: 'xtrace', v: 'verbose', n: 'noexec', a: 'allexport',
  C: 'noclobber', m: 'monitor', b: 'notify', i: 'interactive', s: 'stdin',
};

/** The order ash prints `$-` in (its option table, reversed). */
const DOLLAR_MINUS_ORDER = ['E', 'u', 'b', 'a', 'C', 'v', 'x', 'c', 's', 'n', 'm', 'i', 'I', 'f', 'e'];

/** A background job. */
export interface Job {
  id: number;
  pids: number[];
  pgid: number;
  command: string;
  /** Exit status once done (128+n if signalled). */
  status?: number;
  /** Pids still running. */
  running: Set<number>;
  notified?: boolean;
}

/** Where commands come from; decides error-message prefixes and line numbering. */
export type InputMode = 'c' | 'script' | 'stdin';

export class ShellState {
  vars = new Map<string, Var>();
  /** One frame per active function call: the variables it made local, with their old values. */
  locals: Map<string, Var | undefined>[] = [];
  funcs = new Map<string, Command>();
  aliases = new Map<string, string>();
  positional: string[] = [];
  arg0 = 'sh';
  opts = new Set<string>();
  status = 0;
  lastBg: number | undefined;
  /** $$: the pid of the top-level shell (subshells keep it). */
  pid = 0;
  /** Trap actions by signal number; 0 is EXIT. An empty string ignores the signal. */
  traps = new Map<number, string>();
  /** In a subshell: the parent's traps, which `trap` lists until the subshell sets its own. */
  parentTraps = new Map<number, string>();
  jobs: Job[] = [];
  /**
   * Job control is on: the terminal fd and the shell's own process group. Not copied by
   * clone(): a subshell runs its commands in its job's group (as ash turns jobctl off in children).
   */
  jobctl: { fd: number; pgid: number } | undefined;
  /** ash's `commandname` at top level: null for `sh -c` without a name and for stdin. */
  topCommandName: string | null = null;
  /** The builtin being run (its name prefixes error messages), else topCommandName. */
  commandName: string | null = null;
  mode: InputMode = 'c';
  lineno = 0;
  funcDepth = 0;
  loopDepth = 0;
  /** getopts: the character position inside the current argument. */
  optchar = 0;
  /** getopts: the OPTIND value it last set (a different value restarts the scan). */
  getoptsInd = 0;
  /** True in a forked child (subshell, pipeline stage, background job, $( )). */
  subshell = false;
  /** Exit status of the last command substitution (the status of a command without a name). */
  substStatus = 0;
  /** Nesting of contexts where `set -e` does not apply (if/while conditions, && lists, !). */
  errexitOff = 0;

  get interactive(): boolean {
    return this.opts.has('interactive');
  }

  /** The value of a variable, or undefined if unset. */
  get(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }

  /**
   * Sets a variable (keeping its flags). Returns false if it is read-only (the caller reports).
   */
  set(name: string, value: string | undefined, flags: { exported?: boolean; readonly?: boolean } = {}): boolean {
    const v = this.vars.get(name);
    if (v?.readonly) return false;
    if (v) {
      v.value = value;
      if (flags.exported) v.exported = true;
      if (flags.readonly) v.readonly = true;
    } else {
      this.vars.set(name, { value, exported: !!flags.exported || this.opts.has('allexport'), readonly: !!flags.readonly });
    }
    return true;
  }

  /** Unsets a variable; false if it is read-only. */
  unset(name: string): boolean {
    const v = this.vars.get(name);
    if (v?.readonly) return false;
    if (this.locals.length && this.locals[this.locals.length - 1].has(name) && v) {
      v.value = undefined;
      return true;
    }
    this.vars.delete(name);
    return true;
  }

  /** Makes `name` local to the current function (saving the outer value). */
  makeLocal(name: string): void {
    const frame = this.locals[this.locals.length - 1];
    if (!frame || frame.has(name)) return;
    const old = this.vars.get(name);
    frame.set(name, old ? { ...old } : undefined);
    if (old) this.vars.set(name, { ...old });
  }

  pushLocals(): void {
    this.locals.push(new Map());
  }

  /** Restores the variables the innermost function made local. */
  popLocals(): void {
    const frame = this.locals.pop();
    if (!frame) return;
    for (const [name, old] of frame) {
      if (old) this.vars.set(name, old);
      else this.vars.delete(name);
    }
  }

  /** The environment for a child: exported variables with values, plus `extra` assignments. */
  environ(extra?: Map<string, string>): string[] {
    const env = new Map<string, string>();
    for (const [k, v] of this.vars) if (v.exported && v.value !== undefined) env.set(k, v.value);
    if (extra) for (const [k, v] of extra) env.set(k, v);
    return [...env].map(([k, v]) => `${k}=${v}`);
  }

  /** `$-`: the set single-letter options. */
  flags(): string {
    let s = '';
    for (const l of DOLLAR_MINUS_ORDER) {
      const on = l === 'c' ? this.mode === 'c' : l === 's' ? this.mode === 'stdin' : this.opts.has(OPTION_LETTERS[l] ?? '');
      if (on) s += l;
    }
    return s;
  }

  /** A deep copy for a subshell. */
  clone(): ShellState {
    const c = new ShellState();
    for (const [k, v] of this.vars) c.vars.set(k, { ...v });
    c.locals = this.locals.map((f) => new Map([...f].map(([k, v]) => [k, v ? { ...v } : undefined])));
    c.funcs = new Map(this.funcs);
    c.aliases = new Map(this.aliases);
    c.positional = [...this.positional];
    c.arg0 = this.arg0;
    c.opts = new Set(this.opts);
    c.status = this.status;
    c.lastBg = this.lastBg;
    c.pid = this.pid;
    c.traps = new Map(this.traps);
    c.parentTraps = new Map(this.traps.size ? this.traps : this.parentTraps);
    c.jobs = [];
    c.topCommandName = this.topCommandName;
    c.commandName = this.commandName;
    c.mode = this.mode;
    c.lineno = this.lineno;
    c.funcDepth = this.funcDepth;
    c.loopDepth = this.loopDepth;
    c.optchar = this.optchar;
    c.getoptsInd = this.getoptsInd;
    c.subshell = true;
    c.errexitOff = this.errexitOff;
    return c;
  }
}
