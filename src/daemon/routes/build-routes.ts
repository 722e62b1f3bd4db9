// Routes of the build module: POST /build (legacy builder: tar context, maybe gzipped, read
// completely before answering; q=1 reduced to the image ID) and POST /build/prune.

import { gunzipSync } from 'node:zlib';
import { ApiError, type JSONMessage } from '../../api/index.js';
import type { BuildBackend, BuildOptions } from '../build-backend.js';
import type { HttpContext, Route } from '../http/context.js';
import { writeJsonMessages } from '../http/json-stream.js';
import { readBody } from '../http/read-body.js';
import { sendJson } from '../http/send.js';

/** Decompresses a gzipped context; plain tars pass through. bzip2/xz are refused clearly. */
export function decompressContext(body: Buffer): Buffer {
  if (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b) {
    try { return gunzipSync(body); } catch (e) { throw ApiError.invalidParameter(`invalid gzip build context: ${(e as Error).message}`); }
  }
  if (body.subarray(0, 3).toString('latin1') === 'BZh') throw ApiError.invalidParameter('bzip2 build contexts are not supported; send a plain or gzipped tar');
  if (body.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) {
    throw ApiError.invalidParameter('xz build contexts are not supported; send a plain or gzipped tar');
  }
  return body;
}

function buildOptions(ctx: HttpContext): BuildOptions {
  const q = ctx.query;
  const buildArgs = q.jsonObject<string | null>('buildargs');
  for (const [k, v] of Object.entries(buildArgs)) {
    if (v !== null && typeof v !== 'string') throw ApiError.invalidParameter(`invalid value for buildargs: ${k} must be a string or null`);
  }
  const labels = q.jsonObject<string>('labels');
  let cacheFrom: string[] = [];
  const cf = q.string('cachefrom');
  if (cf) {
    try { cacheFrom = JSON.parse(cf) as string[]; } catch { throw ApiError.invalidParameter('invalid value for cachefrom: expected a JSON array'); }
  }
  return {
    tags: q.all('t').filter((t) => t !== ''),
    dockerfile: q.string('dockerfile') || 'Dockerfile',
    buildArgs, labels,
    target: q.string('target') || undefined,
    noCache: q.bool('nocache'), pull: q.bool('pull'), quiet: q.bool('q'),
    rm: q.bool('rm', true), forceRm: q.bool('forcerm'),
    networkMode: q.string('networkmode') || undefined, platform: q.string('platform') || undefined,
    memory: q.int('memory'), cpuShares: q.int('cpushares'), shmSize: q.int('shmsize'),
    cacheFrom, extraHosts: q.string('extrahosts') || undefined,
  };
}

/** With q=1 moby sends only the image ID: keep errors and aux, then one `stream` with the ID. */
async function* quietMessages(messages: AsyncIterable<JSONMessage>): AsyncIterable<JSONMessage> {
  let id: string | undefined;
  for await (const m of messages) {
    if (m.errorDetail) { yield m; return; }
    if (m.aux && typeof m.aux.ID === 'string') { id = m.aux.ID; yield m; }
  }
  if (id) yield { stream: `${id}\n` };
}

/** The build routes over `backend`. */
export function buildRoutes(backend: BuildBackend): Route[] {
  return [
    {
      method: 'POST', pattern: '/build', handler: async (ctx) => {
        if (ctx.query.string('version') === '2') throw ApiError.notImplemented('BuildKit (version=2) is not supported; use the legacy builder');
        if (ctx.query.string('remote')) throw ApiError.notImplemented('remote build contexts are not supported');
        const options = buildOptions(ctx);
        // Read the whole context before answering: the Go client stops uploading once a response starts.
        const context = decompressContext(await readBody(ctx.req));
        const messages = await backend.build(context, options, ctx.signal);
        await writeJsonMessages(ctx.res, options.quiet ? quietMessages(messages) : messages, ctx.logger, 'build');
      },
    },
    {
      method: 'POST', pattern: '/build/prune', handler: async (ctx) => {
        const report = backend.buildPrune
          ? await backend.buildPrune(ctx.query.filters(), { all: ctx.query.bool('all') })
          : { CachesDeleted: [], SpaceReclaimed: 0 };
        sendJson(ctx.res, 200, report);
      },
    },
  ];
}
