// Routes of the volume module (/volumes/...): list (server-side filters), inspect, create,
// remove, prune.

import { compareApiVersions, validateFilterKeys, type Volume, type VolumeCreateRequest } from '../../api/index.js';
import type { Route } from '../http/context.js';
import { decodeJson, readBody } from '../http/read-body.js';
import { sendEmpty, sendJson } from '../http/send.js';
import type { VolumeBackend } from '../volume-backend.js';
import { labelMatches } from './container-filters.js';

function volumeMatches(v: Volume, f: Record<string, string[]>): boolean {
  const any = (k: string, p: (x: string) => boolean): boolean => !f[k]?.length || f[k].some(p);
  return any('name', (x) => v.Name.includes(x))
    && any('driver', (x) => v.Driver === x)
    && any('dangling', (x) => (x === 'true' || x === '1') === ((v.UsageData?.RefCount ?? 0) === 0))
    && (!f.label?.length || f.label.every((l) => labelMatches(v.Labels, l)));
}

/** The volume routes over `backend`. */
export function volumeRoutes(backend: VolumeBackend): Route[] {
  return [
    {
      method: 'GET', pattern: '/volumes', handler: async (ctx) => {
        const f = ctx.query.filters();
        validateFilterKeys(f, ['dangling', 'driver', 'label', 'name']);
        sendJson(ctx.res, 200, { Volumes: (await backend.volumeList()).filter((v) => volumeMatches(v, f)), Warnings: null });
      },
    },
    {
      method: 'POST', pattern: '/volumes/create', handler: async (ctx) => {
        sendJson(ctx.res, 201, await backend.volumeCreate(decodeJson<VolumeCreateRequest>(await readBody(ctx.req, 1 << 20), {})));
      },
    },
    {
      method: 'POST', pattern: '/volumes/prune', handler: async (ctx) => {
        const filters = ctx.query.filters();
        // Before API 1.42, prune removed named volumes too (moby's router adds all=true).
        if (compareApiVersions(ctx.apiVersion, '1.42') < 0 && !filters.all) filters.all = ['true'];
        sendJson(ctx.res, 200, await backend.volumePrune(filters));
      },
    },
    { method: 'GET', pattern: '/volumes/{name}', handler: async (ctx) => sendJson(ctx.res, 200, await backend.volumeInspect(ctx.params.name)) },
    {
      method: 'DELETE', pattern: '/volumes/{name}', handler: async (ctx) => {
        await backend.volumeRemove(ctx.params.name, { force: ctx.query.bool('force') });
        sendEmpty(ctx.res, 204);
      },
    },
  ];
}
