// In-memory fake engine implementing every Backend interface, for daemon tests only. It "runs"
// a tiny command language: echo ARGS, fail (stderr + exit 3), exit N, cat (stdin → stdout), sleep.

import { createHash, randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import {
  ApiError, type ContainerCreateRequest, type ContainerInspect, type ContainerSummary, type ContainerWaitResponse,
  type EventMessage, type ExecInspect, type ImageSummary, type JSONMessage, type StatsJSON, type WaitCondition,
} from '../../api/index.js';
import type { AttachStreams, Backends, LogEntry, StreamSession } from '../backends.js';
import { emptyVolumeBackend } from './empty-volume-backend.js';

const zeroTime = '0001-01-01T00:00:00Z';
const hex = (n: number): string => randomBytes(n).toString('hex');

interface FakeImage { id: string; tags: string[]; created: number; size: number }

interface FakeContainer {
  id: string; name: string; image: string; imageId: string; config: ContainerCreateRequest;
  state: 'created' | 'running' | 'paused' | 'exited'; exitCode: number; created: Date;
  startedAt?: Date; finishedAt?: Date; logs: LogEntry[]; sessions: Set<AttachStreams>;
  exitWaiters: Array<() => void>; removedWaiters: Array<() => void>; stdin: PassThrough;
  stop?: () => void;
}

interface FakeExec { id: string; container: FakeContainer; cmd: string[]; tty: boolean; running: boolean; exitCode: number | null }

/** Handle on the fake engine: its backends plus knobs for tests. */
export interface FakeEngine {
  backends: Backends;
  /** Every event emitted so far. */
  events: EventMessage[];
}

function familiar(ref: string): string {
  let r = ref.replace(/^docker\.io\/(library\/)?/, '');
  if (!r.slice(r.lastIndexOf('/') + 1).includes(':')) r += ':latest';
  return r;
}

/** Executes the fake command language; returns the exit code. */
async function execute(cmd: string[], out: (s: 'stdout' | 'stderr', text: string) => void, stdin: Readable | null, stopped: Promise<void>): Promise<number> {
  const [prog, ...args] = cmd;
  switch (prog) {
    case 'echo': out('stdout', `${args.join(' ')}\n`); return 0;
    case 'fail': out('stderr', 'oops\n'); return 3;
    case 'exit': return Number(args[0] ?? 0);
    case 'cat':
      if (stdin) for await (const chunk of stdin) out('stdout', String(chunk));
      return 0;
    case 'sleep': await stopped; return 137;
    default: out('stdout', `ran: ${cmd.join(' ')}\n`); return 0;
  }
}

/** Creates a fresh fake engine with one image (busybox:latest). */
export function createFakeEngine(): FakeEngine {
  const images: FakeImage[] = [{ id: `sha256:${createHash('sha256').update('busybox').digest('hex')}`, tags: ['docker.io/library/busybox:latest'], created: 1700000000, size: 4_300_000 }];
  const containers = new Map<string, FakeContainer>();
  const execs = new Map<string, FakeExec>();
  const events: EventMessage[] = [];
  const subscribers = new Set<(e: EventMessage) => void>();

  const emit = (c: FakeContainer, action: string, extra: Record<string, string> = {}): void => {
    const now = Date.now();
    const ev: EventMessage = {
      Type: 'container', Action: action, Actor: { ID: c.id, Attributes: { name: c.name, image: c.image, ...extra } },
      scope: 'local', time: Math.floor(now / 1000), timeNano: now * 1e6, status: action, id: c.id, from: c.image,
    };
    events.push(ev);
    for (const s of subscribers) s(ev);
  };

  const findImage = (ref: string): FakeImage => {
    const f = familiar(ref);
    const id = ref.replace(/^sha256:/, '');
    const img = images.find((i) => i.tags.some((t) => familiar(t) === f)) ?? images.find((i) => id.length >= 4 && i.id.slice(7).startsWith(id));
    if (!img) throw ApiError.notFound(`No such image: ${f}`);
    return img;
  };
  const find = (ref: string): FakeContainer => {
    const byId = containers.get(ref);
    if (byId) return byId;
    for (const c of containers.values()) if (c.name === ref.replace(/^\//, '')) return c;
    const matches = [...containers.values()].filter((c) => c.id.startsWith(ref));
    if (matches.length === 1) return matches[0];
    throw ApiError.notFound(`No such container: ${ref}`);
  };

  const output = (c: FakeContainer, stream: 'stdout' | 'stderr', text: string): void => {
    c.logs.push({ stream, data: text, time: new Date().toISOString().replace('Z', '000000Z') });
    for (const s of c.sessions) (stream === 'stdout' || c.config.Tty ? s.stdout : s.stderr)?.write(text);
  };

  const finish = (c: FakeContainer, code: number): void => {
    c.state = 'exited';
    c.exitCode = code;
    c.finishedAt = new Date();
    emit(c, 'die', { exitCode: String(code) });
    const waiters = c.exitWaiters.splice(0);
    waiters.forEach((w) => w());
    if (c.config.HostConfig?.AutoRemove) remove(c);
  };

  const remove = (c: FakeContainer): void => {
    containers.delete(c.id);
    emit(c, 'destroy');
    c.removedWaiters.splice(0).forEach((w) => w());
  };

  const start = (c: FakeContainer): void => {
    if (c.state === 'running') throw ApiError.notModified('container already started');
    c.state = 'running';
    c.startedAt = new Date();
    emit(c, 'start');
    const stopped = new Promise<void>((resolve) => { c.stop = resolve; });
    void execute(c.config.Cmd ?? ['sh'], (s, t) => output(c, s, t), c.stdin, stopped).then((code) => finish(c, code));
  };

  const summary = (c: FakeContainer): ContainerSummary => ({
    Id: c.id, Names: [`/${c.name}`], Image: c.image, ImageID: c.imageId, Command: (c.config.Cmd ?? []).join(' '),
    Created: Math.floor(c.created.getTime() / 1000), Ports: [], Labels: c.config.Labels ?? {}, State: c.state,
    Status: c.state === 'running' ? 'Up Less than a second' : c.state === 'exited' ? `Exited (${c.exitCode}) Less than a second ago` : 'Created',
    HostConfig: { NetworkMode: 'bridge' }, NetworkSettings: { Networks: {} }, Mounts: [],
  });

  const inspect = (c: FakeContainer): ContainerInspect => ({
    Id: c.id, Created: c.created.toISOString(), Path: c.config.Cmd?.[0] ?? '', Args: c.config.Cmd?.slice(1) ?? [],
    State: {
      Status: c.state, Running: c.state === 'running' || c.state === 'paused', Paused: c.state === 'paused', Restarting: false,
      OOMKilled: false, Dead: false, Pid: c.state === 'running' ? 4242 : 0, ExitCode: c.exitCode, Error: '',
      StartedAt: c.startedAt?.toISOString() ?? zeroTime, FinishedAt: c.finishedAt?.toISOString() ?? zeroTime,
    },
    Image: c.imageId, ResolvConfPath: '', HostnamePath: '', HostsPath: '', LogPath: '', Name: `/${c.name}`,
    RestartCount: 0, Driver: 'overlay2', Platform: 'linux', MountLabel: '', ProcessLabel: '', AppArmorProfile: '',
    ExecIDs: null, HostConfig: { ...(c.config.HostConfig ?? {}), NetworkMode: 'bridge' },
    GraphDriver: { Name: 'overlay2', Data: null }, Mounts: [],
    Config: { ...c.config, HostConfig: undefined, NetworkingConfig: undefined, Hostname: c.id.slice(0, 12) } as ContainerInspect['Config'],
    NetworkSettings: {
      SandboxID: '', SandboxKey: '', Ports: {}, EndpointID: '', Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
      IPAddress: '', IPPrefixLen: 0, IPv6Gateway: '', MacAddress: '', Networks: {},
    },
  });

  const session = (tty: boolean, wire: (streams: AttachStreams) => () => void, done: () => Promise<void>): StreamSession => ({
    tty,
    async run(streams, signal) {
      const unwire = wire(streams);
      await Promise.race([done(), new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()))]);
      unwire();
    },
  });

  const imageSummary = (i: FakeImage): ImageSummary => ({
    Id: i.id, ParentId: '', RepoTags: i.tags, RepoDigests: [], Created: i.created, Size: i.size, SharedSize: -1, Labels: {}, Containers: -1,
  });

  const messages = async function* (list: JSONMessage[]): AsyncIterable<JSONMessage> { for (const m of list) yield m; };

  const backends: Backends = {
    system: {
      systemVersion: async () => ({
        Platform: { Name: 'skiff fake' }, Version: '0.1.0', ApiVersion: '', Os: 'linux', Arch: 'amd64', KernelVersion: '6.1.0-skiff',
        Components: [{ Name: 'Engine', Version: '0.1.0', Details: { Os: 'linux', Arch: 'amd64' } }],
      }),
      systemInfo: async () => ({ ServerVersion: '0.1.0', OSType: 'linux', Containers: containers.size, Images: images.length, Swarm: { LocalNodeState: 'inactive' } } as unknown as import('../../api/index.js').Info),
      systemDf: async () => ({ LayersSize: 0, Images: images.map(imageSummary), Containers: [...containers.values()].map(summary), Volumes: [], BuildCache: [] }),
      subscribeEvents: (options, signal) => ({
        async *[Symbol.asyncIterator]() {
          const queue: EventMessage[] = options.since === undefined ? [] : events.filter((e) => e.time >= Math.floor(options.since as number));
          let wake: (() => void) | undefined;
          const sub = (e: EventMessage): void => { queue.push(e); wake?.(); };
          subscribers.add(sub);
          signal.addEventListener('abort', () => wake?.());
          try {
            while (!signal.aborted) {
              while (queue.length) yield queue.shift() as EventMessage;
              await new Promise<void>((resolve) => { wake = resolve; });
            }
          } finally { subscribers.delete(sub); }
        },
      }),
    },
    container: {
      async containerCreate({ name, config }) {
        const img = findImage(config.Image ?? '');
        const cname = name ?? `fake_${hex(3)}`;
        for (const c of containers.values()) {
          if (c.name === cname) throw ApiError.conflict(`Conflict. The container name "/${cname}" is already in use by container "${c.id}". You have to remove (or rename) that container to be able to reuse that name.`);
        }
        const c: FakeContainer = {
          id: hex(32), name: cname, image: config.Image ?? '', imageId: img.id, config, state: 'created', exitCode: 0,
          created: new Date(), logs: [], sessions: new Set(), exitWaiters: [], removedWaiters: [], stdin: new PassThrough(),
        };
        if (!config.OpenStdin) c.stdin.end();
        containers.set(c.id, c);
        emit(c, 'create');
        return { Id: c.id, Warnings: [] };
      },
      containerList: async () => [...containers.values()].map(summary),
      containerInspect: async (name) => inspect(find(name)),
      containerStart: async (name) => start(find(name)),
      async containerStop(name) {
        const c = find(name);
        if (c.state !== 'running') throw ApiError.notModified('container already stopped');
        c.stop?.();
      },
      async containerRestart(name) { const c = find(name); c.stop?.(); },
      async containerKill(name) {
        const c = find(name);
        if (c.state !== 'running') throw ApiError.conflict(`container ${c.id} is not running`);
        c.stop?.();
      },
      async containerWait(name, condition: WaitCondition, signal) {
        const c = find(name);
        const result = (): ContainerWaitResponse => ({ StatusCode: c.exitCode, Error: null });
        if (condition === 'not-running' && c.state !== 'running') return { result: Promise.resolve(result()) };
        const list = condition === 'removed' ? c.removedWaiters : c.exitWaiters;
        return {
          result: new Promise((resolve, reject) => {
            list.push(() => resolve(result()));
            signal.addEventListener('abort', () => reject(new Error('client went away')));
          }),
        };
      },
      async containerAttach(name, options) {
        const c = find(name);
        return session(c.config.Tty === true, (streams) => {
          c.sessions.add(streams);
          if (options.stdin && streams.stdin && !c.stdin.writableEnded) streams.stdin.pipe(c.stdin);
          return () => c.sessions.delete(streams);
        }, () => new Promise<void>((resolve) => { if (c.state === 'exited') resolve(); else c.exitWaiters.push(resolve); }));
      },
      containerResize: async (name) => { find(name); },
      async containerLogs(name, options) {
        const c = find(name);
        const entries = async function* (): AsyncIterable<LogEntry> {
          const backlog = options.tail === undefined ? c.logs : c.logs.slice(-options.tail);
          for (const e of backlog) yield e;
          if (options.follow && c.state === 'running') await new Promise<void>((resolve) => c.exitWaiters.push(resolve));
        };
        return { tty: c.config.Tty === true, entries: entries() };
      },
      containerTop: async (name) => { find(name); return { Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], Processes: [['root', '4242', '4200', '0', '10:00', '?', '00:00:00', 'sleep 100']] }; },
      async containerStats(name, options, signal) {
        const c = find(name);
        const sample = (n: number): StatsJSON => {
          const cpu = (k: number) => ({ cpu_usage: { total_usage: k * 25e7, usage_in_kernelmode: 0, usage_in_usermode: 0 }, system_cpu_usage: k * 1e9, online_cpus: 1, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } });
          return {
            name: `/${c.name}`, id: c.id, read: new Date().toISOString(), preread: new Date().toISOString(), num_procs: 0,
            pids_stats: { current: 3 }, blkio_stats: { io_service_bytes_recursive: [] }, cpu_stats: cpu(n + 1), precpu_stats: cpu(n),
            memory_stats: { usage: 8 << 20, limit: 64 << 20, stats: {} },
          };
        };
        return (async function* () {
          for (let n = 1; !signal.aborted; n++) {
            yield sample(n);
            if (!options.stream) return;
            await new Promise((r) => setTimeout(r, 200));
          }
        })();
      },
      async containerPause(name) { find(name).state = 'paused'; },
      async containerUnpause(name) { find(name).state = 'running'; },
      async containerRename(name, newName) { find(name).name = newName; },
      async containerRemove(name, { force }) {
        const c = find(name);
        if (c.state === 'running' && !force) throw ApiError.conflict(`cannot remove container "/${c.name}": container is running: stop the container before removing or force remove`);
        c.stop?.();
        remove(c);
      },
      async containerPrune() {
        const gone = [...containers.values()].filter((c) => c.state === 'exited');
        gone.forEach(remove);
        return { ContainersDeleted: gone.map((c) => c.id), SpaceReclaimed: 0 };
      },
    },
    exec: {
      async execCreate(container, config) {
        const c = find(container);
        if (c.state !== 'running') throw ApiError.conflict(`container ${c.id} is not running`);
        const e: FakeExec = { id: hex(32), container: c, cmd: config.Cmd, tty: config.Tty === true, running: false, exitCode: null };
        execs.set(e.id, e);
        return { Id: e.id };
      },
      async execStart(id, options) {
        const e = execs.get(id);
        if (!e) throw ApiError.notFound(`No such exec instance: ${id}`);
        return {
          tty: options.tty,
          async run(streams) {
            e.running = true;
            const code = await execute(e.cmd, (s, t) => (s === 'stdout' ? streams.stdout : streams.stderr)?.write(t), streams.stdin, new Promise(() => undefined));
            e.exitCode = code;
            e.running = false;
          },
        };
      },
      async execStartDetached(id) {
        const e = execs.get(id);
        if (!e) throw ApiError.notFound(`No such exec instance: ${id}`);
        e.exitCode = 0;
      },
      async execInspect(id): Promise<ExecInspect> {
        const e = execs.get(id);
        if (!e) throw ApiError.notFound(`No such exec instance: ${id}`);
        return {
          ID: e.id, Running: e.running, ExitCode: e.exitCode, ContainerID: e.container.id, Pid: 0, OpenStdin: false, OpenStderr: true,
          OpenStdout: true, CanRemove: false, DetachKeys: '', ProcessConfig: { tty: e.tty, entrypoint: e.cmd[0], arguments: e.cmd.slice(1), privileged: false, user: '' },
        };
      },
      execResize: async (id) => { if (!execs.has(id)) throw ApiError.notFound(`No such exec instance: ${id}`); },
    },
    image: {
      imageList: async () => images.map(imageSummary),
      async imageInspect(name) {
        const i = findImage(name);
        return {
          Id: i.id, RepoTags: i.tags.map(familiar), RepoDigests: [], Parent: '', Comment: '', Created: new Date(i.created * 1000).toISOString(),
          Author: '', Config: { Cmd: ['sh'] }, Architecture: 'amd64', Os: 'linux', Size: i.size, GraphDriver: { Name: 'overlay2', Data: null },
          RootFS: { Type: 'layers', Layers: [] }, Metadata: { LastTagTime: zeroTime },
        };
      },
      imageHistory: async (name) => [{ Id: findImage(name).id, Created: 1700000000, CreatedBy: '/bin/sh -c #(nop)  CMD ["sh"]', Tags: null, Size: 0, Comment: '' }],
      async imageTag(name, repo, tag) { findImage(name).tags.push(`${repo}:${tag}`); },
      async imageRemove(name) {
        const i = findImage(name);
        images.splice(images.indexOf(i), 1);
        return [...i.tags.map((t) => ({ Untagged: familiar(t) })), { Deleted: i.id }];
      },
      imagePrune: async () => ({ ImagesDeleted: [], SpaceReclaimed: 0 }),
      async imagePull({ fromImage, tag }) {
        if (!fromImage.endsWith('/alpine')) throw ApiError.notFound(`pull access denied for ${familiar(fromImage).replace(/:latest$/, '')}, repository does not exist or may require 'docker login'`);
        const img: FakeImage = { id: `sha256:${createHash('sha256').update(fromImage).digest('hex')}`, tags: [`${fromImage}:${tag}`], created: 1700000000, size: 8_300_000 };
        images.push(img);
        return messages([
          { status: `Pulling from library/alpine`, id: tag },
          { status: 'Pulling fs layer', progressDetail: {}, id: 'aaaabbbbcccc' },
          { status: 'Pull complete', progressDetail: {}, id: 'aaaabbbbcccc' },
          { status: `Digest: sha256:${'ab'.repeat(32)}` },
          { status: `Status: Downloaded newer image for ${familiar(fromImage)}` },
        ]);
      },
      async imageSave(names) { names.forEach(findImage); return (async function* () { yield Buffer.alloc(1024); })(); },
      async imageLoad(tar) { return messages([{ stream: `Loaded image: busybox:latest (${tar.length} bytes)\n` }]); },
    },
    build: {
      async build(context, options) {
        const id = `sha256:${createHash('sha256').update(context).digest('hex')}`;
        images.push({ id, tags: options.tags.map((t) => `docker.io/library/${t.includes(':') ? t : `${t}:latest`}`), created: Math.floor(Date.now() / 1000), size: context.length });
        if (options.dockerfile === 'fail') {
          return messages([{ stream: 'Step 1/1 : RUN exit 1\n' }, { errorDetail: { code: 1, message: "The command '/bin/sh -c exit 1' returned a non-zero code: 1" }, error: 'x' }]);
        }
        return messages([
          { stream: 'Step 1/1 : FROM busybox\n' }, { stream: ` ---> ${id.slice(7, 19)}\n` },
          { stream: `context ${context.length} bytes, args ${JSON.stringify(options.buildArgs)}\n` },
          { aux: { ID: id } }, { stream: `Successfully built ${id.slice(7, 19)}\n` },
          ...options.tags.map((t) => ({ stream: `Successfully tagged ${t.includes(':') ? t : `${t}:latest`}\n` })),
        ]);
      },
    },
    volume: emptyVolumeBackend(),
  };
  return { backends, events };
}
