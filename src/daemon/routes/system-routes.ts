// Routes of the system module: /_ping (HEAD and GET), /version, /info, /system/df, /events.

import { API_VERSION, MIN_API_VERSION, type SystemDf } from '../../api/index.js';
import type { HttpContext, Route } from '../http/context.js';
import { startJsonStream, writeJsonLine } from '../http/json-stream.js';
import { sendJson } from '../http/send.js';
import type { SystemBackend } from '../system-backend.js';
import { eventMatches, validateEventFilters } from './event-filters.js';
import { parseTimestamp } from './timestamp.js';

async function ping(ctx: HttpContext): Promise<void> {
  const headers: Record<string, string | number> = {
    'Api-Version': API_VERSION,
    'Builder-Version': '1',
    'Docker-Experimental': 'false',
    Ostype: 'linux',
    Swarm: 'inactive',
    'Cache-Control': 'no-cache, no-store, must-revalidate',
    Pragma: 'no-cache',
    'Content-Type': 'text/plain; charset=utf-8',
  };
  if (ctx.req.method === 'HEAD') {
    ctx.res.writeHead(200, { ...headers, 'Content-Length': 0 });
    ctx.res.end();
  } else {
    ctx.res.writeHead(200, { ...headers, 'Content-Length': 2 });
    ctx.res.end('OK');
  }
}

async function events(backend: SystemBackend, ctx: HttpContext): Promise<void> {
  const filters = ctx.query.filters();
  validateEventFilters(filters);
  const now = Date.now() / 1000;
  const since = parseTimestamp('since', ctx.query.string('since'), now);
  const until = parseTimestamp('until', ctx.query.string('until'), now);
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  ctx.signal.addEventListener('abort', onAbort);
  let timer: NodeJS.Timeout | undefined;
  if (until !== undefined) timer = setTimeout(() => stop.abort(), Math.max(0, (until - now) * 1000));
  startJsonStream(ctx.res);
  try {
    const iterator = backend.subscribeEvents({ since, until }, stop.signal)[Symbol.asyncIterator]();
    const aborted = new Promise<'aborted'>((resolve) => {
      if (stop.signal.aborted) resolve('aborted');
      stop.signal.addEventListener('abort', () => resolve('aborted'));
    });
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next === 'aborted' || next.done) break;
      const ev = next.value;
      const t = ev.timeNano ? ev.timeNano / 1e9 : ev.time;
      if (until !== undefined && t > until) break;
      if (since !== undefined && t < since) continue;
      if (!eventMatches(ev, filters)) continue;
      await writeJsonLine(ctx.res, ev);
    }
    void iterator.return?.();
  } finally {
    if (timer) clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onAbort);
    stop.abort();
    if (!ctx.res.writableEnded) ctx.res.end();
  }
}

/** The system routes over `backend`. */
export function systemRoutes(backend: SystemBackend): Route[] {
  return [
    { method: 'GET', pattern: '/_ping', handler: ping },
    {
      method: 'GET', pattern: '/version', handler: async (ctx) => {
        const v = await backend.systemVersion();
        const components = v.Components?.map((c) => (c.Name === 'Engine'
          ? { ...c, Details: { ...c.Details, ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION } }
          : c));
        sendJson(ctx.res, 200, { ...v, ...(components ? { Components: components } : {}), ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION });
      },
    },
    { method: 'GET', pattern: '/info', handler: async (ctx) => sendJson(ctx.res, 200, await backend.systemInfo()) },
    {
      method: 'GET', pattern: '/system/df', handler: async (ctx) => {
        const types = ctx.query.all('type');
        const df: SystemDf = await backend.systemDf(types.length ? { types } : {});
        // The CLI dereferences UsageData: never leave it out.
        const Volumes = (df.Volumes ?? []).map((v) => ({ ...v, UsageData: v.UsageData ?? { Size: -1, RefCount: -1 } }));
        sendJson(ctx.res, 200, { ...df, Volumes, BuildCache: df.BuildCache ?? [] });
      },
    },
    { method: 'GET', pattern: '/events', handler: (ctx) => events(backend, ctx) },
  ];
}
