// Container operations at the engine level not covered elsewhere: IDs, generated names, states
// and Docker's timestamps, wait conditions, kill with any signal, pause on the cgroup freezer,
// rename, attach (stdin, logs replay), logs (json-file, streams, tail, since/until, follow),
// commit with changes and a message, and the shape of inspect.
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ContainerCreateRequest, LogsOptions } from '../../src/api/index.js';
import type { Engine } from '../../src/engine/index.js';
import { ADJECTIVES, SURNAMES } from '../../src/engine/util/names.js';
import { parseRfc3339 } from '../../src/engine/util/time-format.js';
import { cpuOverWindow } from '../resources/resource-harness.js';
import { collector, harness, run, waitForProcess } from './harness.js';

const never = new AbortController().signal;
const ZERO = '0001-01-01T00:00:00Z';
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

async function create(engine: Engine, cmd: string[], extra: Partial<ContainerCreateRequest> = {}, name?: string): Promise<string> {
  return (await engine.container.containerCreate({ name, config: { Image: 'busybox', Cmd: cmd, ...extra } })).Id;
}

/** A detached container kept up by `cat` on an open stdin (no timer for the virtual clock to skip). */
async function startCat(engine: Engine, cmd = ['cat'], name?: string): Promise<string> {
  const id = await create(engine, cmd, { OpenStdin: true }, name);
  await engine.container.containerStart(id, {});
  return id;
}

async function exitCode(engine: Engine, id: string): Promise<number> {
  return (await (await engine.container.containerWait(id, 'not-running', never)).result).StatusCode;
}

/** The log entries as [stream, text] pairs. */
async function logs(engine: Engine, id: string, options: Partial<LogsOptions> = {}, signal = never): Promise<[string, string][]> {
  const stream = await engine.container.containerLogs(id, { follow: false, stdout: true, stderr: true, timestamps: false, details: false, ...options }, signal);
  const out: [string, string][] = [];
  for await (const e of stream.entries) out.push([e.stream, String(e.data)]);
  return out;
}

describe('engine operations: identity and state', () => {
  it('64-hex IDs, generated adjective_surname names, Docker\'s zero times before start, then created → running → exited', async () => {
    const { engine } = await harness();
    const id = await create(engine, ['cat'], { OpenStdin: true });
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    let info = await engine.container.containerInspect(id, { size: false });
    const [adjective, surname] = info.Name.slice(1).split('_');
    expect(ADJECTIVES).toContain(adjective);
    expect(SURNAMES).toContain(surname);
    expect(info.Created).toMatch(RFC3339);
    expect(info.State).toMatchObject({ Status: 'created', Running: false, Paused: false, Dead: false, Pid: 0, ExitCode: 0, StartedAt: ZERO, FinishedAt: ZERO });
    // Short and full IDs and the name all find it.
    expect((await engine.container.containerInspect(id.slice(0, 12), { size: false })).Id).toBe(id);
    expect((await engine.container.containerInspect(info.Name.slice(1), { size: false })).Id).toBe(id);

    await engine.container.containerStart(id, {});
    info = await engine.container.containerInspect(id, { size: false });
    expect(info.State).toMatchObject({ Status: 'running', Running: true, FinishedAt: ZERO });
    expect(info.State.Pid).toBeGreaterThan(0);
    expect(info.State.StartedAt).toMatch(RFC3339);
    expect(parseRfc3339(info.State.StartedAt)!).toBeGreaterThanOrEqual(parseRfc3339(info.Created)!);
    await expect(engine.container.containerStart(id, {})).rejects.toMatchObject({ kind: 'not-modified' });

    await engine.container.containerKill(id, 'TERM'); // PID 1 without a handler ignores it
    expect((await engine.container.containerInspect(id, { size: false })).State.Running).toBe(true);
    await engine.container.containerKill(id, '');     // docker kill's default: SIGKILL
    expect(await exitCode(engine, id)).toBe(137);
    info = await engine.container.containerInspect(id, { size: false });
    expect(info.State).toMatchObject({ Status: 'exited', Running: false, Pid: 0, ExitCode: 137, OOMKilled: false });
    expect(parseRfc3339(info.State.FinishedAt)!).toBeGreaterThanOrEqual(parseRfc3339(info.State.StartedAt)!);
  });

  it('exit codes pass through: exit n, a signal as 128+n; PID 1 ignores a signal it has no handler for', async () => {
    const { engine } = await harness();
    expect((await run(engine, ['sh', '-c', 'exit 42'])).code).toBe(42);
    expect((await run(engine, ['sh', '-c', 'kill -USR2 $$; echo alive'])).stdout).toBe('alive\n');
    // Under docker-init the command is not PID 1: USR2 kills it and the status is 128+12.
    const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['cat'], OpenStdin: true, HostConfig: { Init: true } } });
    await engine.container.containerStart(Id, {});
    // docker-init (like tini) passes on only signals that arrive after it set up: wait for cat.
    await waitForProcess(engine, Id, 'cat');
    await engine.container.containerKill(Id, 'USR2');
    expect(await exitCode(engine, Id)).toBe(128 + 12);
  });

  it('inspect has Docker\'s shape: State, Config, HostConfig defaults, NetworkSettings without ports, GraphDriver, Mounts []', async () => {
    const { engine } = await harness();
    const id = await create(engine, ['true']);
    const info = await engine.container.containerInspect(id, { size: false });
    for (const key of ['Id', 'Created', 'Path', 'Args', 'State', 'Image', 'ResolvConfPath', 'HostnamePath', 'HostsPath', 'LogPath', 'Name', 'RestartCount',
      'Driver', 'Platform', 'MountLabel', 'ProcessLabel', 'AppArmorProfile', 'ExecIDs', 'HostConfig', 'GraphDriver', 'Mounts', 'Config', 'NetworkSettings']) {
      expect(info).toHaveProperty(key);
    }
    expect(info.Image).toBe((await engine.image.imageInspect('busybox')).Id);
    expect(info.Config).toMatchObject({ Image: 'busybox', Cmd: ['true'], Hostname: id.slice(0, 12) });
    expect(info.HostConfig).toMatchObject({ NetworkMode: 'bridge', LogConfig: { Type: 'json-file' }, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } });
    expect(info.GraphDriver.Name).toBe('overlay2');
    expect(Object.keys(info.GraphDriver.Data ?? {}).sort()).toEqual(['LowerDir', 'MergedDir', 'UpperDir', 'WorkDir']);
    expect(info.Mounts).toEqual([]);
    expect(info.ExecIDs).toBeNull();
    // `docker port` reads NetworkSettings.Ports: nothing published, nothing printed.
    expect(info.NetworkSettings.Ports).toEqual({});
    expect(Object.keys(info.NetworkSettings.Networks ?? {})).toEqual(['bridge']);
  });
});

describe('engine operations: wait', () => {
  it('not-running returns at once for a created container; next-exit waits for the next run; removed outlasts the exit', async () => {
    const { engine } = await harness();
    const id = await create(engine, ['sh', '-c', 'exit 5']);
    expect(await (await engine.container.containerWait(id, 'not-running', never)).result).toEqual({ StatusCode: 0, Error: null });
    const next = await engine.container.containerWait(id, 'next-exit', never);
    const removed = await engine.container.containerWait(id, 'removed', never);
    let removedDone = false;
    void removed.result.then(() => { removedDone = true; });
    await engine.container.containerStart(id, {});
    expect((await next.result).StatusCode).toBe(5);
    await new Promise((r) => setTimeout(r, 20));
    expect(removedDone).toBe(false);
    await engine.container.containerRemove(id, { force: false, removeVolumes: true, removeLink: false });
    expect((await removed.result).StatusCode).toBe(5);
  });

  it('a wait ends with the client: its abort rejects the result', async () => {
    const { engine } = await harness();
    const id = await startCat(engine);
    const ac = new AbortController();
    const w = await engine.container.containerWait(id, 'not-running', ac.signal);
    ac.abort();
    await expect(w.result).rejects.toThrow();
    await engine.container.containerKill(id, 'KILL');
  });
});

describe('engine operations: kill, pause, rename', () => {
  it('kill sends any signal by name, SIG name or number to a trap in sh; a bad signal is refused', async () => {
    const { engine } = await harness();
    const script = 'trap "exit 10" USR1; trap "exit 12" USR2; trap "exit 1" HUP; exec 3<&0; cat <&3 & wait';
    for (const [signal, code] of [['USR1', 10], ['SIGUSR2', 12], ['1', 1]] as const) {
      const id = await startCat(engine, ['sh', '-c', script]);
      await engine.container.containerKill(id, signal);
      expect(await exitCode(engine, id)).toBe(code);
    }
    const id = await startCat(engine);
    await expect(engine.container.containerKill(id, 'NOPE')).rejects.toMatchObject({ kind: 'invalid-parameter', message: 'Invalid signal: NOPE' });
    await engine.container.containerKill(id, '9');
    expect(await exitCode(engine, id)).toBe(137);
  });

  it('pause freezes the cgroup: a busy container gains no CPU time while paused, and runs again after unpause', async () => {
    const { engine, machine } = await harness();
    const id = await create(engine, ['sh', '-c', 'while :; do :; done']);
    await engine.container.containerStart(id, {});
    const dir = `/sys/fs/cgroup/skiff/${id}`;
    expect((await cpuOverWindow(machine, [dir], 1e9)).usedNs[0]).toBeGreaterThan(0.5e9);
    await engine.container.containerPause(id);
    expect((await cpuOverWindow(machine, [dir], 2e9)).usedNs[0]).toBe(0);
    await expect(engine.container.containerPause(id)).rejects.toMatchObject({ kind: 'conflict', message: `Container ${id} is already paused` });
    await expect(engine.container.containerStart(id, {})).rejects.toMatchObject({ kind: 'conflict', message: 'cannot start a paused container, try unpause instead' });
    await expect(engine.container.containerRemove(id, { force: false, removeVolumes: false, removeLink: false })).rejects.toMatchObject({ kind: 'conflict' });
    await engine.container.containerUnpause(id);
    expect((await cpuOverWindow(machine, [dir], 1e9)).usedNs[0]).toBeGreaterThan(0.5e9);
    await expect(engine.container.containerUnpause(id)).rejects.toMatchObject({ kind: 'conflict', message: `Container ${id} is not paused` });
    // stop of a paused container thaws it so the signals land.
    await engine.container.containerPause(id);
    await engine.container.containerStop(id, { timeout: 1 });
    expect((await engine.container.containerInspect(id, { size: false })).State).toMatchObject({ Status: 'exited', ExitCode: 137 });
  });

  it('rename: a taken name is a conflict, the same name or a bad one is refused, the old name is free again', async () => {
    const { engine } = await harness();
    const a = await create(engine, ['true'], {}, 'aa');
    const b = await create(engine, ['true'], {}, 'bb');
    await expect(engine.container.containerRename('aa', 'bb')).rejects.toMatchObject({
      kind: 'conflict', message: `Conflict. The container name "/bb" is already in use by container "${b}". You have to remove (or rename) that container to be able to reuse that name.`,
    });
    await expect(engine.container.containerRename('aa', 'aa')).rejects.toMatchObject({ kind: 'invalid-parameter', message: 'Renaming a container with the same name as its current name' });
    // moby's name pattern: two characters at least, no spaces (for create as for rename).
    for (const bad of ['c', 'no good']) {
      const message = `Invalid container name (${bad}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`;
      await expect(engine.container.containerRename('aa', bad)).rejects.toMatchObject({ kind: 'invalid-parameter', message });
      await expect(create(engine, ['true'], {}, bad)).rejects.toMatchObject({ kind: 'invalid-parameter', message });
    }
    await engine.container.containerRename('aa', '/cc');
    expect((await engine.container.containerInspect('cc', { size: false })).Name).toBe('/cc');
    expect((await engine.container.containerInspect('cc', { size: false })).Id).toBe(a);
    await expect(engine.container.containerInspect('aa', { size: false })).rejects.toMatchObject({ kind: 'not-found' });
    expect(await create(engine, ['true'], {}, 'aa')).not.toBe(a);
  });
});

describe('engine operations: attach', () => {
  it('attach with stdin feeds the container; StdinOnce closes it at EOF and the container ends', async () => {
    const { engine } = await harness();
    const id = await create(engine, ['sh', '-c', 'while read l; do echo "got $l"; echo "err $l" >&2; done; echo bye'], { OpenStdin: true, StdinOnce: true, AttachStdin: true });
    const session = await engine.container.containerAttach(id, { stream: true, stdin: true, stdout: true, stderr: true, logs: false });
    const out = collector(), err = collector();
    const attached = session.run({ stdin: Readable.from([Buffer.from('one\ntwo\n')]), stdout: out.stream, stderr: err.stream }, never);
    await engine.container.containerStart(id, {});
    await attached;
    expect(await exitCode(engine, id)).toBe(0);
    expect(out.text()).toBe('got one\ngot two\nbye\n');
    expect(err.text()).toBe('err one\nerr two\n');
  });

  it('logs=1 replays what the container wrote; stream=0 ends after the replay', async () => {
    const { engine } = await harness();
    const r = await run(engine, ['sh', '-c', 'echo out; echo err >&2']);
    const session = await engine.container.containerAttach(r.id, { stream: false, stdin: false, stdout: true, stderr: true, logs: true });
    const out = collector(), err = collector();
    await session.run({ stdin: null, stdout: out.stream, stderr: err.stream }, never);
    expect([out.text(), err.text()]).toEqual(['out\n', 'err\n']);
  });
});

describe('engine operations: logs', () => {
  it('json-file on disk at LogPath; stdout and stderr kept apart; tail', async () => {
    const { engine } = await harness();
    const r = await run(engine, ['sh', '-c', 'echo 1; echo 2 >&2; echo 3; echo 4 >&2']);
    const { LogPath } = await engine.container.containerInspect(r.id, { size: false });
    const lines = (await readFile(LogPath, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { log: string; stream: string; time: string });
    // Two pipes: the order between stdout and stderr lines is not kept (nor is it by Docker).
    expect(lines.filter((l) => l.stream === 'stdout').map((l) => l.log)).toEqual(['1\n', '3\n']);
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.log)).toEqual(['2\n', '4\n']);
    for (const l of lines) expect(l.time).toMatch(RFC3339);
    expect(await logs(engine, r.id, { stderr: false })).toEqual([['stdout', '1\n'], ['stdout', '3\n']]);
    expect(await logs(engine, r.id, { stdout: false })).toEqual([['stderr', '2\n'], ['stderr', '4\n']]);
    expect(await logs(engine, r.id, { tail: 1 })).toEqual([[lines[3].stream, lines[3].log]]);
    expect(await logs(engine, r.id, { tail: 2, stderr: false })).toEqual([['stdout', '1\n'], ['stdout', '3\n']]);
    expect(await logs(engine, r.id, { tail: 0 })).toEqual([]);
  });

  it('since and until select by the virtual time each line was written', async () => {
    const { engine } = await harness();
    const r = await run(engine, ['sh', '-c', 'echo a; sleep 10; echo b; sleep 10; echo c']);
    const stream = await engine.container.containerLogs(r.id, { follow: false, stdout: true, stderr: true, timestamps: true, details: false }, never);
    const times: number[] = [];
    for await (const e of stream.entries) times.push(Number(parseRfc3339(e.time)!) / 1e9);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(10);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(10);
    const text = async (o: Partial<LogsOptions>) => (await logs(engine, r.id, o)).map(([, t]) => t).join('');
    expect(await text({ since: times[1] - 1 })).toBe('b\nc\n');
    expect(await text({ until: times[1] + 1 })).toBe('a\nb\n');
    expect(await text({ since: times[0] + 1, until: times[2] - 1 })).toBe('b\n');
  });

  it('follow streams new lines while the container runs and ends when it exits', async () => {
    const { engine } = await harness();
    const id = await create(engine, ['sh', '-c', 'echo first; read x; echo "then $x"'], { OpenStdin: true, StdinOnce: true });
    const session = await engine.container.containerAttach(id, { stream: true, stdin: true, stdout: false, stderr: false, logs: false });
    const stdin = new Readable({ read() { /* pushed below */ } });
    void session.run({ stdin, stdout: null, stderr: null }, never);
    await engine.container.containerStart(id, {});
    const stream = await engine.container.containerLogs(id, { follow: true, stdout: true, stderr: true, timestamps: false, details: false }, never);
    const seen: string[] = [];
    for await (const e of stream.entries) {
      seen.push(String(e.data));
      if (seen.length === 1) { stdin.push('more\n'); stdin.push(null); }
    }
    expect(seen).toEqual(['first\n', 'then more\n']);
  });
});

describe('engine operations: commit', () => {
  it('commit applies changes, keeps the message and author, and pauses a running container only while it copies', async () => {
    const { engine } = await harness();
    const id = await startCat(engine, ['sh', '-c', 'echo data > /srv; exec cat']);
    await new Promise((r) => setTimeout(r, 20));
    const { Id } = await engine.image.imageCommit({
      container: id, repo: 'withchanges', tag: '', pause: true, comment: 'snapshot', author: 'me <me@example.com>',
      changes: ['ENV MODE=prod', 'WORKDIR /srv-dir', 'LABEL stage=two', 'CMD ["cat", "/srv"]', 'EXPOSE 8080'], config: {},
    });
    const img = await engine.image.imageInspect('withchanges:latest');
    expect(img.Id).toBe(Id);
    expect(img).toMatchObject({ Comment: 'snapshot', Author: 'me <me@example.com>' });
    expect(img.Config).toMatchObject({ Cmd: ['cat', '/srv'], WorkingDir: '/srv-dir', Labels: { stage: 'two' }, ExposedPorts: { '8080/tcp': {} } });
    expect(img.Config.Env).toContain('MODE=prod');
    expect((await engine.container.containerInspect(id, { size: false })).State.Status).toBe('running');
    const r = await run(engine, [], { Image: 'withchanges', Cmd: null });
    expect(r).toMatchObject({ code: 0, stdout: 'data\n' });
    await expect(engine.image.imageCommit({ container: id, pause: false, changes: ['BOGUS x'], config: {} })).rejects.toMatchObject({ kind: 'invalid-parameter' });
    await engine.container.containerKill(id, 'KILL');
  });
});
