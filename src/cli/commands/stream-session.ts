// The I/O of an attached container or exec: output demultiplexed (or raw with a TTY) to the
// CLI's stdout/stderr, local stdin copied in raw, half-closed with socket.end() when stdin ends
// (at once when stdin is not attached), terminal raw mode and the ctrl-p ctrl-q detach keys.
import type { Hijacked } from '../../client/index.js';
import { demuxStream } from '../../client/index.js';
import type { CliIo } from '../cli-io.js';

/** How a session is wired. */
export interface SessionOptions {
  tty: boolean;
  /** Copy local stdin into the connection. */
  stdin: boolean;
  /** Detach sequence as bytes (default ctrl-p ctrl-q), only honoured with a TTY. */
  detachKeys?: number[];
}

/** Parses docker's --detach-keys ("ctrl-p,ctrl-q", "a,ctrl-@"). */
export function parseDetachKeys(spec: string): number[] {
  return spec.split(',').map((k) => {
    const key = k.trim().toLowerCase();
    if (key.length === 1) return key.charCodeAt(0);
    const m = /^ctrl-([a-z@[\\\]^_])$/.exec(key);
    if (!m) throw new Error(`Unknown character: '${k}'`);
    const c = m[1];
    return c === '@' ? 0 : /[a-z]/.test(c) ? c.charCodeAt(0) - 96 : c.charCodeAt(0) - 64;
  });
}

/**
 * Sends the terminal's size now and whenever it changes (docker's MonitorTtySize), when stdout
 * is a terminal; returns the unsubscribe function. Errors (e.g. the container already gone) are
 * ignored, as docker prints at most a warning.
 */
export function monitorTtySize(io: CliIo, resize: (rows: number, cols: number) => Promise<void>): () => void {
  const out = io.stdout;
  if (!out.isTTY) return () => undefined;
  const send = () => { void resize(out.rows ?? 0, out.columns ?? 0).catch(() => undefined); };
  send();
  return io.onResize ? io.onResize(send) : io.onSignal('SIGWINCH', send);
}

/** How a session ended. */
export type SessionEnd = 'closed' | 'detached';

/** Runs the session until the daemon closes the stream (or the user detaches). */
export async function runSession(io: CliIo, conn: Hijacked, opts: SessionOptions): Promise<SessionEnd> {
  const socket = conn.socket;
  const keys = opts.detachKeys ?? [16, 17];
  let detached = false;
  let rawSet = false;
  const stdin = io.stdin;
  let onData: ((chunk: Buffer) => void) | undefined;
  let onEnd: (() => void) | undefined;
  socket.on('error', () => undefined);

  if (opts.stdin) {
    if (opts.tty && stdin.isTTY && stdin.setRawMode) {
      stdin.setRawMode(true);
      rawSet = true;
      io.rawOutput?.();
    }
    let matched = 0;
    onData = (chunk: Buffer) => {
      if (opts.tty) {
        for (const byte of chunk) {
          matched = byte === keys[matched] ? matched + 1 : byte === keys[0] ? 1 : 0;
          if (matched === keys.length) { detached = true; socket.destroy(); return; }
        }
      }
      socket.write(chunk);
    };
    onEnd = () => { if (!socket.destroyed) socket.end(); };
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.resume();
  } else {
    socket.end();
  }

  try {
    if (opts.tty) {
      await new Promise<void>((resolve) => {
        socket.on('data', (chunk: Buffer) => io.stdout.write(chunk));
        socket.on('end', resolve);
        socket.on('close', () => resolve());
      });
    } else {
      await demuxStream(socket, { stdout: io.stdout, stderr: io.stderr });
    }
  } finally {
    if (onData) stdin.off('data', onData);
    if (onEnd) stdin.off('end', onEnd);
    if (opts.stdin) stdin.pause();
    if (rawSet) stdin.setRawMode?.(false);
    if (!socket.destroyed) socket.destroy();
  }
  return detached ? 'detached' : 'closed';
}
