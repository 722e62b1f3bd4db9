// DockerClient: the Docker Engine API over a Unix socket, as docker's Go client speaks it:
// version negotiation through /_ping (min of the daemon's Api-Version and 1.50), versioned
// paths, JSON calls, streamed answers and hijacked attach/exec connections.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { encodeFilters, type QueryValue } from './query.js';
import { readAll, Transport, type Hijacked, type RequestOptions } from './transport.js';
import type {
  ChangeItem, ContainerInspect, ContainerSummary, DiskUsage, ExecCreateBody, ExecInspect, HistoryItem,
  ImageDeleteItem, ImageSummary, PingInfo, TopResponse, WaitResponse,
} from './types.js';

/** Highest API version this client speaks. */
export const MAX_API_VERSION = '1.50';
/** Version assumed when the daemon's ping carries no Api-Version (docker's rule). */
export const FALLBACK_API_VERSION = '1.24';

/** Options of a DockerClient. */
export interface DockerClientOptions {
  socketPath: string;
  /** Fixed API version (skips negotiation, like DOCKER_API_VERSION). */
  version?: string;
}

/** Compares dotted versions numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The result of a wait call: `ready` once the daemon sent headers, `result` at the condition. */
export interface PendingWait {
  ready: Promise<void>;
  result: Promise<WaitResponse>;
  /** Drops the connection (detached run). */
  cancel(): void;
}

/** A client of one daemon. */
export class DockerClient {
  readonly transport: Transport;
  private negotiated: string | undefined;
  private negotiation: Promise<string> | undefined;
  private pinged: PingInfo | undefined;

  constructor(opts: DockerClientOptions) {
    this.transport = new Transport(opts.socketPath);
    this.negotiated = opts.version;
  }

  /** The socket this client talks to. */
  get socketPath(): string {
    return this.transport.socketPath;
  }

  /** HEAD /_ping (GET if HEAD fails); reads the daemon's headers. */
  async ping(): Promise<PingInfo> {
    let res: IncomingMessage;
    try {
      res = await this.transport.request('HEAD', '/_ping');
    } catch (err) {
      if ((err as { status?: number }).status === undefined) throw err;
      res = await this.transport.request('GET', '/_ping');
    }
    res.resume();
    const h = res.headers;
    const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
    this.pinged = {
      apiVersion: one(h['api-version']),
      osType: one(h['ostype']),
      experimental: one(h['docker-experimental']) === 'true',
      builderVersion: one(h['builder-version']),
    };
    return this.pinged;
  }

  /** The negotiated API version (pings once). */
  apiVersion(): Promise<string> {
    if (this.negotiated) return Promise.resolve(this.negotiated);
    this.negotiation ??= this.ping().then((p) => {
      const v = p.apiVersion ?? FALLBACK_API_VERSION;
      this.negotiated = compareVersions(v, MAX_API_VERSION) > 0 ? MAX_API_VERSION : v;
      return this.negotiated;
    });
    return this.negotiation;
  }

  /** The last ping's headers, if any. */
  get pingInfo(): PingInfo | undefined {
    return this.pinged;
  }

  /** A versioned request; resolves with the response (headers received). */
  async request(method: string, path: string, opts?: RequestOptions): Promise<IncomingMessage> {
    const v = await this.apiVersion();
    return this.transport.request(method, `/v${v}${path}`, opts);
  }

  /** A versioned request whose JSON answer is parsed (an empty body gives undefined). */
  async json<T>(method: string, path: string, opts?: RequestOptions): Promise<T> {
    const res = await this.request(method, path, opts);
    const text = (await readAll(res)).toString('utf8');
    return (text.trim() === '' ? undefined : JSON.parse(text)) as T;
  }

  /** A versioned request whose answer is ignored (start, stop, kill, ...). */
  async call(method: string, path: string, opts?: RequestOptions): Promise<void> {
    const res = await this.request(method, path, opts);
    await readAll(res);
  }

  /** A versioned hijacked request (attach, exec start). */
  async hijack(method: string, path: string, opts?: RequestOptions): Promise<Hijacked> {
    const v = await this.apiVersion();
    return this.transport.hijack(method, `/v${v}${path}`, opts);
  }

  // ---- containers ----

  /** GET /containers/json. */
  containerList(opts: { all?: boolean; limit?: number; size?: boolean; filters?: string[] } = {}): Promise<ContainerSummary[]> {
    return this.json('GET', '/containers/json', {
      query: { all: opts.all, limit: opts.limit && opts.limit > 0 ? opts.limit : undefined, size: opts.size, filters: encodeFilters(opts.filters) },
    });
  }

  /** POST /containers/create; returns `{Id, Warnings}`. */
  containerCreate(body: unknown, opts: { name?: string; platform?: string } = {}): Promise<{ Id: string; Warnings: string[] | null }> {
    return this.json('POST', '/containers/create', { body, query: { name: opts.name || undefined, platform: opts.platform || undefined } });
  }

  /** GET /containers/{id}/json. */
  containerInspect(id: string, opts: { size?: boolean } = {}): Promise<ContainerInspect> {
    return this.json('GET', `/containers/${encodeURIComponent(id)}/json`, { query: { size: opts.size } });
  }

  /** GET /containers/{id}/json, the raw text (for `inspect`, which prints extra fields too). */
  async containerInspectRaw(id: string, opts: { size?: boolean } = {}): Promise<unknown> {
    return this.json('GET', `/containers/${encodeURIComponent(id)}/json`, { query: { size: opts.size } });
  }

  /** POST /containers/{id}/start. */
  containerStart(id: string): Promise<void> {
    return this.call('POST', `/containers/${encodeURIComponent(id)}/start`);
  }

  /** POST /containers/{id}/stop (`signal`, `t`). */
  containerStop(id: string, opts: { signal?: string; timeout?: number } = {}): Promise<void> {
    return this.call('POST', `/containers/${encodeURIComponent(id)}/stop`, { query: { signal: opts.signal, t: opts.timeout } });
  }

  /** POST /containers/{id}/restart (`signal`, `t`). */
  containerRestart(id: string, opts: { signal?: string; timeout?: number } = {}): Promise<void> {
    return this.call('POST', `/containers/${encodeURIComponent(id)}/restart`, { query: { signal: opts.signal, t: opts.timeout } });
  }

  /** POST /containers/{id}/kill. */
  containerKill(id: string, signal?: string): Promise<void> {
    return this.call('POST', `/containers/${encodeURIComponent(id)}/kill`, { query: { signal } });
  }

  /** DELETE /containers/{id}. */
  containerRemove(id: string, opts: { force?: boolean; volumes?: boolean; link?: boolean } = {}): Promise<void> {
    return this.call('DELETE', `/containers/${encodeURIComponent(id)}`, { query: { force: opts.force, link: opts.link, v: opts.volumes } });
  }

  /** POST /containers/{id}/pause. */
  containerPause(id: string): Promise<void> {
    return this.call('POST', `/containers/${encodeURIComponent(id)}/pause`);
  }

  /** POST /containers/{id}/unpause. */
  containerUnpause(id: string): Promise<void> {
    return this.call('POST', `/containers/${encodeURIComponent(id)}/unpause`);
  }

  /** POST /containers/{id}/rename. */
  containerRename(id: string, name: string): Promise<void> {
    return this.call('POST', `/containers/${encodeURIComponent(id)}/rename`, { query: { name } });
  }

  /** POST /containers/{id}/resize. */
  containerResize(id: string, height: number, width: number): Promise<void> {
    return this.call('POST', `/containers/${encodeURIComponent(id)}/resize`, { query: { h: height, w: width } });
  }

  /** GET /containers/{id}/top. */
  containerTop(id: string, psArgs?: string): Promise<TopResponse> {
    return this.json('GET', `/containers/${encodeURIComponent(id)}/top`, { query: { ps_args: psArgs || undefined } });
  }

  /** GET /containers/{id}/changes. */
  async containerChanges(id: string): Promise<ChangeItem[]> {
    return (await this.json<ChangeItem[] | null>('GET', `/containers/${encodeURIComponent(id)}/changes`)) ?? [];
  }

  /** GET /containers/{id}/export: a tar stream. */
  containerExport(id: string): Promise<IncomingMessage> {
    return this.request('GET', `/containers/${encodeURIComponent(id)}/export`);
  }

  /** POST /commit; returns `{Id}`. */
  containerCommit(id: string, opts: { repo?: string; tag?: string; comment?: string; author?: string; pause?: boolean; changes?: string[]; config?: unknown }): Promise<{ Id: string }> {
    return this.json('POST', '/commit', {
      query: { author: opts.author || undefined, changes: opts.changes?.length ? opts.changes : undefined, comment: opts.comment || undefined, container: id, pause: opts.pause === false ? '0' : undefined, repo: opts.repo || undefined, tag: opts.tag || undefined },
      body: opts.config ?? {},
    });
  }

  /** POST /containers/prune. */
  containerPrune(filters?: string[]): Promise<{ ContainersDeleted: string[] | null; SpaceReclaimed: number }> {
    return this.json('POST', '/containers/prune', { query: { filters: encodeFilters(filters) } });
  }

  /**
   * POST /containers/{id}/wait. `ready` resolves when the daemon has sent the headers (docker
   * run starts the container only then); `result` when the condition is met.
   */
  containerWait(id: string, condition?: 'not-running' | 'next-exit' | 'removed'): PendingWait {
    const controller = new AbortController();
    const response = this.request('POST', `/containers/${encodeURIComponent(id)}/wait`, { query: { condition }, signal: controller.signal });
    const result = response.then(async (res) => {
      const text = (await readAll(res)).toString('utf8');
      const parsed = JSON.parse(text) as WaitResponse;
      return parsed;
    });
    result.catch(() => undefined);
    return { ready: response.then(() => undefined), result, cancel: () => controller.abort() };
  }

  /** POST /containers/{id}/attach (hijacked). */
  containerAttach(id: string, opts: { stdin?: boolean; stdout?: boolean; stderr?: boolean; stream?: boolean; logs?: boolean; detachKeys?: string }): Promise<Hijacked> {
    return this.hijack('POST', `/containers/${encodeURIComponent(id)}/attach`, {
      query: { detachKeys: opts.detachKeys, logs: opts.logs, stderr: opts.stderr, stdin: opts.stdin, stdout: opts.stdout, stream: opts.stream },
    });
  }

  /** GET /containers/{id}/logs: the (multiplexed or raw) log stream. */
  containerLogs(id: string, opts: { follow?: boolean; stdout?: boolean; stderr?: boolean; since?: string; until?: string; timestamps?: boolean; tail?: string; details?: boolean }): Promise<IncomingMessage> {
    return this.request('GET', `/containers/${encodeURIComponent(id)}/logs`, {
      query: { details: opts.details, follow: opts.follow, since: opts.since || undefined, stderr: opts.stderr, stdout: opts.stdout, tail: opts.tail, timestamps: opts.timestamps, until: opts.until || undefined },
    });
  }

  /** GET /containers/{id}/stats: one sample (stream=false) or a stream of samples. */
  containerStats(id: string, opts: { stream: boolean; oneShot?: boolean; signal?: AbortSignal }): Promise<IncomingMessage> {
    return this.request('GET', `/containers/${encodeURIComponent(id)}/stats`, {
      query: { 'one-shot': opts.oneShot, stream: opts.stream ? '1' : '0' }, signal: opts.signal,
    });
  }

  // ---- exec ----

  /** POST /containers/{id}/exec; returns the exec id. */
  async execCreate(id: string, body: ExecCreateBody): Promise<string> {
    const res = await this.json<{ Id: string }>('POST', `/containers/${encodeURIComponent(id)}/exec`, { body });
    return res.Id;
  }

  /** POST /exec/{id}/start detached (a plain request). */
  execStartDetached(execId: string, tty: boolean): Promise<void> {
    return this.call('POST', `/exec/${encodeURIComponent(execId)}/start`, { body: { Detach: true, Tty: tty } });
  }

  /** POST /exec/{id}/start attached (hijacked). */
  execAttach(execId: string, opts: { tty: boolean; consoleSize?: [number, number] }): Promise<Hijacked> {
    const body: Record<string, unknown> = { Detach: false, Tty: opts.tty };
    if (opts.consoleSize) body.ConsoleSize = opts.consoleSize;
    return this.hijack('POST', `/exec/${encodeURIComponent(execId)}/start`, { body });
  }

  /** GET /exec/{id}/json. */
  execInspect(execId: string): Promise<ExecInspect> {
    return this.json('GET', `/exec/${encodeURIComponent(execId)}/json`);
  }

  /** POST /exec/{id}/resize. */
  execResize(execId: string, height: number, width: number): Promise<void> {
    return this.call('POST', `/exec/${encodeURIComponent(execId)}/resize`, { query: { h: height, w: width } });
  }

  // ---- images ----

  /** GET /images/json. */
  imageList(opts: { all?: boolean; filters?: Record<string, readonly string[]> | string[]; digests?: boolean } = {}): Promise<ImageSummary[]> {
    return this.json('GET', '/images/json', { query: { all: opts.all, digests: opts.digests, filters: encodeFilters(opts.filters) } });
  }

  /** GET /images/{name}/json. */
  imageInspect(name: string): Promise<Record<string, unknown>> {
    return this.json('GET', `/images/${name}/json`);
  }

  /** GET /images/{name}/history. */
  imageHistory(name: string): Promise<HistoryItem[]> {
    return this.json('GET', `/images/${name}/history`);
  }

  /** DELETE /images/{name}. */
  imageRemove(name: string, opts: { force?: boolean; noprune?: boolean } = {}): Promise<ImageDeleteItem[]> {
    return this.json('DELETE', `/images/${name}`, { query: { force: opts.force, noprune: opts.noprune } });
  }

  /** POST /images/{name}/tag with a fully-qualified repo. */
  imageTag(name: string, repo: string, tag: string): Promise<void> {
    return this.call('POST', `/images/${name}/tag`, { query: { repo, tag } });
  }

  /** POST /images/create?fromImage=: a JSON progress stream. */
  imagePull(fromImage: string, tag: string, opts: { platform?: string } = {}): Promise<IncomingMessage> {
    return this.request('POST', '/images/create', {
      query: { fromImage, platform: opts.platform || undefined, tag }, headers: { 'X-Registry-Auth': 'e30=' },
    });
  }

  /** POST /images/create?fromSrc=-: imports a tarball as an image (JSON stream). */
  imageImport(source: Readable, opts: { repo?: string; tag?: string; message?: string; changes?: string[]; platform?: string }): Promise<IncomingMessage> {
    return this.request('POST', '/images/create', {
      query: { changes: opts.changes?.length ? opts.changes : undefined, fromSrc: '-', message: opts.message || undefined, platform: opts.platform || undefined, repo: opts.repo || undefined, tag: opts.tag || undefined },
      body: source, contentType: 'application/x-tar',
    });
  }

  /** GET /images/get?names=: a tar stream. */
  imageSave(names: string[]): Promise<IncomingMessage> {
    return this.request('GET', '/images/get', { query: { names } });
  }

  /** POST /images/load: a JSON stream. */
  imageLoad(source: Readable, quiet: boolean): Promise<IncomingMessage> {
    return this.request('POST', '/images/load', { query: { quiet }, body: source, contentType: 'application/x-tar' });
  }

  /** POST /images/prune. */
  imagePrune(filters: string[]): Promise<{ ImagesDeleted: ImageDeleteItem[] | null; SpaceReclaimed: number }> {
    return this.json('POST', '/images/prune', { query: { filters: encodeFilters(filters) } });
  }

  /** POST /build with a tar context: a JSON stream. */
  build(context: Readable, query: Record<string, QueryValue>): Promise<IncomingMessage> {
    return this.request('POST', '/build', { query, body: context, contentType: 'application/x-tar', headers: { 'X-Registry-Config': 'e30=' } });
  }

  /** POST /build/prune. */
  buildPrune(filters?: string[]): Promise<{ CachesDeleted: string[] | null; SpaceReclaimed: number }> {
    return this.json('POST', '/build/prune', { query: { filters: encodeFilters(filters) } });
  }

  // ---- system ----

  /** GET /version. */
  version(): Promise<Record<string, unknown>> {
    return this.json('GET', '/version');
  }

  /** GET /info. */
  info(): Promise<Record<string, unknown>> {
    return this.json('GET', '/info');
  }

  /** GET /system/df. */
  diskUsage(): Promise<DiskUsage> {
    return this.json('GET', '/system/df');
  }

  /** GET /events: a JSON stream kept open (until `until`). */
  events(opts: { since?: string; until?: string; filters?: string[] | Record<string, readonly string[]>; signal?: AbortSignal } = {}): Promise<IncomingMessage> {
    return this.request('GET', '/events', {
      query: { filters: encodeFilters(opts.filters), since: opts.since || undefined, until: opts.until || undefined }, signal: opts.signal,
    });
  }
}
