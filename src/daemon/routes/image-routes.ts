// Routes of the image module (/images/..., /commit): list, inspect, history, tag, remove,
// prune, pull (images/create), save (images/get), load. Names may contain "/" and ":".

import { ApiError, type ContainerConfig } from '../../api/index.js';
import type { Route } from '../http/context.js';
import { writeBytes, writeJsonMessages } from '../http/json-stream.js';
import { decodeJson, readBody } from '../http/read-body.js';
import { sendJson } from '../http/send.js';
import type { ImageBackend } from '../image-backend.js';
import { filterImages } from './image-filters.js';

/** The image routes over `backend`. */
export function imageRoutes(backend: ImageBackend): Route[] {
  return [
    {
      method: 'GET', pattern: '/images/json', handler: async (ctx) => {
        const filters = ctx.query.filters();
        const list = await backend.imageList({ all: ctx.query.bool('all') });
        sendJson(ctx.res, 200, filterImages(list, filters));
      },
    },
    {
      method: 'POST', pattern: '/images/create', handler: async (ctx) => {
        const fromImage = ctx.query.string('fromImage');
        if (ctx.query.string('fromSrc')) throw ApiError.notImplemented('importing images (fromSrc) is not implemented');
        if (!fromImage) throw ApiError.invalidParameter('fromImage must be set');
        const auth = ctx.req.headers['x-registry-auth'];
        const messages = await backend.imagePull({
          fromImage, tag: ctx.query.string('tag') ?? '', platform: ctx.query.string('platform') || undefined,
          registryAuth: typeof auth === 'string' ? auth : undefined,
        }, ctx.signal);
        await writeJsonMessages(ctx.res, messages, ctx.logger, 'pull');
      },
    },
    {
      method: 'GET', pattern: '/images/get', handler: async (ctx) => {
        const names = ctx.query.all('names').filter((n) => n !== '');
        if (names.length === 0) throw ApiError.invalidParameter('no images specified');
        const tar = await backend.imageSave(names, ctx.signal);
        ctx.res.writeHead(200, { 'Content-Type': 'application/x-tar' });
        await writeBytes(ctx.res, tar);
      },
    },
    {
      method: 'POST', pattern: '/images/load', handler: async (ctx) => {
        const tar = await readBody(ctx.req);
        const messages = await backend.imageLoad(tar, { quiet: ctx.query.bool('quiet') }, ctx.signal);
        await writeJsonMessages(ctx.res, messages, ctx.logger, 'load');
      },
    },
    { method: 'POST', pattern: '/images/prune', handler: async (ctx) => sendJson(ctx.res, 200, await backend.imagePrune(ctx.query.filters())) },
    { method: 'GET', pattern: '/images/{name:.*}/json', handler: async (ctx) => sendJson(ctx.res, 200, await backend.imageInspect(ctx.params.name)) },
    { method: 'GET', pattern: '/images/{name:.*}/history', handler: async (ctx) => sendJson(ctx.res, 200, await backend.imageHistory(ctx.params.name)) },
    {
      method: 'GET', pattern: '/images/{name:.*}/get', handler: async (ctx) => {
        const tar = await backend.imageSave([ctx.params.name], ctx.signal);
        ctx.res.writeHead(200, { 'Content-Type': 'application/x-tar' });
        await writeBytes(ctx.res, tar);
      },
    },
    {
      method: 'POST', pattern: '/images/{name:.*}/tag', handler: async (ctx) => {
        const repo = ctx.query.string('repo');
        if (!repo) throw ApiError.invalidParameter('repository name (repo) must be set');
        await backend.imageTag(ctx.params.name, repo, ctx.query.string('tag') || 'latest');
        ctx.res.writeHead(201, { 'Content-Length': 0 });
        ctx.res.end();
      },
    },
    {
      method: 'POST', pattern: '/images/{name:.*}/push', handler: async () => {
        throw ApiError.notImplemented('pushing images is not implemented');
      },
    },
    {
      method: 'DELETE', pattern: '/images/{name:.*}', handler: async (ctx) => {
        const items = await backend.imageRemove(ctx.params.name, { force: ctx.query.bool('force'), noPrune: ctx.query.bool('noprune') });
        sendJson(ctx.res, 200, items);
      },
    },
    {
      method: 'POST', pattern: '/commit', handler: async (ctx) => {
        if (!backend.imageCommit) throw ApiError.notImplemented('commit is not implemented');
        const container = ctx.query.string('container');
        if (!container) throw ApiError.invalidParameter('container must be set');
        const config = decodeJson<ContainerConfig>(await readBody(ctx.req, 1 << 20), {});
        const reply = await backend.imageCommit({
          container, repo: ctx.query.string('repo') || undefined, tag: ctx.query.string('tag') || undefined,
          comment: ctx.query.string('comment') || undefined, author: ctx.query.string('author') || undefined,
          pause: ctx.query.bool('pause', true), changes: ctx.query.all('changes').filter((c) => c !== ''), config,
        });
        sendJson(ctx.res, 201, reply);
      },
    },
  ];
}
