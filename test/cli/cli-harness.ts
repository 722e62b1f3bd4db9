// Runs the skiff CLI in-process with in-memory stdio against a socket, for tests.
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/run-cli.js';
import type { CliIo } from '../../src/cli/cli-io.js';

/** What a CLI run produced. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `skiff -H unix://<socket> <args>` with the given stdin text and clock. */
export async function runSkiff(socketPath: string, args: string[], opts: { stdin?: string; now?: number; env?: Record<string, string>; tty?: { rows: number; columns: number; rawModes: boolean[] } } = {}): Promise<CliResult> {
  const stdout = Object.assign(new PassThrough(), opts.tty ? { isTTY: true, rows: opts.tty.rows, columns: opts.tty.columns } : {});
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const io: CliIo = {
    stdout, stderr,
    stdin: Object.assign(Readable.from(opts.stdin ? [Buffer.from(opts.stdin)] : []),
      opts.tty ? { isTTY: true, setRawMode: (m: boolean) => opts.tty!.rawModes.push(m) } : {}),
    env: { ...(opts.env ?? {}) }, cwd: process.cwd(), now: () => opts.now ?? Date.now(),
    onSignal: () => () => undefined,
  };
  const code = await runCli(['-H', `unix://${socketPath}`, ...args], io, { autoStart: false });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
