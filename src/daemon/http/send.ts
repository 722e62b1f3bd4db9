// Response helpers: JSON bodies with exactly `Content-Type: application/json`, empty replies,
// and JSON error bodies `{"message": ...}` with the status of the error's kind.

import type { ServerResponse } from 'node:http';
import { isApiError } from '../../api/index.js';
import type { DaemonLogger } from './context.js';
import { statusForKind } from './error-status.js';

/** Sends `body` as JSON with `status` (Go's encoder ends with "\n"; so do we). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Sends an empty reply (204 for start/stop/..., 200 for resize). */
export function sendEmpty(res: ServerResponse, status = 204): void {
  if (status === 204 || status === 304) res.writeHead(status);
  else res.writeHead(status, { 'Content-Length': 0 });
  res.end();
}

/** Status and message for any thrown value; unexpected errors are 500 and logged. */
export function errorReply(err: unknown, logger: DaemonLogger, what: string): { status: number; message: string } {
  if (isApiError(err)) return { status: statusForKind(err.kind), message: err.message };
  logger.error(`unexpected error in ${what}`, err);
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, message: message || 'internal server error' };
}

/** Sends an error as `{"message": ...}`; if the response already started, just ends it. */
export function sendError(res: ServerResponse, err: unknown, logger: DaemonLogger, what: string): void {
  const { status, message } = errorReply(err, logger, what);
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  if (status === 304) {
    sendEmpty(res, 304);
    return;
  }
  sendJson(res, status, { message });
}
