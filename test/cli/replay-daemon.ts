// A fake daemon for CLI tests: serves, on a temp Unix socket, the HTTP exchanges recorded from
// the real engine (fixtures/*.json), matched by method and unversioned URL, and logs what the
// client sent. Hijacked requests get the recorded raw bytes (101 header and stream).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Socket } from 'node:net';

/** One recorded exchange (see tools/record-proxy.mjs). */
export interface Exchange {
  seq: number;
  method: string;
  url: string;
  upgrade?: boolean;
  reqBody?: { text?: string; base64?: string };
  status?: number;
  resHeaders?: Record<string, string>;
  resBody?: { text?: string; base64?: string };
  fromEngine?: { text?: string; base64?: string };
  fromClient?: { text?: string; base64?: string };
}

/** A recorded docker run. */
export interface Fixture {
  name: string;
  args: string[];
  stdin: string;
  recordedAt: number;
  stdout: string;
  stderr: string;
  rc: number;
  exchanges: Exchange[];
}

/** A request the client made to the fake. */
export interface SeenRequest {
  method: string;
  url: string;
  body: Buffer;
}

const here = path.dirname(new URL(import.meta.url).pathname);

/** Loads fixtures/<name>.json. */
export function loadFixture(name: string): Fixture {
  return JSON.parse(fs.readFileSync(path.join(here, 'fixtures', `${name}.json`), 'utf8')) as Fixture;
}

/** The bytes of a recorded body (stored as text when it was valid UTF-8). */
export const bytes = (b?: { text?: string; base64?: string }) => (b?.base64 !== undefined ? Buffer.from(b.base64, 'base64') : Buffer.from(b?.text ?? '', 'utf8'));
const unversioned = (url: string) => url.replace(/^\/v\d+\.\d+\//, '/');

/** The running fake. */
export interface ReplayDaemon {
  socketPath: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/** Starts a fake daemon answering with `exchanges` (a key answered several times replays in order, then repeats the last). */
export async function startReplayDaemon(exchanges: Exchange[], normalize: (url: string) => string = (u) => u): Promise<ReplayDaemon> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-cli-test-'));
  const socketPath = path.join(dir, 'd.sock');
  const queues = new Map<string, Exchange[]>();
  for (const e of exchanges) {
    const key = `${e.method} ${normalize(unversioned(e.url))}`;
    queues.set(key, [...(queues.get(key) ?? []), e]);
  }
  const take = (method: string, url: string): Exchange | undefined => {
    const q = queues.get(`${method} ${normalize(unversioned(url))}`);
    if (!q?.length) return undefined;
    return q.length > 1 ? q.shift() : q[0];
  };
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks) });
      const e = take(req.method ?? '', req.url ?? '');
      if (!e) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: `replay: no recorded answer for ${req.method} ${req.url}` }) + '\n');
        return;
      }
      const headers = { ...(e.resHeaders ?? {}) };
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      if (req.url === '/_ping') headers['api-version'] = '1.50';
      res.writeHead(e.status ?? 200, headers);
      res.end(req.method === 'HEAD' ? undefined : bytes(e.resBody));
    });
  });
  server.on('connection', (s: Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  server.on('upgrade', (req, socket: Socket, head: Buffer) => {
    const e = take(req.method ?? '', req.url ?? '');
    const body: Buffer[] = [head];
    socket.on('data', (c: Buffer) => body.push(c));
    const finish = () => seen.push({ method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(body) });
    if (!e) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
      finish();
      return;
    }
    socket.on('end', finish);
    socket.write(bytes(e.fromEngine), () => socket.end());
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    socketPath, seen,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => { fs.rmSync(dir, { recursive: true, force: true }); resolve(); });
    }),
  };
}
