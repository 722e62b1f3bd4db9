// The CLI's window on the world: stdio streams, environment, cwd, clock and signals. main.ts
// passes the real process; tests pass in-memory streams, so commands run in-process.
import { spawnSync } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** An output stream that may be a terminal. */
export type OutStream = Writable & { isTTY?: boolean; columns?: number; rows?: number };

/** An input stream that may be a terminal. */
export type InStream = Readable & { isTTY?: boolean; setRawMode?(mode: boolean): unknown };

/** Everything a command may touch outside the daemon. */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Milliseconds since the epoch (relative times like "2 minutes ago"). */
  now(): number;
  /** Subscribes to a process signal; returns the unsubscribe function. */
  onSignal(signal: NodeJS.Signals, handler: () => void): () => void;
  /**
   * Subscribes to terminal size changes of stdout (after `rows`/`columns` are updated);
   * returns the unsubscribe function. Absent: SIGWINCH is used.
   */
  onResize?(handler: () => void): () => void;
  /**
   * Called right after stdin.setRawMode(true): turns off output post-processing (OPOST) as
   * docker's raw mode does, which Node's raw mode keeps on ("\r\n" would become "\r\r\n").
   * setRawMode(false) restores the terminal's original modes, OPOST included.
   */
  rawOutput?(): void;
}

/** The real process as a CliIo. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
    onSignal(signal, handler) {
      process.on(signal, handler);
      return () => { process.off(signal, handler); };
    },
    onResize(handler) {
      process.stdout.on('resize', handler);
      return () => { process.stdout.off('resize', handler); };
    },
    rawOutput() {
      // Node has no termios API: stty on the same terminal (our fd 0) clears OPOST. SIGTTOU is
      // ignored so that a CLI in a background process group (e.g. under `timeout`) is not
      // stopped, and the run is bounded whatever happens. Node restores the startup modes at
      // exit, also when a signal ends it.
      spawnSync('sh', ['-c', "trap '' TTOU; exec stty -opost"], { stdio: ['inherit', 'ignore', 'ignore'], timeout: 5000, killSignal: 'SIGKILL' });
    },
  };
}
