// How the compatibility suites run a CLI as a real child process: the docker CLI with
// DOCKER_HOST pointing at skiffd, or our own bin/skiff with -H. A timeout kills with SIGKILL,
// because the docker CLI ignores SIGTERM while it is attached to a container.
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './skiffd-process.js';

/** A command line that talks to one daemon. */
export interface CliClient {
  /** Label for test names: `docker` or `skiff`. */
  readonly name: string;
  readonly file: string;
  /** Arguments put before the command's own (e.g. `bin/skiff -H unix://…`). */
  readonly prefix: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** What one CLI run produced. */
export interface CliRun {
  /** Exit status; null when it was killed by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the timeout killed it. */
  timedOut: boolean;
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Text written to its stdin, then stdin is closed (stdin is closed at once otherwise). */
  stdin?: string;
  cwd?: string;
  /** Default 20 s. */
  timeoutMs?: number;
}

/** True when a `docker` executable is on the PATH. */
export function dockerOnPath(): boolean {
  try {
    execFileSync('docker', ['--version'], { stdio: 'ignore', timeout: 10000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * The real docker CLI against `socket`. `configDir` becomes DOCKER_CONFIG, so the user's
 * ~/.docker (contexts, credential helpers) plays no part; DOCKER_BUILDKIT=0 selects the classic
 * builder (`/build`) even where buildx is installed.
 */
export function dockerClient(socket: string, configDir: string): CliClient {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: configDir, DOCKER_BUILDKIT: '0', DOCKER_CLI_HINTS: 'false' };
  delete env.DOCKER_CONTEXT;
  delete env.DOCKER_TLS_VERIFY;
  delete env.DOCKER_CERT_PATH;
  return { name: 'docker', file: 'docker', prefix: [], env };
}

/** Our own CLI (compiled, bin/skiff) against `socket`, through `-H unix://<socket>`. */
export function skiffClient(socket: string): CliClient {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DOCKER_HOST;
  return { name: 'skiff', file: process.execPath, prefix: [path.join(repoRoot, 'bin', 'skiff'), '-H', `unix://${socket}`], env };
}

/** Runs `client args…` to completion (or until the timeout SIGKILLs it). */
export function runCli(client: CliClient, args: readonly string[], opts: RunCliOptions = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(client.file, [...client.prefix, ...args], {
      env: client.env, cwd: opts.cwd, timeout: opts.timeoutMs ?? 20000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, encoding: 'utf8',
    }, (_err, stdout, stderr) => {
      resolve({ code: child.exitCode, stdout, stderr, timedOut: child.signalCode === 'SIGKILL' });
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.stdin ?? '');
  });
}

/** A one-line description of a run for assertion messages. */
export function describeRun(client: CliClient, args: readonly string[], run: CliRun): string {
  return `${client.name} ${args.join(' ')} → code ${run.code}${run.timedOut ? ' (timed out)' : ''}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
}
