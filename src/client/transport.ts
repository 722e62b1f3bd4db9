// HTTP over a Unix socket for the Docker API: plain requests (JSON or streamed bodies),
// error answers turned into DaemonError, and hijacked (101 UPGRADED) connections for attach
// and exec. Knows nothing about API versions; DockerClient adds the /vX.Y prefix.
import http from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { ConnectError, daemonErrorFromBody } from './daemon-error.js';
import { encodeQuery, type QueryValue } from './query.js';

/** What a request carries. */
export interface RequestOptions {
  /** Query parameters (sorted and encoded like Go). */
  query?: Record<string, QueryValue>;
  /** JSON body (serialised with a trailing newline like Go's encoder), or a raw stream/buffer. */
  body?: unknown;
  /** Content type for a raw body (default application/x-tar for streams). */
  contentType?: string;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** Aborts the request (and any streamed response). */
  signal?: AbortSignal;
}

/** A hijacked connection: the raw socket after `101 UPGRADED`, plus bytes already read. */
export interface Hijacked {
  socket: Socket;
  /** Content-Type the daemon announced (raw-stream or multiplexed-stream). */
  contentType: string | undefined;
}

/** The user agent sent with every request. */
export const USER_AGENT = 'Skiff-Client/0.1.0 (linux)';

/** Sends requests to one Unix socket. */
export class Transport {
  constructor(readonly socketPath: string) {}

  /** Builds the path with its query string. */
  url(path: string, query?: Record<string, QueryValue>): string {
    const q = encodeQuery(query);
    return q ? `${path}?${q}` : path;
  }

  /**
   * Sends a request and resolves with the response once its headers arrive. Statuses of 400
   * and above are read in full and rejected as DaemonError; connection failures as ConnectError.
   */
  request(method: string, path: string, opts: RequestOptions = {}): Promise<http.IncomingMessage> {
    const url = this.url(path, opts.query);
    const { headers, payload } = this.prepareBody(opts);
    return new Promise((resolve, reject) => {
      const req = http.request({
        socketPath: this.socketPath, method, path: url, agent: false, signal: opts.signal,
        headers: { Host: 'api.moby.localhost', 'User-Agent': USER_AGENT, ...headers, ...opts.headers },
      });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        if ((res.statusCode ?? 500) < 400) { resolve(res); return; }
        readAll(res).then(
          (body) => reject(daemonErrorFromBody(res.statusCode ?? 500, res.headers['content-type'], body.toString('utf8'), url)),
          reject,
        );
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (answered) return;
        if (err.name === 'AbortError') reject(err);
        else if (['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE', 'ENOTSOCK'].includes(err.code ?? '')) reject(new ConnectError(this.socketPath, err));
        else reject(err);
      });
      this.sendBody(req, payload);
    });
  }

  /**
   * Opens a hijacked connection (attach, exec start): sends `Connection: Upgrade`,
   * `Upgrade: tcp` and resolves with the raw socket once the daemon answers 101.
   */
  hijack(method: string, path: string, opts: RequestOptions = {}): Promise<Hijacked> {
    const url = this.url(path, opts.query);
    const prepared = this.prepareBody(opts);
    const headers = opts.body === undefined ? { 'Content-Type': 'text/plain', 'Content-Length': '0' } : prepared.headers;
    return new Promise((resolve, reject) => {
      const req = http.request({
        socketPath: this.socketPath, method, path: url, agent: false,
        headers: { Host: 'api.moby.localhost', 'User-Agent': USER_AGENT, ...headers, Connection: 'Upgrade', Upgrade: 'tcp', ...opts.headers },
      });
      req.on('upgrade', (res, socket, head) => {
        if (head.length) socket.unshift(head);
        resolve({ socket, contentType: res.headers['content-type'] });
      });
      req.on('response', (res) => {
        readAll(res).then(() => reject(new Error(`unable to upgrade to tcp, received ${res.statusCode}`)), reject);
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (['ECONNREFUSED', 'ENOENT', 'EACCES'].includes(err.code ?? '')) reject(new ConnectError(this.socketPath, err));
        else reject(err);
      });
      this.sendBody(req, prepared.payload);
    });
  }

  private prepareBody(opts: RequestOptions): { headers: Record<string, string>; payload: Buffer | Readable | undefined } {
    const body = opts.body;
    if (body === undefined) return { headers: {}, payload: undefined };
    if (body instanceof Readable) return { headers: { 'Content-Type': opts.contentType ?? 'application/x-tar' }, payload: body };
    if (Buffer.isBuffer(body)) {
      return { headers: { 'Content-Type': opts.contentType ?? 'application/octet-stream', 'Content-Length': String(body.length) }, payload: body };
    }
    const json = Buffer.from(JSON.stringify(body) + '\n', 'utf8');
    return { headers: { 'Content-Type': 'application/json', 'Content-Length': String(json.length) }, payload: json };
  }

  private sendBody(req: http.ClientRequest, payload: Buffer | Readable | undefined): void {
    if (payload === undefined) { req.end(); return; }
    if (Buffer.isBuffer(payload)) { req.end(payload); return; }
    payload.on('error', (err) => req.destroy(err));
    payload.pipe(req);
  }
}

/** Reads a whole stream into one buffer. */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
