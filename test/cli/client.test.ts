// Tests of src/client against small in-test daemons on temp sockets: version negotiation,
// error mapping, stream demux, JSON streams, hijack with half-close, wait, host resolution and
// auto-start of the default daemon.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConnectError, DaemonError, DockerClient, encodeFilters, encodeFrame, encodeQuery, ensureDaemon, JsonSplitter,
  resolveHost, StdDemuxer, demuxStream,
} from '../../src/client/index.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-client-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Starts an HTTP server on a temp socket; returns its path and the request log. */
async function serve(handler: http.RequestListener, onUpgrade?: (req: http.IncomingMessage, socket: import('node:net').Socket, head: Buffer) => void) {
  const socketPath = path.join(tempDir(), 's.sock');
  const log: string[] = [];
  const server = http.createServer((req, res) => { log.push(`${req.method} ${req.url}`); handler(req, res); });
  if (onUpgrade) server.on('upgrade', (req, socket, head) => { log.push(`UPGRADE ${req.method} ${req.url}`); onUpgrade(req, socket, head); });
  await new Promise<void>((r) => server.listen(socketPath, r));
  cleanups.push(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return { socketPath, log };
}

const pingWith = (version?: string): http.RequestListener => (req, res) => {
  if (req.url === '/_ping') { res.writeHead(200, version ? { 'Api-Version': version, Ostype: 'linux' } : {}); res.end(req.method === 'HEAD' ? undefined : 'OK'); return; }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end('{"ok":true}\n');
};

describe('version negotiation', () => {
  it('uses the daemon version when lower, caps at 1.50, assumes 1.24 without a header', async () => {
    for (const [advertised, expected] of [['1.41', '1.41'], ['1.60', '1.50'], [undefined, '1.24']] as const) {
      const { socketPath, log } = await serve(pingWith(advertised));
      const client = new DockerClient({ socketPath });
      await client.json('GET', '/info');
      expect(log).toEqual(['HEAD /_ping', `GET /v${expected}/info`]);
    }
  });
});

describe('errors', () => {
  it('carries the daemon message and status; raw bodies when not exactly application/json', async () => {
    const { socketPath } = await serve((req, res) => {
      if (req.url === '/_ping') { res.writeHead(200, { 'Api-Version': '1.50' }); res.end(); return; }
      if (req.url?.includes('nope')) { res.writeHead(404, { 'Content-Type': 'application/json' }); res.end('{"message":"No such container: nope"}\n'); return; }
      if (req.url?.includes('charset')) { res.writeHead(409, { 'Content-Type': 'application/json; charset=utf-8' }); res.end('{"message":"x"}'); return; }
      res.writeHead(500); res.end();
    });
    const client = new DockerClient({ socketPath });
    const err = await client.containerInspect('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DaemonError);
    expect((err as DaemonError).status).toBe(404);
    expect((err as DaemonError).display).toBe('Error response from daemon: No such container: nope');
    expect(((await client.containerInspect('charset').catch((e: unknown) => e)) as Error).message).toBe('{"message":"x"}');
    expect(((await client.containerInspect('empty').catch((e: unknown) => e)) as Error).message)
      .toBe('request returned 500 Internal Server Error for API route and version /v1.50/containers/empty/json, check if the server supports the requested API version');
  });

  it('reports a socket nobody listens on as ConnectError', async () => {
    const client = new DockerClient({ socketPath: path.join(tempDir(), 'none.sock') });
    await expect(client.ping()).rejects.toBeInstanceOf(ConnectError);
  });
});

describe('streams', () => {
  it('demuxes frames split anywhere and rejects system errors', async () => {
    const bytes = Buffer.concat([encodeFrame(1, 'hello '), encodeFrame(2, 'oops\n'), encodeFrame(1, 'world\n')]);
    const d = new StdDemuxer();
    const frames = [...d.push(bytes.subarray(0, 5)), ...d.push(bytes.subarray(5, 17)), ...d.push(bytes.subarray(17))];
    expect(frames.map((f) => `${f.stream}:${f.data.toString()}`)).toEqual(['1:hello ', '2:oops\n', '1:world\n']);
    const src = new PassThrough();
    const p = demuxStream(src, { stdout: { write: () => undefined }, stderr: { write: () => undefined } });
    src.end(encodeFrame(3, 'broken'));
    await expect(p).rejects.toThrow('error from daemon in stream: broken');
  });

  it('splits concatenated JSON messages across chunks', () => {
    const s = new JsonSplitter();
    expect(s.push('{"stream":"a}\\"b"}\r\n{"st')).toEqual(['{"stream":"a}\\"b"}']);
    expect(s.push('atus":"x"}{"aux":{"ID":"1"}}')).toEqual(['{"status":"x"}', '{"aux":{"ID":"1"}}']);
    expect(s.idle).toBe(true);
  });

  it('encodes queries and filters like Go', () => {
    expect(encodeQuery({ tag: 'latest', fromImage: 'docker.io/library/alpine', all: true, no: false })).toBe('all=1&fromImage=docker.io%2Flibrary%2Falpine&tag=latest');
    expect(encodeQuery({ t: ['x:1', 'y'] })).toBe('t=x%3A1&t=y');
    expect(encodeFilters(['status=exited', 'name=web'])).toBe('{"name":{"web":true},"status":{"exited":true}}');
  });
});

describe('hijack and wait', () => {
  it('attach: half-closes at once without stdin and keeps reading output until the daemon closes', async () => {
    let sawEnd = false;
    const { socketPath } = await serve(pingWith('1.50'), (_req, socket) => {
      socket.write('HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n');
      socket.on('end', () => {
        sawEnd = true;
        setTimeout(() => { socket.write(encodeFrame(1, 'after half-close\n')); socket.end(); }, 30);
      });
    });
    const client = new DockerClient({ socketPath });
    const conn = await client.containerAttach('c1', { stdout: true, stderr: true, stream: true });
    const out: string[] = [];
    conn.socket.end();
    await demuxStream(conn.socket, { stdout: { write: (b) => out.push(b.toString()) }, stderr: { write: () => undefined } });
    expect(sawEnd).toBe(true);
    expect(out.join('')).toBe('after half-close\n');
  });

  it('exec start sends its JSON body before stdin on the hijacked socket', async () => {
    const received: Buffer[] = [];
    const { socketPath } = await serve(pingWith('1.50'), (_req, socket, head) => {
      received.push(head);
      socket.on('data', (c: Buffer) => received.push(c));
      socket.on('end', () => socket.end());
      socket.write('HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n');
    });
    const client = new DockerClient({ socketPath });
    const conn = await client.execAttach('e1', { tty: false });
    conn.socket.end('stdin-bytes');
    await new Promise((r) => conn.socket.on('close', r));
    expect(Buffer.concat(received).toString()).toBe('{"Detach":false,"Tty":false}\nstdin-bytes');
  });

  it('wait resolves `ready` on headers and `result` later', async () => {
    let finish: (() => void) | undefined;
    const { socketPath } = await serve((req, res) => {
      if (req.url === '/_ping') { res.writeHead(200, { 'Api-Version': '1.50' }); res.end(); return; }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      finish = () => res.end('{"StatusCode":3,"Error":null}\n');
    });
    const client = new DockerClient({ socketPath });
    const wait = client.containerWait('c1', 'next-exit');
    await wait.ready;
    let done = false;
    void wait.result.then(() => { done = true; });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    finish!();
    expect(await wait.result).toEqual({ StatusCode: 3, Error: null });
  });
});

describe('host resolution and auto-start', () => {
  it('prefers -H, then SKIFF_HOST, then the default socket', () => {
    expect(resolveHost({ flag: 'unix:///a.sock', env: { SKIFF_HOST: 'unix:///b.sock' } })).toEqual({ socketPath: '/a.sock', isDefault: false });
    expect(resolveHost({ env: { SKIFF_HOST: 'unix:///b.sock', DOCKER_HOST: 'unix:///c.sock' } })).toEqual({ socketPath: '/b.sock', isDefault: false });
    expect(resolveHost({ env: { XDG_RUNTIME_DIR: '/run/user/7' } })).toEqual({ socketPath: '/run/user/7/skiff/skiff.sock', isDefault: true });
    expect(resolveHost({ env: {}, uid: 1000 })).toEqual({ socketPath: '/tmp/skiff-1000/skiff.sock', isDefault: true });
    expect(() => resolveHost({ flag: 'tcp://1.2.3.4:2375' })).toThrow('skiff only supports unix:// hosts');
  });

  it('spawns the daemon when nothing answers, logging to <socket dir>/skiffd.log', async () => {
    const dir = tempDir();
    const socketPath = path.join(dir, 'run', 'skiff.sock');
    const fake = path.join(dir, 'fake-skiffd');
    fs.writeFileSync(fake, `#!${process.execPath}
const http = require('node:http');
const sock = process.argv[process.argv.indexOf('--socket') + 1];
console.log('fake skiffd on ' + sock);
const server = http.createServer((req, res) => { res.writeHead(200, { 'Api-Version': '1.50' }); res.end(); });
server.listen(sock);
setTimeout(() => process.exit(0), 3000);
`, { mode: 0o755 });
    await ensureDaemon(socketPath, { daemonPath: fake, timeoutMs: 5000, intervalMs: 50 });
    expect(await new DockerClient({ socketPath }).apiVersion()).toBe('1.50');
    expect(fs.readFileSync(path.join(dir, 'run', 'skiffd.log'), 'utf8')).toContain(`fake skiffd on ${socketPath}`);
  });

  it('fails fast with an error naming the log when the daemon dies', async () => {
    const dir = tempDir();
    const fake = path.join(dir, 'broken-skiffd');
    fs.writeFileSync(fake, '#!/bin/sh\necho broken >&2\nexit 3\n', { mode: 0o755 });
    await expect(ensureDaemon(path.join(dir, 's.sock'), { daemonPath: fake, timeoutMs: 5000, intervalMs: 50 }))
      .rejects.toThrow(`exited before answering on ${path.join(dir, 's.sock')} (exit status 3); see its log at ${path.join(dir, 'skiffd.log')}`);
    expect(fs.readFileSync(path.join(dir, 'skiffd.log'), 'utf8')).toBe('broken\n');
  });

  it('gives up after the timeout with an error naming the log', async () => {
    const dir = tempDir();
    const fake = path.join(dir, 'silent-skiffd');
    fs.writeFileSync(fake, '#!/bin/sh\nsleep 2\n', { mode: 0o755 });
    await expect(ensureDaemon(path.join(dir, 's.sock'), { daemonPath: fake, timeoutMs: 300, intervalMs: 50 }))
      .rejects.toThrow(`did not start within 0s on ${path.join(dir, 's.sock')}; see its log at ${path.join(dir, 'skiffd.log')}`);
  });
});
