// API tests of the daemon over a temporary Unix socket with the in-memory fake engine:
// ping, versions, errors, filters, framing, hijack + half-close, early wait headers, JSON streams.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDaemonServer, type DaemonServer } from './server.js';
import { decodeFrames } from './http/stdcopy.js';
import { createFakeEngine } from './test-support/fake-backends.js';
import { rawConnect, readAll, request, splitHead } from './test-support/raw-client.js';

let dir: string;
let sock: string;
let server: DaemonServer;
const logged: string[] = [];
const engine = createFakeEngine();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'skiffd-test-'));
  sock = join(dir, 'docker.sock');
  // One deliberately broken backend method, to prove unexpected errors become 500s.
  engine.backends.container.containerTop = async () => { throw new TypeError('boom'); };
  server = createDaemonServer({
    backends: engine.backends,
    logger: { debug: () => undefined, error: (m) => { logged.push(m); } },
  });
  await server.listen(sock);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const json = (body: Buffer): unknown => JSON.parse(body.toString('utf8'));
const post = (path: string, body?: unknown) => request(sock, 'POST', path, body === undefined ? {} : {
  headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
});

async function createContainer(body: Record<string, unknown>, name?: string): Promise<string> {
  const r = await post(`/v1.50/containers/create${name ? `?name=${name}` : ''}`, { Image: 'busybox', ...body });
  expect(r.status).toBe(201);
  return (json(r.body) as { Id: string }).Id;
}

describe('transport', () => {
  it('creates the socket file with mode 0600', () => {
    expect(statSync(sock).mode & 0o777).toBe(0o600);
  });

  it('answers HEAD and GET /_ping with Docker headers', async () => {
    for (const method of ['HEAD', 'GET']) {
      const r = await request(sock, method, '/_ping');
      expect(r.status).toBe(200);
      expect(r.headers['api-version']).toBe('1.50');
      expect(r.headers['docker-experimental']).toBe('false');
      expect(r.headers.ostype).toBe('linux');
      expect(r.headers['builder-version']).toBe('1');
      expect(r.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
      expect(r.headers.pragma).toBe('no-cache');
      expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(r.body.toString()).toBe(method === 'GET' ? 'OK' : '');
    }
  });

  it('serves versioned and unversioned paths and rejects out-of-range versions with moby texts', async () => {
    for (const path of ['/version', '/v1.24/version', '/v1.50/version']) {
      const r = await request(sock, 'GET', path);
      expect(r.status).toBe(200);
      expect((json(r.body) as { ApiVersion: string }).ApiVersion).toBe('1.50');
      expect((json(r.body) as { MinAPIVersion: string }).MinAPIVersion).toBe('1.24');
    }
    const tooNew = await request(sock, 'GET', '/v1.51/version');
    expect(tooNew.status).toBe(400);
    expect(json(tooNew.body)).toEqual({ message: 'client version 1.51 is too new. Maximum supported API version is 1.50' });
    const tooOld = await request(sock, 'GET', '/v1.23/version');
    expect(tooOld.status).toBe(400);
    expect(json(tooOld.body)).toEqual({
      message: 'client version 1.23 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version',
    });
  });

  it('sends Server and Api-Version on every response, errors included', async () => {
    const r = await request(sock, 'GET', '/v1.50/nosuch/route');
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers.server).toBe('Docker/0.1.0 (linux)');
    expect(r.headers['api-version']).toBe('1.50');
    expect(json(r.body)).toEqual({ message: 'page not found' });
  });

  it('maps ApiError kinds to statuses and keeps Docker messages', async () => {
    const r = await request(sock, 'GET', '/v1.50/containers/nosuch/json');
    expect(r.status).toBe(404);
    expect(json(r.body)).toEqual({ message: 'No such container: nosuch' });
    const img = await request(sock, 'GET', '/v1.50/images/nope/json');
    expect(json(img.body)).toEqual({ message: 'No such image: nope:latest' });
  });

  it('turns unexpected handler errors into logged 500s and keeps serving', async () => {
    const id = await createContainer({ Cmd: ['echo', 'x'] });
    const r = await request(sock, 'GET', `/v1.50/containers/${id}/top`);
    expect(r.status).toBe(500);
    expect(json(r.body)).toEqual({ message: 'boom' });
    expect(logged.some((m) => m.includes('/top'))).toBe(true);
    expect((await request(sock, 'GET', '/_ping')).status).toBe(200);
  });
});

describe('containers', () => {
  it('rejects malformed create bodies with 400 naming the problem', async () => {
    const bad = await post('/v1.50/containers/create', { Image: 'busybox', HostConfig: { Memory: 'lots' } });
    expect(bad.status).toBe(400);
    expect((json(bad.body) as { message: string }).message).toContain('HostConfig.Memory');
    const broken = await request(sock, 'POST', '/v1.50/containers/create', { headers: { 'Content-Type': 'application/json' }, body: '{"Image":' });
    expect(broken.status).toBe(400);
    expect((json(broken.body) as { message: string }).message).toMatch(/^invalid JSON: /);
    const empty = await request(sock, 'POST', '/v1.50/containers/create');
    expect(json(empty.body)).toEqual({ message: 'invalid JSON: got EOF while reading request body' });
    const badName = await post('/v1.50/containers/create?name=a%20b', { Image: 'busybox' });
    expect(badName.status).toBe(400);
    expect((json(badName.body) as { message: string }).message).toContain('Invalid container name (a b)');
  });

  it('answers a missing image on create with 404 and a name conflict with 409', async () => {
    const missing = await post('/v1.50/containers/create', { Image: 'alpine:3' });
    expect(missing.status).toBe(404);
    expect(json(missing.body)).toEqual({ message: 'No such image: alpine:3' });
    await createContainer({ Cmd: ['echo'] }, 'dup');
    const again = await post('/v1.50/containers/create?name=dup', { Image: 'busybox' });
    expect(again.status).toBe(409);
  });

  it('lists with all, limit and server-side filters', async () => {
    const a = await createContainer({ Cmd: ['sleep'], Labels: { tier: 'web' } }, 'list-web');
    await createContainer({ Cmd: ['echo'] }, 'list-other');
    expect((await post(`/v1.50/containers/${a}/start`)).status).toBe(204);
    const running = json((await request(sock, 'GET', '/v1.50/containers/json')).body) as { Names: string[] }[];
    expect(running.map((c) => c.Names[0])).toContain('/list-web');
    expect(running.map((c) => c.Names[0])).not.toContain('/list-other');
    const filters = encodeURIComponent(JSON.stringify({ label: { 'tier=web': true } }));
    const labelled = json((await request(sock, 'GET', `/v1.50/containers/json?all=1&filters=${filters}`)).body) as { Id: string }[];
    expect(labelled.map((c) => c.Id)).toEqual([a]);
    const byName = encodeURIComponent(JSON.stringify({ name: { 'list-oth': true }, status: { created: true } }));
    const named = json((await request(sock, 'GET', `/v1.50/containers/json?filters=${byName}`)).body) as { Names: string[] }[];
    expect(named.map((c) => c.Names[0])).toEqual(['/list-other']);
    const limited = json((await request(sock, 'GET', '/v1.50/containers/json?limit=1')).body) as unknown[];
    expect(limited).toHaveLength(1);
    const badFilter = await request(sock, 'GET', `/v1.50/containers/json?filters=${encodeURIComponent('{"bogus":{"x":true}}')}`);
    expect(badFilter.status).toBe(400);
    expect(json(badFilter.body)).toEqual({ message: "invalid filter 'bogus'" });
    expect((await post(`/v1.50/containers/${a}/start`)).status).toBe(304);
    expect((await request(sock, 'DELETE', `/v1.50/containers/${a}`)).status).toBe(409);
    expect((await request(sock, 'DELETE', `/v1.50/containers/${a}?force=1`)).status).toBe(204);
  });

  it('sends wait headers before the container exits (early headers)', async () => {
    const id = await createContainer({ Cmd: ['exit', '7'] });
    const events: string[] = [];
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpRequest({ socketPath: sock, method: 'POST', path: `/v1.50/containers/${id}/wait?condition=next-exit` }, (res) => {
        events.push(`headers ${res.statusCode} ${res.headers['content-type']}`);
        // Only now start the container, as `docker run` does.
        void post(`/v1.50/containers/${id}/start`).then((r) => events.push(`start ${r.status}`));
        let text = '';
        res.on('data', (c: Buffer) => { text += c.toString(); });
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(events[0]).toBe('headers 200 application/json');
    expect(JSON.parse(body)).toEqual({ StatusCode: 7, Error: null });
    const bad = await post(`/v1.50/containers/${id}/wait?condition=bogus`);
    expect(bad.status).toBe(400);
  });

  it('streams multiplexed logs with stdout and stderr frames and optional timestamps', async () => {
    const id = await createContainer({ Cmd: ['fail'] });
    await post(`/v1.50/containers/${id}/start`);
    await post(`/v1.50/containers/${id}/wait`);
    const r = await request(sock, 'GET', `/v1.50/containers/${id}/logs?stdout=1&stderr=1&timestamps=1`);
    expect(r.headers['content-type']).toBe('application/vnd.docker.multiplexed-stream');
    const { frames, rest } = decodeFrames(r.body);
    expect(rest.length).toBe(0);
    expect(frames.map((f) => f.type)).toEqual([2]);
    expect(frames[0].data.toString()).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z oops\n$/);
    const none = await request(sock, 'GET', `/v1.50/containers/${id}/logs`);
    expect(none.status).toBe(400);
    expect(json(none.body)).toEqual({ message: 'Bad parameters: you must choose at least one stream' });
  });

  it('hijacks attach with 101 UPGRADED; client half-close ends stdin but output still arrives', async () => {
    const id = await createContainer({ Cmd: ['cat'], OpenStdin: true, StdinOnce: true, AttachStdin: true });
    const s = await rawConnect(sock);
    const all = readAll(s);
    s.write(`POST /v1.50/containers/${id}/attach?stdin=1&stdout=1&stderr=1&stream=1 HTTP/1.1\r\nHost: api.moby.localhost\r\n`
      + 'Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n');
    await new Promise((r) => setTimeout(r, 50));
    s.write('hello\n');
    s.end(); // half-close: stdin EOF, keep reading
    await new Promise((r) => setTimeout(r, 50));
    expect((await post(`/v1.50/containers/${id}/start`)).status).toBe(204);
    const { head, body } = splitHead(await all);
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 101 UPGRADED');
    expect(head).toContain('Content-Type: application/vnd.docker.multiplexed-stream');
    expect(head).toContain('Connection: Upgrade');
    expect(head).toContain('Upgrade: tcp');
    const { frames } = decodeFrames(body);
    expect(frames.map((f) => [f.type, f.data.toString()])).toEqual([[1, 'hello\n']]);
  });

  it('answers a hijack on a missing container with a plain JSON 404', async () => {
    const s = await rawConnect(sock);
    const all = readAll(s);
    s.write('POST /v1.50/containers/nosuch/attach?stdout=1 HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n');
    const { head, body } = splitHead(await all);
    expect(head).toMatch(/^HTTP\/1.1 404 Not Found/);
    expect(head).toContain('Content-Type: application/json');
    expect(JSON.parse(body.toString())).toEqual({ message: 'No such container: nosuch' });
  });

  it('sends one stats object for stream=0 and several for a stream', async () => {
    const id = await createContainer({ Cmd: ['sleep'] }, 'statsy');
    await post(`/v1.50/containers/${id}/start`);
    const one = await request(sock, 'GET', `/v1.50/containers/${id.slice(0, 12)}/stats?stream=0`);
    const lines = one.body.toString().trim().split('\n');
    expect(lines).toHaveLength(1);
    const stat = JSON.parse(lines[0]) as { name: string; cpu_stats: { online_cpus: number } };
    expect(stat.name).toBe('/statsy');
    expect(stat.cpu_stats.online_cpus).toBe(1);
    const streamed = await new Promise<number>((resolve) => {
      let n = 0;
      const req = httpRequest({ socketPath: sock, path: `/v1.50/containers/${id}/stats` }, (res) => {
        res.on('data', (c: Buffer) => { n += c.toString().split('\n').filter(Boolean).length; if (n >= 2) { req.destroy(); resolve(n); } });
      });
      req.end();
    });
    expect(streamed).toBeGreaterThanOrEqual(2);
    await request(sock, 'DELETE', `/v1.50/containers/${id}?force=1`);
  });
});

describe('exec', () => {
  it('reads the start JSON body then treats the following bytes as stdin', async () => {
    const id = await createContainer({ Cmd: ['sleep'] });
    await post(`/v1.50/containers/${id}/start`);
    const empty = await post(`/v1.50/containers/${id}/exec`, { Cmd: [] });
    expect(json(empty.body)).toEqual({ message: 'No exec command specified' });
    const created = await post(`/v1.50/containers/${id}/exec`, { AttachStdin: true, AttachStdout: true, Cmd: ['cat'] });
    expect(created.status).toBe(201);
    const execId = (json(created.body) as { Id: string }).Id;
    const body = '{"Detach":false,"Tty":false}';
    const s = await rawConnect(sock);
    const all = readAll(s);
    // Head, body and stdin in one write: the body must not leak into stdin.
    s.write(`POST /v1.50/exec/${execId}/start HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n`
      + `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}from-stdin`);
    s.end();
    const { head, body: out } = splitHead(await all);
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 101 UPGRADED');
    expect(decodeFrames(out).frames.map((f) => f.data.toString()).join('')).toBe('from-stdin');
    const inspect = json((await request(sock, 'GET', `/v1.50/exec/${execId}/json`)).body) as { ExitCode: number; Running: boolean };
    expect(inspect).toMatchObject({ ExitCode: 0, Running: false });
    const missing = await request(sock, 'GET', '/v1.50/exec/nope/json');
    expect(json(missing.body)).toEqual({ message: 'No such exec instance: nope' });
    await request(sock, 'DELETE', `/v1.50/containers/${id}?force=1`);
  });

  it('sends raw bytes (no frames) for a TTY exec', async () => {
    const id = await createContainer({ Cmd: ['sleep'] });
    await post(`/v1.50/containers/${id}/start`);
    const execId = (json((await post(`/v1.50/containers/${id}/exec`, { Tty: true, Cmd: ['echo', 'tty'] })).body) as { Id: string }).Id;
    const r = await post(`/v1.50/exec/${execId}/start`, { Detach: false, Tty: true });
    expect(r.headers['content-type']).toBe('application/vnd.docker.raw-stream');
    expect(r.body.toString()).toBe('tty\n');
    await request(sock, 'DELETE', `/v1.50/containers/${id}?force=1`);
  });
});

describe('images and JSON streams', () => {
  it('streams a pull as JSON messages with Content-Type application/json', async () => {
    const r = await request(sock, 'POST', '/v1.50/images/create?fromImage=docker.io%2Flibrary%2Falpine&tag=latest');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    const msgs = r.body.toString().split('\r\n').filter(Boolean).map((l) => JSON.parse(l) as { status?: string });
    expect(msgs.at(-1)?.status).toBe('Status: Downloaded newer image for alpine:latest');
    const denied = await request(sock, 'POST', '/v1.50/images/create?fromImage=docker.io%2Flibrary%2Fnope&tag=latest');
    expect(denied.status).toBe(404);
  });

  it('routes image names containing "/" and ":"', async () => {
    expect((await request(sock, 'POST', '/v1.50/images/busybox/tag?repo=docker.io%2Fmyrepo%2Fbox&tag=v1')).status).toBe(201);
    const r = await request(sock, 'GET', '/v1.50/images/myrepo/box:v1/json');
    expect(r.status).toBe(200);
    expect((json(r.body) as { RepoTags: string[] }).RepoTags).toContain('myrepo/box:v1');
    const hist = await request(sock, 'GET', '/v1.50/images/myrepo/box:v1/history');
    expect(hist.status).toBe(200);
    const filters = encodeURIComponent(JSON.stringify({ reference: { 'myrepo/*': true } }));
    const listed = json((await request(sock, 'GET', `/v1.50/images/json?filters=${filters}`)).body) as { RepoTags: string[] }[];
    expect(listed).toHaveLength(1);
  });

  it('reads a chunked, gzipped build context fully and reduces q=1 output to the ID', async () => {
    const tar = Buffer.alloc(3072, 7);
    const chunks = [gzipSync(tar).subarray(0, 10), gzipSync(tar).subarray(10)];
    const r = await request(sock, 'POST', `/v1.50/build?t=x&t=y:2&buildargs=${encodeURIComponent('{"A":"1","B":null}')}`, {
      headers: { 'Content-Type': 'application/x-tar' }, chunks,
    });
    expect(r.status).toBe(200);
    const text = r.body.toString();
    expect(text).toContain('context 3072 bytes, args {\\"A\\":\\"1\\",\\"B\\":null}');
    expect(text).toContain('Successfully tagged y:2');
    const q = await request(sock, 'POST', '/v1.50/build?q=1', { chunks: [tar] });
    const lines = q.body.toString().split('\r\n').filter(Boolean).map((l) => JSON.parse(l) as { stream?: string; aux?: unknown });
    expect(lines.filter((m) => m.stream).map((m) => m.stream)).toEqual([expect.stringMatching(/^sha256:[0-9a-f]{64}\n$/)]);
  });

  it('reports build failure through errorDetail', async () => {
    const r = await request(sock, 'POST', '/v1.50/build?dockerfile=fail', { body: Buffer.alloc(1024) });
    const last = JSON.parse(r.body.toString().trim().split('\r\n').at(-1) ?? '{}') as { errorDetail?: { code: number; message: string } };
    expect(last.errorDetail?.code).toBe(1);
  });

  it('answers the default networks and an empty volume list', async () => {
    const nets = json((await request(sock, 'GET', '/v1.50/networks')).body) as { Name: string; Driver: string }[];
    expect(nets.map((n) => `${n.Name}/${n.Driver}`)).toEqual(['bridge/bridge', 'host/host', 'none/null']);
    expect((await request(sock, 'GET', '/v1.50/networks/nope')).status).toBe(404);
    expect(json((await request(sock, 'GET', '/v1.50/volumes')).body)).toEqual({ Volumes: [], Warnings: null });
  });
});

describe('robustness', () => {
  it('survives a client that aborts mid-upload', async () => {
    await new Promise<void>((resolve) => {
      const req = httpRequest({ socketPath: sock, method: 'POST', path: '/v1.50/build', headers: { 'Content-Type': 'application/x-tar' } });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(4096));
      setTimeout(() => { req.destroy(); resolve(); }, 30);
    });
    expect((await request(sock, 'GET', '/_ping')).status).toBe(200);
  });
});

describe('events', () => {
  it('streams live events after flushing headers, until the client leaves', async () => {
    const got = await new Promise<string>((resolve, reject) => {
      const filters = encodeURIComponent(JSON.stringify({ type: { container: true }, event: { create: true } }));
      const req = httpRequest({ socketPath: sock, path: `/v1.50/events?filters=${filters}` }, (res) => {
        expect(res.headers['content-type']).toBe('application/json');
        void createContainer({ Cmd: ['echo'] }, 'live-one');
        res.on('data', (c: Buffer) => { req.destroy(); resolve(c.toString()); });
      });
      req.on('error', reject);
      req.end();
    });
    const ev = JSON.parse(got.split('\n')[0]) as { Action: string; Actor: { Attributes: { name: string } } };
    expect(ev.Action).toBe('create');
    expect(ev.Actor.Attributes.name).toBe('live-one');
  });

  it('replays filtered events and ends at until', async () => {
    const id = await createContainer({ Cmd: ['echo', 'ev'] }, 'evented');
    await post(`/v1.50/containers/${id}/start`);
    await post(`/v1.50/containers/${id}/wait`);
    const filters = encodeURIComponent(JSON.stringify({ container: { evented: true }, event: { die: true } }));
    const until = (Date.now() / 1000 + 0.3).toFixed(9);
    const r = await request(sock, 'GET', `/v1.50/events?since=0&until=${until}&filters=${filters}`);
    const evs = r.body.toString().trim().split('\n').map((l) => JSON.parse(l) as { Action: string; Actor: { ID: string; Attributes: Record<string, string> } });
    expect(evs.map((e) => e.Action)).toEqual(['die']);
    expect(evs[0].Actor.ID).toBe(id);
    expect(evs[0].Actor.Attributes.exitCode).toBe('0');
  });
});
