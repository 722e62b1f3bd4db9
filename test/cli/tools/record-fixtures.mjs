// record-fixtures: runs the real docker CLI through record-proxy against the real engine
// (shared/tools/real-docker) and saves, per scenario, argv, stdout, stderr, exit code and the
// HTTP exchanges as test/cli/fixtures/<name>.json. Run by hand; tests only replay the files.
//   node test/cli/tools/record-fixtures.mjs <scenarios.mjs> [only-name...]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const engine = '/tmp/real-docker/docker.sock';
const work = fs.mkdtempSync('/tmp/skiff-rec-');
const [scenarioFile, ...only] = process.argv.slice(2);
const { scenarios } = await import(pathToFileURL(path.resolve(scenarioFile)).href);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
for (const sc of scenarios) {
  if (only.length && !only.includes(sc.name)) continue;
  const sock = path.join(work, `${sc.name}.sock`);
  const logFile = path.join(work, `${sc.name}.jsonl`);
  if (sc.setup) spawnSync('sh', ['-c', sc.setup], { env: { ...process.env, DOCKER_HOST: `unix://${engine}` }, stdio: 'inherit' });
  const proxy = spawn(process.execPath, [path.join(here, 'record-proxy.mjs'), sock, engine, logFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => proxy.stdout.once('data', r));
  const recordedAt = Date.now();
  const run = spawnSync('docker', sc.args, {
    cwd: sc.cwd ?? work,
    input: sc.stdin ?? '',
    env: { ...process.env, DOCKER_HOST: `unix://${sock}`, ...(sc.env ?? {}) },
    timeout: sc.timeout ?? 30000,
  });
  await sleep(300);
  proxy.kill();
  const exchanges = fs.existsSync(logFile)
    ? fs.readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)).sort((a, b) => a.seq - b.seq)
    : [];
  const fixture = {
    name: sc.name, args: sc.args, stdin: sc.stdin ?? '', recordedAt,
    stdout: run.stdout.toString('utf8'), stderr: run.stderr.toString('utf8'), rc: run.status, exchanges,
  };
  fs.writeFileSync(path.join(here, '..', 'fixtures', `${sc.name}.json`), JSON.stringify(fixture, null, 1) + '\n');
  console.log(`${sc.name}: rc=${run.status} exchanges=${exchanges.length}`);
  if (sc.teardown) spawnSync('sh', ['-c', sc.teardown], { env: { ...process.env, DOCKER_HOST: `unix://${engine}` }, stdio: 'inherit' });
}
fs.rmSync(work, { recursive: true, force: true });
