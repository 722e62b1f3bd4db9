// Routes of the network module (/networks/...): list (server-side filters), inspect, create,
// remove, connect, disconnect, prune.

import { ApiError, validateFilterKeys, type Network, type NetworkConnectRequest, type NetworkCreateRequest } from '../../api/index.js';
import type { Route } from '../http/context.js';
import { decodeJson, readBody } from '../http/read-body.js';
import { sendEmpty, sendJson } from '../http/send.js';
import type { NetworkBackend } from '../network-backend.js';
import { labelMatches } from './container-filters.js';

const predefinedNames = ['bridge', 'host', 'none'];

function networkMatches(n: Network, f: Record<string, string[]>): boolean {
  const any = (k: string, p: (v: string) => boolean): boolean => !f[k]?.length || f[k].some(p);
  return any('name', (v) => n.Name.includes(v))
    && any('id', (v) => n.Id.startsWith(v))
    && any('driver', (v) => n.Driver === v)
    && any('scope', (v) => n.Scope === v)
    && any('type', (v) => (v === 'builtin') === predefinedNames.includes(n.Name))
    && (!f.label?.length || f.label.every((l) => labelMatches(n.Labels, l)));
}

/** The network routes over `backend`. */
export function networkRoutes(backend: NetworkBackend): Route[] {
  return [
    {
      method: 'GET', pattern: '/networks', handler: async (ctx) => {
        const f = ctx.query.filters();
        validateFilterKeys(f, ['dangling', 'driver', 'id', 'label', 'name', 'scope', 'type']);
        for (const t of f.type ?? []) if (t !== 'builtin' && t !== 'custom') throw ApiError.invalidParameter(`invalid filter: 'type'='${t}'`);
        sendJson(ctx.res, 200, (await backend.networkList()).filter((n) => networkMatches(n, f)));
      },
    },
    {
      method: 'POST', pattern: '/networks/create', handler: async (ctx) => {
        const req = decodeJson<NetworkCreateRequest>(await readBody(ctx.req, 1 << 20));
        if (typeof req.Name !== 'string' || req.Name === '') throw ApiError.invalidParameter('invalid name: name is empty');
        sendJson(ctx.res, 201, await backend.networkCreate(req));
      },
    },
    { method: 'POST', pattern: '/networks/prune', handler: async (ctx) => sendJson(ctx.res, 200, await backend.networkPrune(ctx.query.filters())) },
    { method: 'GET', pattern: '/networks/{id}', handler: async (ctx) => sendJson(ctx.res, 200, await backend.networkInspect(ctx.params.id)) },
    { method: 'DELETE', pattern: '/networks/{id}', handler: async (ctx) => { await backend.networkRemove(ctx.params.id); sendEmpty(ctx.res, 204); } },
    {
      method: 'POST', pattern: '/networks/{id}/connect', handler: async (ctx) => {
        await backend.networkConnect(ctx.params.id, decodeJson<NetworkConnectRequest>(await readBody(ctx.req, 1 << 20)));
        sendEmpty(ctx.res, 200);
      },
    },
    {
      method: 'POST', pattern: '/networks/{id}/disconnect', handler: async (ctx) => {
        await backend.networkDisconnect(ctx.params.id, decodeJson<NetworkConnectRequest>(await readBody(ctx.req, 1 << 20)));
        sendEmpty(ctx.res, 200);
      },
    },
  ];
}
