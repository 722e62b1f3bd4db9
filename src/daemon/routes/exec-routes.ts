// Routes of the exec module: POST /containers/{id}/exec, POST /exec/{id}/start (hijacked,
// plain, or detached), POST /exec/{id}/resize, GET /exec/{id}/json.

import { ApiError, type ExecCreateRequest, type ExecStartRequest } from '../../api/index.js';
import type { ExecBackend } from '../exec-backend.js';
import type { Route } from '../http/context.js';
import { hijackInput, writeRawResponse } from '../http/hijack.js';
import { decodeJson, readBody } from '../http/read-body.js';
import { sendEmpty, sendJson } from '../http/send.js';
import { serveHijacked, servePlain } from './stream-routes.js';
import { atoiParam } from './atoi-param.js';

function checkExecCreate(body: ExecCreateRequest): ExecCreateRequest {
  const cmd: unknown = body.Cmd;
  if (cmd !== undefined && cmd !== null && (!Array.isArray(cmd) || cmd.some((c) => typeof c !== 'string'))) {
    throw ApiError.invalidParameter('invalid JSON: json: cannot unmarshal into Go struct field ExecOptions.Cmd of type []string');
  }
  if (!Array.isArray(cmd) || cmd.length === 0) throw ApiError.invalidParameter('No exec command specified');
  for (const key of ['Env'] as const) {
    const v: unknown = body[key];
    if (v !== undefined && v !== null && (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))) {
      throw ApiError.invalidParameter(`invalid JSON: json: cannot unmarshal into Go struct field ExecOptions.${key} of type []string`);
    }
  }
  return body;
}

function startOptions(body: ExecStartRequest): { tty: boolean; consoleSize?: [number, number] } {
  const cs = body.ConsoleSize;
  return { tty: body.Tty === true, ...(Array.isArray(cs) && cs.length === 2 ? { consoleSize: [cs[0], cs[1]] as [number, number] } : {}) };
}


const allStreams = { stdin: true, stdout: true, stderr: true };

/** The exec routes over `backend`; `base` holds the headers of every response (for hijacks). */
export function execRoutes(backend: ExecBackend, base: Record<string, string>): Route[] {
  return [
    {
      method: 'POST', pattern: '/containers/{id}/exec', handler: async (ctx) => {
        const body = checkExecCreate(decodeJson<ExecCreateRequest>(await readBody(ctx.req, 1 << 20)));
        sendJson(ctx.res, 201, await backend.execCreate(ctx.params.id, body));
      },
    },
    {
      method: 'POST', pattern: '/exec/{id}/start',
      handler: async (ctx) => {
        const body = decodeJson<ExecStartRequest>(await readBody(ctx.req, 1 << 20), {});
        if (body.Detach) {
          await backend.execStartDetached(ctx.params.id, { tty: body.Tty === true });
          sendEmpty(ctx.res, 200);
          return;
        }
        const session = await backend.execStart(ctx.params.id, startOptions(body));
        await servePlain(ctx, session, allStreams);
      },
      hijack: async (ctx) => {
        const length = Number.parseInt(String(ctx.req.headers['content-length'] ?? '0'), 10) || 0;
        const input = hijackInput(ctx.socket, ctx.head, length);
        const body = decodeJson<ExecStartRequest>(await input.body, {});
        if (body.Detach) {
          await backend.execStartDetached(ctx.params.id, { tty: body.Tty === true });
          writeRawResponse(ctx.socket, 200, undefined, base);
          return;
        }
        const session = await backend.execStart(ctx.params.id, startOptions(body));
        await serveHijacked(ctx, session, input.stdin, allStreams, base);
      },
    },
    {
      method: 'POST', pattern: '/exec/{id}/resize', handler: async (ctx) => {
        await backend.execResize(ctx.params.id, atoiParam(ctx, 'h'), atoiParam(ctx, 'w'));
        sendEmpty(ctx.res, 200);
      },
    },
    { method: 'GET', pattern: '/exec/{id}/json', handler: async (ctx) => sendJson(ctx.res, 200, await backend.execInspect(ctx.params.id)) },
  ];
}
