// Health checks on the virtual clock: probes run through exec every interval; State.Health,
// the ps status suffix and health_status events follow moby (starting → unhealthy after
// Retries failures → healthy after a success; timeouts; start period; no check, no Health).
import { describe, expect, it } from 'vitest';
import type { ContainerCreateRequest, EventMessage } from '../../src/api/index.js';
import { goDuration, probeCommand } from '../../src/engine/container/health.js';
import type { Engine } from '../../src/engine/index.js';
import { harness } from './harness.js';

const s = 1e9;

async function startWith(engine: Engine, extra: Partial<ContainerCreateRequest>): Promise<string> {
  const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['cat'], OpenStdin: true, ...extra } });
  await engine.container.containerStart(Id, {});
  return Id;
}

/** Lets the virtual clock advance by `secs` (a sleeping process on the machine). */
async function pass(h: Awaited<ReturnType<typeof harness>>, secs: number): Promise<void> {
  await h.machine.run(['/bin/sleep', String(secs)]);
}

async function exec(engine: Engine, id: string, cmd: string[]): Promise<void> {
  const { Id } = await engine.exec.execCreate(id, { Cmd: cmd });
  await (await engine.exec.execStart(Id, { tty: false })).run({ stdin: null, stdout: null, stderr: null }, new AbortController().signal);
}

describe('engine: health checks', () => {
  it('starting, unhealthy after Retries failures, healthy after a success; shown in inspect, ps and events', async () => {
    const h = await harness();
    const ac = new AbortController();
    const statuses: string[] = [];
    void (async () => {
      for await (const e of h.engine.system.subscribeEvents({}, ac.signal) as AsyncIterable<EventMessage>) {
        if (e.Action.startsWith('health_status')) statuses.push(e.Action);
      }
    })().catch(() => undefined);
    const id = await startWith(h.engine, { Healthcheck: { Test: ['CMD-SHELL', 'cat /tmp/ok'], Interval: 1 * s, Retries: 2 } });
    const first = await h.engine.container.containerInspect(id, { size: false });
    expect(first.State.Health).toEqual({ Status: 'starting', FailingStreak: 0, Log: [] });
    expect((await h.engine.container.containerList({ size: false }))[0].Status).toBe('Up Less than a second (health: starting)');

    await pass(h, 2.5);
    const bad = (await h.engine.container.containerInspect(id, { size: false })).State.Health!;
    expect(bad.Status).toBe('unhealthy');
    expect(bad.FailingStreak).toBeGreaterThanOrEqual(2);
    expect(bad.Log[bad.Log.length - 1]).toMatchObject({ ExitCode: 1, Output: 'cat: can\'t open \'/tmp/ok\': No such file or directory\n' });
    expect((await h.engine.container.containerList({ size: false }))[0].Status).toMatch(/^Up \d+ seconds \(unhealthy\)$/);

    await exec(h.engine, id, ['sh', '-c', 'echo fine > /tmp/ok']);
    await pass(h, 1.5);
    const good = (await h.engine.container.containerInspect(id, { size: false })).State.Health!;
    expect(good).toMatchObject({ Status: 'healthy', FailingStreak: 0 });
    expect(good.Log[good.Log.length - 1]).toMatchObject({ ExitCode: 0, Output: 'fine\n' });
    expect(good.Log.length).toBeLessThanOrEqual(5);
    expect((await h.engine.container.containerList({ size: false }))[0].Status).toMatch(/\(healthy\)$/);

    await pass(h, 6);
    expect((await h.engine.container.containerInspect(id, { size: false })).State.Health!.Log).toHaveLength(5);
    ac.abort();
    expect(statuses).toEqual(['health_status: unhealthy', 'health_status: healthy']);
  });

  it('a probe that outlives --health-timeout counts as a failure with exit code -1', async () => {
    const h = await harness();
    const id = await startWith(h.engine, { Healthcheck: { Test: ['CMD', 'sleep', '100'], Interval: 1 * s, Timeout: 2 * s, Retries: 1 } });
    await pass(h, 3.5);
    const health = (await h.engine.container.containerInspect(id, { size: false })).State.Health!;
    expect(health.Status).toBe('unhealthy');
    expect(health.Log[0]).toMatchObject({ ExitCode: -1, Output: 'Health check exceeded timeout (2s)' });
  });

  it('failures inside --health-start-period do not count; no healthcheck or NONE means no Health', async () => {
    const h = await harness();
    const id = await startWith(h.engine, { Healthcheck: { Test: ['CMD', 'false'], Interval: 1 * s, Retries: 1, StartPeriod: 10 * s, StartInterval: 1 * s } });
    await pass(h, 3.5);
    const health = (await h.engine.container.containerInspect(id, { size: false })).State.Health!;
    expect(health).toMatchObject({ Status: 'starting', FailingStreak: 0 });
    expect(health.Log.length).toBeGreaterThanOrEqual(3);
    const plain = await startWith(h.engine, {});
    const none = await startWith(h.engine, { Healthcheck: { Test: ['NONE'] } });
    for (const c of [plain, none]) expect((await h.engine.container.containerInspect(c, { size: false })).State.Health).toBeUndefined();
  });

  it('parses Test forms and prints Go durations', () => {
    expect(probeCommand({ Test: ['CMD-SHELL', 'curl -f x || exit 1'] })).toEqual(['/bin/sh', '-c', 'curl -f x || exit 1']);
    expect(probeCommand({ Test: ['CMD', 'true'] })).toEqual(['true']);
    expect(probeCommand({ Test: ['NONE'] })).toBeUndefined();
    expect(probeCommand(null)).toBeUndefined();
    expect([goDuration(30e9), goDuration(90e9), goDuration(5e8)]).toEqual(['30s', '1m30s', '500ms']);
  });
});
