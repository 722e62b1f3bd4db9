// The hijack (HTTP upgrade) side of attach and exec start: the `101 UPGRADED` handshake,
// raw HTTP errors on a socket, client input with half-close, and running a StreamSession.

import { STATUS_CODES } from 'node:http';
import { PassThrough, type Duplex, type Readable, type Writable } from 'node:stream';
import { compareApiVersions } from '../../api/index.js';
import type { AttachStreams, StreamSession } from '../stream-session.js';
import type { DaemonLogger } from './context.js';
import { encodeFrame, streamWriter } from './stdcopy.js';

/** Content type of a stdio stream: raw for TTY (or API < 1.42), multiplexed otherwise. */
export function streamContentType(tty: boolean, apiVersion: string): string {
  return tty || compareApiVersions(apiVersion, '1.42') < 0
    ? 'application/vnd.docker.raw-stream'
    : 'application/vnd.docker.multiplexed-stream';
}

function headerLines(headers: Record<string, string | number>): string {
  return Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
}

const upgraded = new WeakSet<Duplex>();

/** True once a response head (101 or other) has been written on this hijacked socket. */
export function hasResponded(socket: Duplex): boolean {
  return upgraded.has(socket);
}

/** Writes the `HTTP/1.1 101 UPGRADED` handshake (Connection/Upgrade: tcp) onto a hijacked socket. */
export function writeUpgradeHead(socket: Duplex, contentType: string, base: Record<string, string>): void {
  upgraded.add(socket);
  socket.write(`HTTP/1.1 101 UPGRADED\r\n${headerLines({ ...base, 'Content-Type': contentType, Connection: 'Upgrade', Upgrade: 'tcp' })}\r\n`);
}

/** Writes a complete HTTP response onto a raw socket and closes it (errors before a hijack). */
export function writeRawResponse(socket: Duplex, status: number, body: unknown, base: Record<string, string>): void {
  upgraded.add(socket);
  const text = body === undefined ? '' : `${JSON.stringify(body)}\n`;
  const headers: Record<string, string | number> = { ...base, 'Content-Length': Buffer.byteLength(text), Connection: 'close' };
  if (text) headers['Content-Type'] = 'application/json';
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${headerLines(headers)}\r\n${text}`);
}

/**
 * Client input of a hijacked socket: first `bodyLength` bytes (the exec-start JSON, possibly
 * already in `head`), then stdin. stdin ends when the client half-closes; the socket stays writable.
 */
export function hijackInput(socket: Duplex, head: Buffer, bodyLength: number): { body: Promise<Buffer>; stdin: PassThrough } {
  const stdin = new PassThrough();
  let pending = Buffer.alloc(0);
  let bodyDone = bodyLength === 0;
  let resolveBody!: (b: Buffer) => void;
  let rejectBody!: (e: Error) => void;
  const body = new Promise<Buffer>((res, rej) => { resolveBody = res; rejectBody = rej; });
  body.catch(() => undefined);
  if (bodyDone) resolveBody(Buffer.alloc(0));
  const take = (chunk: Buffer): void => {
    if (bodyDone) { if (!stdin.writableEnded) stdin.write(chunk); return; }
    pending = Buffer.concat([pending, chunk]);
    if (pending.length >= bodyLength) {
      bodyDone = true;
      resolveBody(pending.subarray(0, bodyLength));
      const rest = pending.subarray(bodyLength);
      if (rest.length > 0) stdin.write(rest);
    }
  };
  if (head.length > 0) take(head);
  socket.on('data', (chunk: Buffer) => take(chunk));
  socket.on('end', () => {
    if (!bodyDone) rejectBody(new Error('connection closed before the request body was complete'));
    if (!stdin.writableEnded) stdin.end();
  });
  socket.on('close', () => {
    if (!bodyDone) rejectBody(new Error('connection closed before the request body was complete'));
    if (!stdin.writableEnded) stdin.end();
  });
  return { body, stdin };
}

/** Which streams the client asked for. */
export interface StreamWants {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
}

/**
 * Runs a session over `output` (the hijacked socket or a plain response) and `input` (client
 * stdin or null). Errors after the handshake are written into the stream (systemerr frame when
 * multiplexed). Does not close `output`: the caller does, after this resolves.
 */
export async function runStreamSession(
  session: StreamSession, output: Writable, input: Readable | null, wants: StreamWants,
  signal: AbortSignal, logger: DaemonLogger,
): Promise<void> {
  const raw = session.tty ? streamWriter(output) : undefined;
  const streams: AttachStreams = {
    stdin: wants.stdin && input ? input : null,
    stdout: wants.stdout ? (raw ?? streamWriter(output, 1)) : null,
    stderr: wants.stderr ? (raw ?? streamWriter(output, 2)) : null,
  };
  if (input && !streams.stdin) input.resume();
  try {
    await session.run(streams, signal);
  } catch (err) {
    if (signal.aborted) return;
    const message = err instanceof Error ? err.message : String(err);
    logger.debug(`stream session ended with an error: ${message}`);
    const text = Buffer.from(`${message}\r\n`);
    if (!output.destroyed && !output.writableEnded) output.write(session.tty ? text : encodeFrame(3, text));
  }
  // Flush what the session's writers still buffer before the caller closes `output`.
  const writers = [...new Set([streams.stdout, streams.stderr].filter((w): w is Writable => w !== null))];
  await Promise.all(writers.map((w) => flushWriter(w)));
}

function flushWriter(w: Writable): Promise<void> {
  return new Promise<void>((resolve) => {
    if (w.writableFinished || w.destroyed) { resolve(); return; }
    w.once('finish', () => resolve());
    w.once('error', () => resolve());
    w.once('close', () => resolve());
    if (!w.writableEnded) w.end();
  });
}
