// The shape of an attached stdio session (container attach, exec start) as the daemon hands it
// to the engine: the daemon owns the socket and the framing; the engine pumps bytes.

import type { Readable, Writable } from 'node:stream';

/**
 * The streams of one attach/exec session.
 * - `stdin` ends when the client half-closes its side (that is NOT a hang-up: keep writing output).
 * - `stdout`/`stderr` never emit errors: after the client disconnects, writes are discarded.
 *   For a TTY session both are the same raw writer; otherwise each writes multiplexed frames.
 * A stream is null when the client did not ask for it.
 */
export interface AttachStreams {
  stdin: Readable | null;
  stdout: Writable | null;
  stderr: Writable | null;
}

/**
 * A prepared attach/exec session. The daemon obtains it before answering (so "No such
 * container" can still be an HTTP error), writes `101 UPGRADED`, then calls `run`.
 */
export interface StreamSession {
  /** True when the process has a TTY: output is raw bytes, not multiplexed. */
  readonly tty: boolean;
  /**
   * Pumps the streams until the session is over (process exited and output written; for exec,
   * ExitCode must already be visible in execInspect). The daemon then closes the connection.
   * `signal` aborts when the client disconnects (treat as a detach, never as a kill).
   */
  run(streams: AttachStreams, signal: AbortSignal): Promise<void>;
}
