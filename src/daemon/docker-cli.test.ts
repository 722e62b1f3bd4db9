// Drives the daemon with the real docker CLI (28.x) over a temporary socket, with the in-memory
// fake engine behind the Backend interfaces. Skipped when `docker` is not on PATH.

import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDaemonServer, type DaemonServer } from './server.js';
import { createFakeEngine } from './test-support/fake-backends.js';

const hasDocker = (() => { try { execFileSync('docker', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();

let dir: string;
let server: DaemonServer;
let env: NodeJS.ProcessEnv;

interface Run { code: number; stdout: string; stderr: string }

/** Runs the docker CLI against the test daemon, optionally feeding stdin. */
function docker(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    if (stdin === undefined) {
      execFile('docker', args, { env, timeout: 20_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      });
      return;
    }
    const child = spawn('docker', args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'skiffd-cli-'));
  const sock = join(dir, 'docker.sock');
  server = createDaemonServer({ backends: createFakeEngine().backends, logger: { debug: () => undefined, error: () => undefined } });
  await server.listen(sock);
  mkdirSync(join(dir, 'config'));
  env = { PATH: process.env.PATH, HOME: dir, DOCKER_HOST: `unix://${sock}`, DOCKER_CONFIG: join(dir, 'config') };
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasDocker)('real docker CLI against the daemon', () => {
  it('docker version negotiates API 1.50', async () => {
    const r = await docker(['version', '--format', '{{.Client.APIVersion}} {{.Server.APIVersion}} {{.Server.Os}}']);
    expect(r).toMatchObject({ code: 0, stdout: '1.50 1.50 linux\n' });
  });

  it('docker run --rm prints the attach output and passes the exit code through', async () => {
    expect(await docker(['run', '--rm', 'busybox', 'echo', 'hi'])).toMatchObject({ code: 0, stdout: 'hi\n' });
    const failed = await docker(['run', '--rm', 'busybox', 'fail']);
    expect(failed).toMatchObject({ code: 3, stdout: '', stderr: 'oops\n' });
  });

  it('docker run -i pipes stdin and ends it on the client half-close', async () => {
    expect(await docker(['run', '-i', '--rm', 'busybox', 'cat'], 'hello\n')).toMatchObject({ code: 0, stdout: 'hello\n' });
  });

  it('docker run pulls a missing image, then runs', async () => {
    const r = await docker(['run', '--rm', 'alpine', 'echo', 'pulled']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Unable to find image 'alpine:latest' locally");
    expect(r.stdout).toBe('pulled\n');
  });

  it('docker run reports a create conflict with exit 125', async () => {
    expect((await docker(['create', '--name', 'twice', 'busybox', 'echo'])).code).toBe(0);
    const r = await docker(['run', '--name', 'twice', 'busybox', 'echo']);
    expect(r.code).toBe(125);
    expect(r.stderr).toContain('docker: Error response from daemon: Conflict. The container name "/twice" is already in use');
  });

  it('docker ps, inspect, logs, exec, stop and rm work on a detached container', async () => {
    const started = await docker(['run', '-d', '--name', 'web', '--label', 'tier=front', 'busybox', 'sleep']);
    expect(started.code).toBe(0);
    const id = started.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const ps = await docker(['ps', '--format', '{{.ID}} {{.Names}} {{.State}}']);
    expect(ps.stdout).toBe(`${id.slice(0, 12)} web running\n`);
    const filtered = await docker(['ps', '-a', '--filter', 'label=tier=front', '--format', '{{.Names}}']);
    expect(filtered.stdout).toBe('web\n');
    expect((await docker(['inspect', '--format', '{{.State.Status}} {{.Name}}', 'web'])).stdout).toBe('running /web\n');
    expect(await docker(['exec', 'web', 'echo', 'inside'])).toMatchObject({ code: 0, stdout: 'inside\n' });
    expect(await docker(['exec', 'web', 'fail'])).toMatchObject({ code: 3, stderr: 'oops\n' });
    expect((await docker(['stats', '--no-stream', '--format', '{{.Name}} {{.CPUPerc}}', 'web'])).stdout).toBe('web 25.00%\n');
    expect(await docker(['stop', 'web'])).toMatchObject({ code: 0, stdout: 'web\n' });
    expect(await docker(['rm', 'web'])).toMatchObject({ code: 0, stdout: 'web\n' });
  });

  it('docker logs demultiplexes stdout and stderr', async () => {
    await docker(['run', '--name', 'logged', 'busybox', 'fail']);
    expect(await docker(['logs', 'logged'])).toMatchObject({ code: 0, stdout: '', stderr: 'oops\n' });
  });

  it('prints Docker error texts for missing objects', async () => {
    const stop = await docker(['stop', 'nosuch']);
    expect(stop).toMatchObject({ code: 1, stderr: 'Error response from daemon: No such container: nosuch\n' });
    const inspect = await docker(['inspect', 'nosuch']);
    expect(inspect.code).toBe(1);
    expect(inspect.stderr).toContain('Error: No such object: nosuch');
    const rmf = await docker(['rm', '-f', 'nosuch']);
    expect(rmf.code).toBe(0);
  });

  it('docker images, tag, rmi and network ls', async () => {
    expect((await docker(['tag', 'busybox', 'myrepo/box:v1'])).code).toBe(0);
    const images = await docker(['images', '--format', '{{.Repository}}:{{.Tag}}', 'myrepo/box']);
    expect(images.stdout).toBe('myrepo/box:v1\n');
    expect((await docker(['image', 'inspect', '--format', '{{.Os}}', 'myrepo/box:v1'])).stdout).toBe('linux\n');
    const nets = await docker(['network', 'ls', '--format', '{{.Name}} {{.Driver}}']);
    expect(nets.stdout).toBe('bridge bridge\nhost host\nnone null\n');
  });

  it('docker build sends the context as a chunked tar and shows the stream', async () => {
    const ctx = join(dir, 'ctx');
    mkdirSync(ctx);
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM busybox\n');
    const r = await docker(['build', '-t', 'built', '--build-arg', 'A=1', ctx]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Successfully built [0-9a-f]{12}\nSuccessfully tagged built:latest\n/);
    const q = await docker(['build', '-q', ctx]);
    expect(q.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
  });
});
