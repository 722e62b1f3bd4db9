// The engine end to end on a booted kernel: docker run's critical path (create, attach, wait,
// start, logs, inspect, list, rm) with busybox from the built-in catalogue.
import { describe, expect, it } from 'vitest';
import { harness, run } from './harness.js';

describe('engine: run', () => {
  it('runs busybox echo hi: output, exit code, json-file logs, inspect and list', async () => {
    const { engine } = await harness();
    const r = await run(engine, ['echo', 'hi']);
    expect(r).toMatchObject({ stdout: 'hi\n', stderr: '', code: 0 });
    const logs = await engine.container.containerLogs(r.id, { follow: false, stdout: true, stderr: true, timestamps: false, details: false }, new AbortController().signal);
    const entries = [];
    for await (const e of logs.entries) entries.push(e);
    expect(entries.map((e) => [e.stream, e.data])).toEqual([['stdout', 'hi\n']]);
    expect(entries[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const info = await engine.container.containerInspect(r.id, { size: false });
    expect(info.State).toMatchObject({ Status: 'exited', Running: false, ExitCode: 0, Pid: 0, OOMKilled: false });
    expect(info.State.StartedAt).not.toBe('0001-01-01T00:00:00Z');
    expect(info.Path).toBe('echo');
    expect(info.Args).toEqual(['hi']);
    expect(info.Name).toMatch(/^\/[a-z]+_[a-z]+$/);
    const list = await engine.container.containerList({ size: false });
    expect(list.map((c) => [c.Id, c.State, c.Status])).toEqual([[r.id, 'exited', expect.stringMatching(/^Exited \(0\) .* ago$/)]]);
  });

  it('hostname is the short ID and ls / shows the image root', async () => {
    const { engine } = await harness();
    const h = await run(engine, ['hostname']);
    expect(h.stdout).toBe(`${h.id.slice(0, 12)}\n`);
    const ls = await run(engine, ['ls', '/']);
    expect(ls.stdout.split(/\s+/).filter(Boolean).sort()).toEqual(['bin', 'dev', 'etc', 'home', 'lib', 'proc', 'root', 'sys', 'tmp', 'usr', 'var']);
  });

  it('a missing program fails the start with runc\'s message and exit code 127', async () => {
    const { engine } = await harness();
    const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['nosuch'] } });
    await expect(engine.container.containerStart(Id, {})).rejects.toMatchObject({
      kind: 'invalid-parameter', message: expect.stringContaining('exec: "nosuch": executable file not found in $PATH'),
    });
    expect((await engine.container.containerInspect(Id, { size: false })).State).toMatchObject({ Status: 'created', ExitCode: 127 });
  });

  it('--rm removes the container after exit and the removed wait gets the exit code', async () => {
    const { engine } = await harness();
    const r = await run(engine, ['ls', '/nonexistent'], { HostConfig: { AutoRemove: true } });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('nonexistent');
    await expect(engine.container.containerInspect(r.id, { size: false })).rejects.toMatchObject({ kind: 'not-found', message: `No such container: ${r.id}` });
  });

  it('names are unique: a second create with the same name is a conflict with Docker\'s text', async () => {
    const { engine } = await harness();
    const { Id } = await engine.container.containerCreate({ name: 'web', config: { Image: 'busybox', Cmd: ['true'] } });
    await expect(engine.container.containerCreate({ name: 'web', config: { Image: 'busybox', Cmd: ['true'] } })).rejects.toMatchObject({
      kind: 'conflict',
      message: `Conflict. The container name "/web" is already in use by container "${Id}". You have to remove (or rename) that container to be able to reuse that name.`,
    });
    await expect(engine.container.containerCreate({ config: { Image: 'nope', Cmd: ['true'] } })).rejects.toMatchObject({ kind: 'not-found', message: 'No such image: nope:latest' });
  });
});
