// Starts the compiled daemon (bin/skiffd → dist/src/boot/skiffd.js) as a real child process on
// a temporary Unix socket, waits until /_ping answers, keeps its stderr (debug log) for failure
// messages, and stops it with SIGTERM. Used by the compatibility suites and bench/docker-bench.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in test/compat/, or dist/test/compat/ once compiled). */
export const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'bin', 'skiffd'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the skiff repository root above ${from}`);
  }
}

/** A running skiffd child process. */
export interface SkiffdProcess {
  /** Path of the Unix socket it serves. */
  readonly socket: string;
  /** Its data root. */
  readonly dataRoot: string;
  /** Everything it wrote on stderr so far (its log; the last 1 MiB at most). */
  log(): string;
  /** SIGTERM, then waits for it to exit (SIGKILL after `graceMs`); resolves with its exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/** Options of {@link startSkiffd}. */
export interface StartSkiffdOptions {
  socket: string;
  dataRoot: string;
  /** Daemon log level; `debug` logs every request. Default `debug`. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** How long to wait for /_ping. Default 20 s. */
  readyTimeoutMs?: number;
}

const LOG_CAP = 1024 * 1024;

/** Throws a clear error when dist/ has not been built. */
export function assertDistBuilt(): void {
  const main = path.join(repoRoot, 'dist', 'src', 'boot', 'skiffd.js');
  if (!fs.existsSync(main)) {
    throw new Error(`${main} is missing: build the daemon first with \`npm ci\` (prepare script) or \`npx tsc -p .\``);
  }
}

/** Answers true when GET /_ping on the socket replies 200 "OK". */
export function ping(socket: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath: socket, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** Spawns `bin/skiffd --socket … --data-root … --log-level …` and waits until it answers /_ping. */
export async function startSkiffd(opts: StartSkiffdOptions): Promise<SkiffdProcess> {
  assertDistBuilt();
  fs.mkdirSync(path.dirname(opts.socket), { recursive: true });
  const child: ChildProcess = spawn(process.execPath, [
    path.join(repoRoot, 'bin', 'skiffd'), '--socket', opts.socket, '--data-root', opts.dataRoot, '--log-level', opts.logLevel ?? 'debug',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => {
    log += s;
    if (log.length > LOG_CAP) log = log.slice(log.length - LOG_CAP);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => { done = true; });

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 20000);
  for (;;) {
    if (done) throw new Error(`skiffd exited before answering /_ping (code ${child.exitCode}); its log:\n${log}`);
    if (await ping(opts.socket)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`skiffd did not answer /_ping on ${opts.socket} within ${opts.readyTimeoutMs ?? 20000} ms; its log:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    socket: opts.socket,
    dataRoot: opts.dataRoot,
    log: () => log,
    async stop(graceMs = 30000) {
      if (done) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
