// The execution context of one shell process: its own `sys`, libc, stdio streams and state.
// fork() makes a child process running a JS function with a fresh context over the child's
// sys and a deep copy of the state (the child never touches the parent's sys or state).
import { SIG_DFL, type Sys } from '../../../abi/index.js';
import { Libc } from '../../libc/libc.js';
import { OutStream } from '../../libc/stdio.js';
import type { ShellState } from '../state.js';
import { resetInteractiveSignals } from './job-control.js';

export class Ctx {
  readonly libc: Libc;
  readonly out: OutStream;
  readonly err: OutStream;
  /** Signals caught by trap handlers and not yet acted on. */
  readonly pending: number[] = [];
  /** Set while a trap action runs (traps do not nest). */
  inTrap = false;
  /** An interactive shell caught SIGINT (^C) since this was last cleared. */
  interrupted = false;

  constructor(readonly sys: Sys, readonly st: ShellState, out?: OutStream, err?: OutStream) {
    this.libc = new Libc(sys);
    this.out = out ?? new OutStream(sys, 1, true);
    this.err = err ?? new OutStream(sys, 2, false);
  }

  /** ash's error prefix: `sh: `, then `cmd: ` and `line N: ` when a command name is set. */
  prefix(): string {
    const st = this.st;
    let s = `${st.arg0}: `;
    const cn = st.commandName;
    if (cn !== null) {
      if (cn !== st.arg0) s += `${cn}: `;
      if (!st.interactive || st.mode !== 'stdin') s += `line ${st.lineno}: `;
    }
    return s;
  }

  /** Prints an error message the way ash_msg does. */
  async msg(text: string): Promise<void> {
    await this.flushOut();
    await this.err.write(`${this.prefix()}${text}\n`).catch(() => undefined);
  }

  /** Flushes stdout, ignoring a vanished reader (EPIPE). */
  async flushOut(): Promise<void> {
    try {
      await this.out.flush();
    } catch {
      /* the reader went away: the data is lost, as it would be in C */
    }
  }

  /** Charges CPU for one step of work (a command or loop iteration). */
  async spin(): Promise<void> {
    await this.sys.spin(2000);
  }

  /**
   * Forks: the child runs `body` with its own context and a copy of the state; traps the
   * parent caught are reset to default in the child. Returns the child's pid. (exec/fork.ts
   * wraps `body` with the shell's exit path.)
   */
  async fork(body: (child: Ctx) => Promise<number>, flags = 0): Promise<number> {
    await this.flushOut();
    const st = this.st.clone();
    const caught = [...this.st.traps].filter(([sig, action]) => sig > 0 && action !== '').map(([sig]) => sig);
    for (const [sig, action] of st.traps) if (action !== '') st.traps.delete(sig);
    const interactive = this.st.interactive;
    const trapped = new Set([...this.st.traps.keys()]);
    return this.libc.fork(async (csys) => {
      const child = new Ctx(csys, st);
      for (const sig of caught) await csys.sigaction(sig, SIG_DFL);
      if (interactive) await resetInteractiveSignals(child, trapped);
      return body(child);
    }, flags);
  }
}
