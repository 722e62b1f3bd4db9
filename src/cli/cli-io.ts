// The CLI's window on the world: stdio streams, environment, cwd, clock and signals. main.ts
// passes the real process; tests pass in-memory streams, so commands run in-process.
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
  };
}
