// Test-only HTTP helpers over a Unix socket: plain requests collecting the body, and raw
// socket exchanges for hijacked (upgrade) requests.

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';

/** A collected response. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Sends one request; `body` as Buffer (Content-Length) or as chunks (chunked encoding). */
export function request(
  socketPath: string, method: string, path: string,
  options: { headers?: Record<string, string>; body?: Buffer | string; chunks?: Buffer[] } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ socketPath, method, path, headers: options.headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.chunks) {
      for (const c of options.chunks) req.write(c);
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

/** Opens a raw connection and writes `text` (a full HTTP request head, maybe with body bytes). */
export function rawConnect(socketPath: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(socketPath, () => resolve(s));
    s.on('error', reject);
  });
}

/** Reads everything from `socket` until the server closes it. */
export function readAll(socket: Socket): Promise<Buffer> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    socket.on('data', (c: Buffer) => parts.push(c));
    socket.on('close', () => resolve(Buffer.concat(parts)));
  });
}

/** Splits a raw HTTP response into its head text and body bytes. */
export function splitHead(raw: Buffer): { head: string; body: Buffer } {
  const i = raw.indexOf('\r\n\r\n');
  return { head: raw.subarray(0, i).toString('latin1'), body: raw.subarray(i + 4) };
}
