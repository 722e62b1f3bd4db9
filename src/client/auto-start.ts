// Auto-start of the daemon: when nothing answers on the DEFAULT socket, spawn bin/skiffd
// detached (output to <socket dir>/skiffd.log) and poll /_ping until it answers.
// Explicit hosts (-H, SKIFF_HOST) are never auto-started.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConnectError } from './daemon-error.js';
import { Transport } from './transport.js';

/** How to start and wait for the daemon (injectable for tests). */
export interface AutoStartOptions {
  /** Path of the skiffd executable; default bin/skiffd of this package. */
  daemonPath?: string;
  /** Extra arguments after `--socket PATH`. */
  args?: string[];
  /** Give up after this many milliseconds (default 10 000). */
  timeoutMs?: number;
  /** Poll interval (default 100 ms). */
  intervalMs?: number;
}

/** bin/skiffd of this package (dist/src/client/ → ../../../bin/skiffd). */
export function defaultDaemonPath(): string {
  return fileURLToPath(new URL('../../../bin/skiffd', import.meta.url));
}

/** True when a daemon answers /_ping on the socket. */
export async function isAlive(socketPath: string): Promise<boolean> {
  try {
    const res = await new Transport(socketPath).request('HEAD', '/_ping');
    res.resume();
    return true;
  } catch (err) {
    if (err instanceof ConnectError) return false;
    return true; // it answered, even if with an error status
  }
}

/**
 * Makes sure a daemon listens on `socketPath`: if not, spawns it detached with its output in
 * `<dir>/skiffd.log` and waits for /_ping. Throws a clear error naming the log on timeout.
 */
export async function ensureDaemon(socketPath: string, opts: AutoStartOptions = {}): Promise<void> {
  if (await isAlive(socketPath)) return;
  const dir = path.dirname(socketPath);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const logPath = path.join(dir, 'skiffd.log');
  const daemon = opts.daemonPath ?? defaultDaemonPath();
  if (!fs.existsSync(daemon)) throw new Error(`cannot start the skiff daemon: ${daemon} does not exist`);
  const log = fs.openSync(logPath, 'a');
  let exited: string | undefined;
  try {
    const child = spawn(daemon, ['--socket', socketPath, ...(opts.args ?? [])], { detached: true, stdio: ['ignore', log, log] });
    child.on('error', (err) => { exited = err.message; });
    child.on('exit', (code, signal) => { exited = signal ? `killed by ${signal}` : `exit status ${code}`; });
    child.unref();
  } finally {
    fs.closeSync(log);
  }
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
    if (await isAlive(socketPath)) return;
    if (exited !== undefined) throw new Error(`the skiff daemon exited before answering on ${socketPath} (${exited}); see its log at ${logPath}`);
  }
  throw new Error(`the skiff daemon did not start within ${Math.round((opts.timeoutMs ?? 10_000) / 1000)}s on ${socketPath}; see its log at ${logPath}`);
}
