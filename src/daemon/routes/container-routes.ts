// Routes of the container module (/containers/...): create, list, inspect, lifecycle, wait,
// attach (hijack), logs, stats, top, resize, rename, remove, prune, changes, export, archive, update.

import {
  ApiError, parseContainerCreateRequest, type ContainerUpdateRequest, type WaitCondition,
} from '../../api/index.js';
import type { ContainerBackend, LogsOptions } from '../container-backend.js';
import type { HijackContext, HttpContext, Route } from '../http/context.js';
import { hijackInput, streamContentType } from '../http/hijack.js';
import { startJsonStream, writeBytes, writeJsonLine } from '../http/json-stream.js';
import { decodeJson, readBody } from '../http/read-body.js';
import { sendEmpty, sendJson } from '../http/send.js';
import { encodeFrame } from '../http/stdcopy.js';
import { filterContainers } from './container-filters.js';
import { normalizeSignal } from './signal-name.js';
import { serveHijacked, servePlain } from './stream-routes.js';
import { atoiParam } from './atoi-param.js';
import { parseTimestamp } from './timestamp.js';

const namePattern = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** Checks `?name=` of create/rename; returns it without a leading "/". */
function checkName(name: string): string {
  if (!namePattern.test(name)) {
    throw ApiError.invalidParameter(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  }
  return name.replace(/^\//, '');
}


function attachOptions(ctx: HttpContext | HijackContext): { stream: boolean; stdin: boolean; stdout: boolean; stderr: boolean; logs: boolean; detachKeys?: string } {
  return {
    stream: ctx.query.bool('stream'),
    stdin: ctx.query.bool('stdin'),
    stdout: ctx.query.bool('stdout'),
    stderr: ctx.query.bool('stderr'),
    logs: ctx.query.bool('logs'),
    detachKeys: ctx.query.string('detachKeys') || undefined,
  };
}

async function logs(backend: ContainerBackend, ctx: HttpContext): Promise<void> {
  const q = ctx.query;
  const now = Date.now() / 1000;
  const tailText = q.string('tail');
  const tail = tailText === undefined || tailText === '' || tailText === 'all' || !/^\d+$/.test(tailText) ? undefined : Number(tailText);
  const options: LogsOptions = {
    follow: q.bool('follow'), stdout: q.bool('stdout'), stderr: q.bool('stderr'),
    since: parseTimestamp('since', q.string('since'), now), until: parseTimestamp('until', q.string('until'), now),
    tail, timestamps: q.bool('timestamps'), details: q.bool('details'),
  };
  if (!options.stdout && !options.stderr) throw ApiError.invalidParameter('Bad parameters: you must choose at least one stream');
  const stream = await backend.containerLogs(ctx.params.id, options, ctx.signal);
  ctx.res.writeHead(200, { 'Content-Type': streamContentType(stream.tty, ctx.apiVersion) });
  ctx.res.flushHeaders();
  for await (const entry of stream.entries) {
    if (ctx.res.destroyed) break;
    if (entry.stream === 'stdout' ? !options.stdout : !options.stderr) continue;
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data) : Buffer.from(entry.data);
    const payload = options.timestamps ? Buffer.concat([Buffer.from(`${entry.time} `), data]) : data;
    ctx.res.write(stream.tty ? payload : encodeFrame(entry.stream === 'stdout' ? 1 : 2, payload));
  }
  if (!ctx.res.writableEnded) ctx.res.end();
}

async function stats(backend: ContainerBackend, ctx: HttpContext): Promise<void> {
  const stream = ctx.query.bool('stream', true);
  const oneShot = ctx.query.bool('one-shot');
  const samples = await backend.containerStats(ctx.params.id, { stream, oneShot }, ctx.signal);
  startJsonStream(ctx.res);
  const iterator = samples[Symbol.asyncIterator]();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done || ctx.res.destroyed) break;
      await writeJsonLine(ctx.res, next.value);
      if (!stream) break;
    }
  } finally {
    void iterator.return?.();
    if (!ctx.res.writableEnded) ctx.res.end();
  }
}

async function wait(backend: ContainerBackend, ctx: HttpContext): Promise<void> {
  const condition = (ctx.query.string('condition') || 'not-running') as WaitCondition;
  if (!['not-running', 'next-exit', 'removed'].includes(condition)) {
    throw ApiError.invalidParameter(`invalid condition: "${condition}"`);
  }
  const handle = await backend.containerWait(ctx.params.id, condition, ctx.signal);
  // Early headers: `docker run` sends /start only after it has them.
  startJsonStream(ctx.res);
  try {
    const result = await handle.result;
    await writeJsonLine(ctx.res, { StatusCode: result.StatusCode, Error: result.Error ?? null });
  } catch (err) {
    await writeJsonLine(ctx.res, { StatusCode: -1, Error: { Message: err instanceof Error ? err.message : String(err) } });
  }
  if (!ctx.res.writableEnded) ctx.res.end();
}

async function archive(backend: ContainerBackend, ctx: HttpContext): Promise<void> {
  const path = ctx.query.string('path');
  if (!path) throw ApiError.invalidParameter('Bad parameters: path is empty');
  const name = ctx.params.id;
  if (ctx.req.method === 'PUT') {
    if (!backend.containerExtractToDir) throw ApiError.notImplemented('copying into containers is not implemented');
    const tar = await readBody(ctx.req);
    await backend.containerExtractToDir(name, path, tar, {
      noOverwriteDirNonDir: ctx.query.bool('noOverwriteDirNonDir'), copyUIDGID: ctx.query.bool('copyUIDGID'),
    });
    sendEmpty(ctx.res, 200);
    return;
  }
  if (ctx.req.method === 'HEAD') {
    if (!backend.containerStatPath) throw ApiError.notImplemented('stat of container paths is not implemented');
    const stat = await backend.containerStatPath(name, path);
    ctx.res.writeHead(200, { 'X-Docker-Container-Path-Stat': Buffer.from(JSON.stringify(stat)).toString('base64'), 'Content-Length': 0 });
    ctx.res.end();
    return;
  }
  if (!backend.containerArchive) throw ApiError.notImplemented('copying from containers is not implemented');
  const { stat, tar } = await backend.containerArchive(name, path, ctx.signal);
  ctx.res.writeHead(200, { 'Content-Type': 'application/x-tar', 'X-Docker-Container-Path-Stat': Buffer.from(JSON.stringify(stat)).toString('base64') });
  await writeBytes(ctx.res, tar);
}

/** The container routes over `backend`; `base` holds the headers of every response (for hijacks). */
export function containerRoutes(backend: ContainerBackend, base: Record<string, string>): Route[] {
  const id = (ctx: HttpContext): string => ctx.params.id;
  return [
    {
      method: 'POST', pattern: '/containers/create', handler: async (ctx) => {
        const rawName = ctx.query.string('name');
        const name = rawName ? checkName(rawName) : undefined;
        const config = parseContainerCreateRequest((await readBody(ctx.req, 16 << 20)).toString('utf8'));
        const platform = ctx.query.string('platform') || undefined;
        const reply = await backend.containerCreate({ name, platform, config });
        sendJson(ctx.res, 201, { Id: reply.Id, Warnings: reply.Warnings ?? [] });
      },
    },
    {
      method: 'GET', pattern: '/containers/json', handler: async (ctx) => {
        const filters = ctx.query.filters();
        const all = ctx.query.bool('all');
        const limit = ctx.query.int('limit', -1) ?? -1;
        const list = await backend.containerList({ size: ctx.query.bool('size') });
        sendJson(ctx.res, 200, filterContainers(list, { all, limit, filters }));
      },
    },
    { method: 'POST', pattern: '/containers/prune', handler: async (ctx) => sendJson(ctx.res, 200, await backend.containerPrune(ctx.query.filters())) },
    { method: 'GET', pattern: '/containers/{id}/json', handler: async (ctx) => sendJson(ctx.res, 200, await backend.containerInspect(id(ctx), { size: ctx.query.bool('size') })) },
    { method: 'GET', pattern: '/containers/{id}/top', handler: async (ctx) => sendJson(ctx.res, 200, await backend.containerTop(id(ctx), ctx.query.string('ps_args') || '-ef')) },
    { method: 'GET', pattern: '/containers/{id}/logs', handler: (ctx) => logs(backend, ctx) },
    { method: 'GET', pattern: '/containers/{id}/stats', handler: (ctx) => stats(backend, ctx) },
    {
      method: 'GET', pattern: '/containers/{id}/changes', handler: async (ctx) => {
        if (!backend.containerChanges) throw ApiError.notImplemented('container changes are not implemented');
        sendJson(ctx.res, 200, await backend.containerChanges(id(ctx)));
      },
    },
    {
      method: 'GET', pattern: '/containers/{id}/export', handler: async (ctx) => {
        if (!backend.containerExport) throw ApiError.notImplemented('container export is not implemented');
        const tar = await backend.containerExport(id(ctx), ctx.signal);
        ctx.res.writeHead(200, { 'Content-Type': 'application/x-tar' });
        await writeBytes(ctx.res, tar);
      },
    },
    { method: 'GET', pattern: '/containers/{id}/archive', handler: (ctx) => archive(backend, ctx) },
    { method: 'HEAD', pattern: '/containers/{id}/archive', handler: (ctx) => archive(backend, ctx) },
    { method: 'PUT', pattern: '/containers/{id}/archive', handler: (ctx) => archive(backend, ctx) },
    {
      method: 'POST', pattern: '/containers/{id}/resize', handler: async (ctx) => {
        await backend.containerResize(id(ctx), atoiParam(ctx, 'h'), atoiParam(ctx, 'w'));
        sendEmpty(ctx.res, 200);
      },
    },
    {
      method: 'POST', pattern: '/containers/{id}/start', handler: async (ctx) => {
        await backend.containerStart(id(ctx), { detachKeys: ctx.query.string('detachKeys') || undefined });
        sendEmpty(ctx.res, 204);
      },
    },
    {
      method: 'POST', pattern: '/containers/{id}/stop', handler: async (ctx) => {
        await backend.containerStop(id(ctx), { signal: normalizeSignal(ctx.query.string('signal')), timeout: ctx.query.int('t') });
        sendEmpty(ctx.res, 204);
      },
    },
    {
      method: 'POST', pattern: '/containers/{id}/restart', handler: async (ctx) => {
        await backend.containerRestart(id(ctx), { signal: normalizeSignal(ctx.query.string('signal')), timeout: ctx.query.int('t') });
        sendEmpty(ctx.res, 204);
      },
    },
    {
      method: 'POST', pattern: '/containers/{id}/kill', handler: async (ctx) => {
        await backend.containerKill(id(ctx), normalizeSignal(ctx.query.string('signal')) ?? 'SIGKILL');
        sendEmpty(ctx.res, 204);
      },
    },
    { method: 'POST', pattern: '/containers/{id}/pause', handler: async (ctx) => { await backend.containerPause(id(ctx)); sendEmpty(ctx.res, 204); } },
    { method: 'POST', pattern: '/containers/{id}/unpause', handler: async (ctx) => { await backend.containerUnpause(id(ctx)); sendEmpty(ctx.res, 204); } },
    {
      method: 'POST', pattern: '/containers/{id}/rename', handler: async (ctx) => {
        const name = ctx.query.string('name');
        if (!name) throw ApiError.invalidParameter('Neither old nor new names may be empty');
        await backend.containerRename(id(ctx), checkName(name));
        sendEmpty(ctx.res, 204);
      },
    },
    {
      method: 'POST', pattern: '/containers/{id}/update', handler: async (ctx) => {
        if (!backend.containerUpdate) throw ApiError.notImplemented('container update is not implemented');
        const update = decodeJson<ContainerUpdateRequest>(await readBody(ctx.req, 1 << 20));
        const reply = await backend.containerUpdate(id(ctx), update);
        sendJson(ctx.res, 200, { Warnings: reply.Warnings ?? [] });
      },
    },
    { method: 'POST', pattern: '/containers/{id}/wait', handler: (ctx) => wait(backend, ctx) },
    {
      method: 'POST', pattern: '/containers/{id}/attach',
      handler: async (ctx) => {
        const opts = attachOptions(ctx);
        const session = await backend.containerAttach(id(ctx), opts);
        await servePlain(ctx, session, opts);
      },
      hijack: async (ctx) => {
        const opts = attachOptions(ctx);
        const session = await backend.containerAttach(ctx.params.id, opts);
        const { stdin } = hijackInput(ctx.socket, ctx.head, 0);
        await serveHijacked(ctx, session, stdin, opts, base);
      },
    },
    {
      method: 'DELETE', pattern: '/containers/{id}', handler: async (ctx) => {
        await backend.containerRemove(id(ctx), { force: ctx.query.bool('force'), removeVolumes: ctx.query.bool('v'), removeLink: ctx.query.bool('link') });
        sendEmpty(ctx.res, 204);
      },
    },
  ];
}
