// The Engine API HTTP/1.1 server on a Unix socket (mode 0600): version prefixes, common
// headers, routing, hijacks for attach/exec, and the rule that no request can crash the daemon.

import { chmodSync, unlinkSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { API_VERSION, ApiError } from '../api/index.js';
import type { Backends } from './backends.js';
import type { BaseContext, DaemonLogger } from './http/context.js';
import { hasResponded, writeRawResponse } from './http/hijack.js';
import { Query } from './http/query.js';
import { Router } from './http/router.js';
import { errorReply, sendError } from './http/send.js';
import { splitVersionPath } from './http/version-path.js';
import { buildRoutes } from './routes/build-routes.js';
import { containerRoutes } from './routes/container-routes.js';
import { execRoutes } from './routes/exec-routes.js';
import { imageRoutes } from './routes/image-routes.js';
import { networkRoutes } from './routes/network-routes.js';
import { systemRoutes } from './routes/system-routes.js';
import { volumeRoutes } from './routes/volume-routes.js';
import { staticNetworkBackend } from './static-network-backend.js';

/** Options of createDaemonServer. */
export interface DaemonServerOptions {
  backends: Backends;
  /** Defaults to a logger that prints errors to stderr and drops debug lines. */
  logger?: DaemonLogger;
  /** Version in the `Server: Docker/<v> (linux)` header (default "0.1.0"). */
  serverVersion?: string;
}

/** A daemon server: listen on a socket path, close everything. */
export interface DaemonServer {
  /** Listens on `socketPath` (a stale socket file is replaced); the file gets mode 0600. */
  listen(socketPath: string): Promise<void>;
  /** Stops listening, drops open connections (streams, hijacks) and removes the socket file. */
  close(): Promise<void>;
}

const defaultLogger: DaemonLogger = {
  debug: () => undefined,
  error: (message, error) => { process.stderr.write(`skiffd: ${message}${error ? `: ${error instanceof Error ? error.stack : String(error)}` : ''}\n`); },
};

const notFound = (): ApiError => ApiError.notFound('page not found');

/** Creates the Engine API server over the given backends. */
export function createDaemonServer(options: DaemonServerOptions): DaemonServer {
  const logger = options.logger ?? defaultLogger;
  const base: Record<string, string> = {
    'Api-Version': API_VERSION,
    Ostype: 'linux',
    Server: `Docker/${options.serverVersion ?? '0.1.0'} (linux)`,
  };
  const router = new Router();
  const b = options.backends;
  router.add(
    ...systemRoutes(b.system),
    ...containerRoutes(b.container, base),
    ...execRoutes(b.exec, base),
    ...imageRoutes(b.image),
    ...buildRoutes(b.build),
    ...networkRoutes(b.network ?? staticNetworkBackend()),
    ...volumeRoutes(b.volume),
  );
  const connections = new Set<Socket>();
  let socketPath: string | undefined;

  function prepare(req: IncomingMessage): { ctx: Omit<BaseContext, 'signal'>; match: ReturnType<Router['match']> } {
    const url = new URL(req.url ?? '/', 'http://skiff');
    const { path, apiVersion } = splitVersionPath(url.pathname);
    const method = req.method ?? 'GET';
    const match = router.match(method, path);
    logger.debug(`${method} ${req.url ?? ''}`);
    return { ctx: { req, path, apiVersion, params: match?.params ?? {}, query: new Query(url.searchParams), logger }, match };
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(base)) res.setHeader(k, v);
    const abort = new AbortController();
    res.on('close', () => { if (!res.writableFinished) abort.abort(); });
    try {
      const { ctx, match } = prepare(req);
      if (!match) throw notFound();
      await match.route.handler({ ...ctx, res, signal: abort.signal });
    } catch (err) {
      sendError(res, err, logger, `${req.method} ${req.url}`);
    }
  }

  async function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const abort = new AbortController();
    socket.on('error', () => abort.abort());
    socket.on('close', () => abort.abort());
    try {
      const { ctx, match } = prepare(req);
      if (!match) throw notFound();
      if (!match.route.hijack) throw ApiError.invalidParameter(`${req.method} ${ctx.path} cannot be upgraded`);
      await match.route.hijack({ ...ctx, socket, head, signal: abort.signal });
    } catch (err) {
      const { status, message } = errorReply(err, logger, `${req.method} ${req.url}`);
      if (!hasResponded(socket) && !socket.destroyed) writeRawResponse(socket, status, status === 304 ? undefined : { message }, base);
      else if (!socket.destroyed) socket.end();
    }
  }

  const server = createServer({ requestTimeout: 0, headersTimeout: 60_000, keepAliveTimeout: 5_000 });
  server.timeout = 0;
  server.on('connection', (s: Socket) => {
    connections.add(s);
    s.on('close', () => connections.delete(s));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => { void onRequest(req, res); });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => { void onUpgrade(req, socket, head); });
  server.on('clientError', (_err, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"message":"bad request"}\n');
    else socket.destroy();
  });

  return {
    listen(path: string): Promise<void> {
      try { unlinkSync(path); } catch { /* no stale socket */ }
      return new Promise<void>((resolve, reject) => {
        const onError = (err: Error): void => reject(err);
        server.once('error', onError);
        const oldMask = process.umask(0o177);
        try {
          server.listen(path, () => {
            server.off('error', onError);
            try { chmodSync(path, 0o600); } catch (err) { reject(err as Error); return; }
            socketPath = path;
            resolve();
          });
        } finally {
          process.umask(oldMask);
        }
      });
    },
    close(): Promise<void> {
      return new Promise<void>((resolve) => {
        server.close(() => {
          if (socketPath) { try { unlinkSync(socketPath); } catch { /* already gone */ } }
          resolve();
        });
        for (const s of connections) s.destroy();
      });
    },
  };
}
