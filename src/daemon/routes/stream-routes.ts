// Shared plumbing of the stdio routes (attach, exec start): serving a StreamSession either as
// a hijacked upgrade (`101 UPGRADED`) or as a plain streaming response.

import type { Readable } from 'node:stream';
import type { HijackContext, HttpContext } from '../http/context.js';
import { runStreamSession, streamContentType, writeUpgradeHead, type StreamWants } from '../http/hijack.js';
import type { StreamSession } from '../stream-session.js';

/** Runs `session` on a hijacked socket: handshake, stream, then close after the session ends. */
export async function serveHijacked(
  ctx: HijackContext, session: StreamSession, stdin: Readable, wants: StreamWants, base: Record<string, string>,
): Promise<void> {
  writeUpgradeHead(ctx.socket, streamContentType(session.tty, ctx.apiVersion), base);
  await runStreamSession(session, ctx.socket, stdin, wants, ctx.signal, ctx.logger);
  if (!ctx.socket.destroyed) ctx.socket.end();
}

/** Runs `session` as an ordinary 200 streaming response (clients that do not upgrade). No stdin. */
export async function servePlain(ctx: HttpContext, session: StreamSession, wants: StreamWants): Promise<void> {
  ctx.res.writeHead(200, { 'Content-Type': streamContentType(session.tty, ctx.apiVersion) });
  ctx.res.flushHeaders();
  await runStreamSession(session, ctx.res, null, { ...wants, stdin: false }, ctx.signal, ctx.logger);
  if (!ctx.res.writableEnded) ctx.res.end();
}
