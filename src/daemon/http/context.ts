// Per-request context handed to route handlers, the route table entry type, and the logger.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Query } from './query.js';

/** Where the daemon writes its diagnostics. */
export interface DaemonLogger {
  /** Request lines and other chatter (may be a no-op). */
  debug(message: string): void;
  /** Unexpected failures (500s, stream errors). */
  error(message: string, error?: unknown): void;
}

/** What every handler gets: the request, path params, decoded query, negotiated API version. */
export interface BaseContext {
  req: IncomingMessage;
  /** Path without the `/vX.Y` prefix. */
  path: string;
  /** API version of the request: the path's, or the daemon's own when unversioned. */
  apiVersion: string;
  params: Record<string, string>;
  query: Query;
  /** Aborts when the client disconnects before the response is finished. */
  signal: AbortSignal;
  logger: DaemonLogger;
}

/** Context of an ordinary request. */
export interface HttpContext extends BaseContext {
  res: ServerResponse;
}

/** Context of a hijacked (Connection: Upgrade) request: the raw socket and any bytes read ahead. */
export interface HijackContext extends BaseContext {
  socket: Duplex;
  head: Buffer;
}

/** One route: a method, a path pattern (`{id}` = one segment, `{name:.*}` = any), handlers. */
export interface Route {
  method: string;
  pattern: string;
  /** Handles the ordinary request. */
  handler: (ctx: HttpContext) => Promise<void>;
  /** Handles the request when it arrives as an upgrade (attach, exec start). */
  hijack?: (ctx: HijackContext) => Promise<void>;
}
