// Writes newline-delimited JSON streams (progress messages, stats, events), flushing each
// message and honouring backpressure. Failures after the headers become errorDetail messages.

import type { ServerResponse } from 'node:http';
import { isApiError, jsonErrorMessage, type JSONMessage } from '../../api/index.js';
import type { DaemonLogger } from './context.js';

/** Starts a 200 `application/json` streaming response and flushes the headers now. */
export function startJsonStream(res: ServerResponse, contentType = 'application/json'): void {
  if (res.headersSent) return;
  res.writeHead(200, { 'Content-Type': contentType });
  res.flushHeaders();
}

/** Writes one JSON value followed by `sep`; waits for drain when the socket is full. */
export async function writeJsonLine(res: ServerResponse, value: unknown, sep = '\n'): Promise<void> {
  if (res.destroyed || res.writableEnded) return;
  if (!res.write(`${JSON.stringify(value)}${sep}`)) {
    await new Promise<void>((resolve) => {
      const done = (): void => { res.off('drain', done); res.off('close', done); resolve(); };
      res.on('drain', done);
      res.on('close', done);
    });
  }
}

/**
 * Streams JSON messages (moby ends each with "\r\n") and ends the response. An error thrown by
 * the iterator is sent as an errorDetail message (the only failure the CLI notices).
 */
export async function writeJsonMessages(
  res: ServerResponse, messages: AsyncIterable<JSONMessage>, logger: DaemonLogger, what: string,
): Promise<void> {
  startJsonStream(res);
  try {
    for await (const message of messages) {
      if (res.destroyed) break;
      await writeJsonLine(res, message, '\r\n');
    }
  } catch (err) {
    if (!isApiError(err)) logger.error(`stream of ${what} failed`, err);
    await writeJsonLine(res, jsonErrorMessage(err instanceof Error ? err.message : String(err)), '\r\n');
  }
  if (!res.writableEnded) res.end();
}

/** Streams raw bytes (tar archives) and ends the response. */
export async function writeBytes(res: ServerResponse, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of chunks) {
    if (res.destroyed) break;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => { res.off('drain', done); res.off('close', done); resolve(); };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.writableEnded) res.end();
}
