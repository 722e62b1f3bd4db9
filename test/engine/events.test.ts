// The engine's events with moby's actions, actors and attributes: a container's whole life
// (create … destroy), exec, commit, and image pull/tag/untag/delete.
import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../src/api/index.js';
import type { Engine } from '../../src/engine/index.js';
import { harness, run } from './harness.js';

const never = new AbortController().signal;

/** Collects events while `fn` runs (the engine emits each before the operation returns). */
async function eventsOf(engine: Engine, fn: () => Promise<void>): Promise<EventMessage[]> {
  const seen: EventMessage[] = [];
  const ac = new AbortController();
  const reading = (async () => {
    for await (const e of engine.system.subscribeEvents({}, ac.signal)) seen.push(e);
  })().catch(() => undefined);
  await fn();
  await new Promise((r) => setTimeout(r, 10));
  ac.abort();
  await reading;
  return seen;
}

const brief = (e: EventMessage) => [e.Type, e.Action, e.Actor.ID, e.Actor.Attributes] as const;

describe('engine events', () => {
  it('a container\'s life: create, attach, start, kill (signal), die (exitCode), stop, pause, unpause, rename, restart, destroy', async () => {
    const { engine } = await harness();
    let id = '';
    const seen = await eventsOf(engine, async () => {
      ({ Id: id } = await engine.container.containerCreate({ name: 'life', config: { Image: 'busybox', Cmd: ['cat'], OpenStdin: true, Labels: { app: 'x' } } }));
      const session = await engine.container.containerAttach(id, { stream: true, stdin: false, stdout: true, stderr: true, logs: false });
      void session.run({ stdin: null, stdout: null, stderr: null }, never);
      await engine.container.containerStart(id, {});
      await engine.container.containerPause(id);
      await engine.container.containerUnpause(id);
      await engine.container.containerRename('life', 'renamed');
      await engine.container.containerStop(id, { timeout: 1 });
      await engine.container.containerRestart(id, { timeout: 1 });
      await engine.container.containerKill(id, 'KILL');
      await (await engine.container.containerWait(id, 'not-running', never)).result;
      await engine.container.containerRemove(id, { force: false, removeVolumes: true, removeLink: false });
    });
    const attrs = (name: string, extra: Record<string, string> = {}) => ({ app: 'x', image: 'busybox', name, ...extra });
    expect(seen.map(brief)).toEqual([
      ['container', 'create', id, attrs('life')],
      ['container', 'attach', id, attrs('life')],
      ['container', 'start', id, attrs('life')],
      ['container', 'pause', id, attrs('life')],
      ['container', 'unpause', id, attrs('life')],
      ['container', 'rename', id, attrs('renamed', { oldName: '/life' })],
      ['container', 'kill', id, attrs('renamed', { signal: '15' })],
      ['container', 'kill', id, attrs('renamed', { signal: '9' })],
      ['container', 'die', id, attrs('renamed', { exitCode: '137', execDuration: '1' })], // the 1s grace period
      ['container', 'stop', id, attrs('renamed')],
      ['container', 'start', id, attrs('renamed')],
      ['container', 'restart', id, attrs('renamed')],
      ['container', 'kill', id, attrs('renamed', { signal: '9' })],
      ['container', 'die', id, attrs('renamed', { exitCode: '137', execDuration: '0' })],
      ['container', 'destroy', id, attrs('renamed')],
    ]);
    for (const e of seen) {
      expect(e.scope).toBe('local');
      expect(e.id).toBe(id);
      expect(e.status).toBe(e.Action);
      expect(e.from).toBe('busybox');
      expect(e.timeNano).toBeGreaterThanOrEqual(e.time * 1e9);
    }
  });

  it('exec_create, exec_start and exec_die carry the command and execID; exec_die the exit code', async () => {
    const { engine } = await harness();
    const { Id: id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['cat'], OpenStdin: true } });
    await engine.container.containerStart(id, {});
    let execId = '';
    const seen = await eventsOf(engine, async () => {
      ({ Id: execId } = await engine.exec.execCreate(id, { Cmd: ['sh', '-c', 'exit 4'], AttachStdout: true }));
      const s = await engine.exec.execStart(execId, { tty: false });
      await s.run({ stdin: null, stdout: null, stderr: null }, never);
    });
    expect(seen.map((e) => [e.Action, e.Actor.Attributes.execID, e.Actor.Attributes.exitCode])).toEqual([
      ['exec_create: sh -c exit 4', execId, undefined],
      ['exec_start: sh -c exit 4', execId, undefined],
      ['exec_die', execId, '4'],
    ]);
  });

  it('commit emits a tag for the new name, then commit with comment, imageID and imageRef', async () => {
    const { engine } = await harness();
    const r = await run(engine, ['touch', '/x']);
    let imageId = '';
    const seen = await eventsOf(engine, async () => {
      ({ Id: imageId } = await engine.image.imageCommit({ container: r.id, repo: 'snap', tag: 'v1', pause: false, changes: [], config: {}, comment: 'first' }));
    });
    expect(seen.map(brief)).toEqual([
      ['image', 'tag', imageId, { name: 'snap:v1' }],
      ['container', 'commit', r.id, expect.objectContaining({ comment: 'first', imageID: imageId, imageRef: 'snap:v1', image: 'busybox' })],
    ]);
    expect((await engine.image.imageInspect('snap:v1')).Comment).toBe('first');
  });

  it('image pull, tag, untag and delete with moby\'s actors and names', async () => {
    const { engine } = await harness();
    const busybox = (await engine.image.imageInspect('busybox')).Id;
    const seen = await eventsOf(engine, async () => {
      for await (const _ of await engine.image.imagePull({ fromImage: 'docker.io/library/busybox', tag: 'latest' }, never)) { /* drain */ }
      await engine.image.imageTag('busybox', 'mybox', 'v2');
      await engine.image.imageRemove('mybox:v2', { force: false, noPrune: false });
      await engine.image.imageRemove('busybox', { force: false, noPrune: false });
    });
    expect(seen.slice(0, 5).map(brief)).toEqual([
      ['image', 'pull', 'busybox:latest', { name: 'busybox' }],
      ['image', 'tag', busybox, { name: 'mybox:v2' }],
      ['image', 'untag', busybox, { name: busybox }],
      ['image', 'untag', busybox, { name: busybox }],
      ['image', 'delete', busybox, { name: busybox }],
    ]);
    // Parents left dangling go too, each with its own delete event.
    for (const e of seen.slice(5)) expect([e.Action, e.Actor.Attributes.name]).toEqual(['delete', e.Actor.ID]);
  });
});
