// Runs a CLI under a pseudo-terminal (util-linux `script`), the way a user at a terminal does:
// `stty cols C rows R` first, then the command; input is typed step by step, each step once the
// output so far contains what it waits for. stdin stays open until the CLI exits (closing it
// would hang up the terminal).
import { spawn } from 'node:child_process';
import type { CliClient } from './cli-client.js';

/** One keystroke batch: type `input` once the output contains `after`. */
export interface PtyStep {
  after: string;
  input: string;
}

/** What a run under a pty produced (stdout and stderr arrive mixed, as on a terminal). */
export interface PtyRun {
  code: number | null;
  output: string;
  timedOut: boolean;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** True when util-linux `script` is available. */
export function scriptAvailable(): boolean {
  try {
    return spawn('script', ['--version']).pid !== undefined;
  } catch {
    return false;
  }
}

/** Runs `client args…` on a `rows`×`cols` terminal, typing `steps`; SIGKILL after `timeoutMs`. */
export function runUnderPty(client: CliClient, args: readonly string[], steps: readonly PtyStep[], size = { rows: 40, cols: 120 }, timeoutMs = 20000): Promise<PtyRun> {
  const command = [client.file, ...client.prefix, ...args].map(shellQuote).join(' ');
  const child = spawn('script', ['-qfec', `stty cols ${size.cols} rows ${size.rows}; exec ${command}`, '/dev/null'], {
    env: client.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true,
  });
  let output = '';
  let next = 0;
  const feed = () => {
    while (next < steps.length && output.includes(steps[next].after)) child.stdin.write(steps[next++].input);
  };
  child.stdout.on('data', (b: Buffer) => { output += b.toString('utf8'); feed(); });
  child.stderr.on('data', (b: Buffer) => { output += b.toString('utf8'); });
  child.stdin.on('error', () => undefined);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
  }, timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}
