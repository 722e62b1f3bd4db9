// docker CLI benchmark: the real docker CLI timed against skiffd (a child process on a temporary
// socket) and, when one answers on /tmp/real-docker/docker.sock, against a real Docker engine:
// `docker run --rm busybox true`, `docker ps -a` with 100 containers, `docker stats --no-stream`
// with 3 running containers. Prints medians and the skiffd/docker ratios.
// Run: `npx tsc -p . && node dist/bench/docker-bench.js`.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { dockerClient, dockerOnPath, runCli, type CliClient } from '../test/compat/cli-client.js';
import { ping, startSkiffd } from '../test/compat/skiffd-process.js';

/** Where `/work/shared/tools/real-docker` serves its engine. */
const REAL_DOCKER_SOCKET = '/tmp/real-docker/docker.sock';
const RUNS = 10;
const PS_CONTAINERS = 100;
const STATS_CONTAINERS = 3;

interface Figures {
  runMs: number;
  psMs: number;
  psRows: number;
  statsMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** One Engine API request on a Unix socket; resolves with the status and body text. */
function api(socket: string, method: string, urlPath: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ socketPath: socket, method, path: urlPath, headers: data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** Runs a docker command and throws with its output when it fails; returns elapsed ms. */
async function timed(client: CliClient, args: string[]): Promise<{ ms: number; stdout: string }> {
  const start = performance.now();
  const run = await runCli(client, args, { timeoutMs: 60000 });
  const ms = performance.now() - start;
  if (run.code !== 0) throw new Error(`docker ${args.join(' ')} failed (code ${run.code}${run.timedOut ? ', timed out' : ''}): ${run.stderr.trim()}`);
  return { ms, stdout: run.stdout };
}

async function measure(socket: string, client: CliClient, tag: string): Promise<Figures> {
  await timed(client, ['pull', 'busybox']).catch(() => undefined); // the real engine may have busybox imported only
  await timed(client, ['run', '--rm', 'busybox', 'true']); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push((await timed(client, ['run', '--rm', 'busybox', 'true'])).ms);

  const created: string[] = [];
  const running: string[] = [];
  try {
    for (let i = 0; i < PS_CONTAINERS; i++) {
      const r = await api(socket, 'POST', `/v1.41/containers/create?name=${tag}-ps-${i}`, { Image: 'busybox', Cmd: ['true'] });
      if (r.status !== 201) throw new Error(`create ${tag}-ps-${i}: ${r.status} ${r.text}`);
      created.push((JSON.parse(r.text) as { Id: string }).Id);
    }
    await timed(client, ['ps', '-a']); // warm-up
    const ps: number[] = [];
    let psRows = 0;
    for (let i = 0; i < 5; i++) {
      const t = await timed(client, ['ps', '-a']);
      ps.push(t.ms);
      psRows = t.stdout.split('\n').filter((l) => l !== '').length - 1;
    }

    for (let i = 0; i < STATS_CONTAINERS; i++) {
      running.push((await timed(client, ['run', '-d', '--name', `${tag}-stats-${i}`, 'busybox', 'sleep', '1000'])).stdout.trim());
    }
    const stats: number[] = [];
    for (let i = 0; i < 5; i++) stats.push((await timed(client, ['stats', '--no-stream', ...running])).ms);
    return { runMs: median(runs), psMs: median(ps), psRows, statsMs: median(stats) };
  } finally {
    for (const id of [...created, ...running]) await api(socket, 'DELETE', `/v1.41/containers/${id}?force=1`).catch(() => undefined);
  }
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

/** Runs the benchmark; returns report lines (a single "skipped" line without a docker CLI). */
export async function dockerBench(): Promise<string[]> {
  if (!dockerOnPath()) return ['docker CLI not on the PATH: skipped'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-docker-bench-'));
  const lines: string[] = [];
  try {
    const daemon = await startSkiffd({ socket: path.join(dir, 's.sock'), dataRoot: path.join(dir, 'data'), logLevel: 'warn' });
    let skiff: Figures;
    try {
      skiff = await measure(daemon.socket, dockerClient(daemon.socket, path.join(dir, 'cfg-skiff')), 'bench');
    } finally {
      await daemon.stop();
    }
    let real: Figures | undefined;
    if (await ping(REAL_DOCKER_SOCKET)) {
      real = await measure(REAL_DOCKER_SOCKET, dockerClient(REAL_DOCKER_SOCKET, path.join(dir, 'cfg-real')), `skiff-bench-${process.pid}`);
    }
    const row = (what: string, s: number, r: number | undefined, extra = '') =>
      `${what}: skiffd ${fmt(s)}${r === undefined ? '' : `, docker ${fmt(r)} (skiffd/docker ${(s / r).toFixed(2)}x)`}${extra}`;
    lines.push(row(`docker run --rm busybox true (median of ${RUNS})`, skiff.runMs, real?.runMs));
    lines.push(row(`docker ps -a with ${PS_CONTAINERS} containers (median of 5)`, skiff.psMs, real?.psMs,
      ` [rows listed: skiffd ${skiff.psRows}${real ? `, docker ${real.psRows}` : ''}]`));
    lines.push(row(`docker stats --no-stream with ${STATS_CONTAINERS} running (median of 5)`, skiff.statsMs, real?.statsMs));
    if (!real) lines.push(`no real Docker engine answers on ${REAL_DOCKER_SOCKET}: no ratios (start one with /work/shared/tools/real-docker start)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await dockerBench()) console.log(line);
  process.exit(0);
}
