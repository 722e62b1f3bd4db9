// Restart policies on the virtual clock: on-failure:N with Docker's back-off (100ms doubling,
// reset after a 10s run), always until docker stop (also during the back-off), unless-stopped
// after a kill, and rm of a restarting container.
import { describe, expect, it } from 'vitest';
import type { EventMessage, HostConfig } from '../../src/api/index.js';
import type { Engine } from '../../src/engine/index.js';
import { harness } from './harness.js';

const never = new AbortController().signal;

/** Records the container's start/die/stop events with their (virtual) times in ms. */
function record(engine: Engine): { events: { action: string; ms: number }[]; stop(): void } {
  const ac = new AbortController();
  const events: { action: string; ms: number }[] = [];
  void (async () => {
    for await (const e of engine.system.subscribeEvents({}, ac.signal) as AsyncIterable<EventMessage>) {
      if (['start', 'die', 'stop'].includes(e.Action)) events.push({ action: e.Action, ms: e.timeNano / 1e6 });
    }
  })().catch(() => undefined);
  return { events, stop: () => ac.abort() };
}

/** Gaps (whole ms) between each die and the following start (the start itself costs well under 1ms of CPU). */
function backoffs(events: { action: string; ms: number }[]): number[] {
  const out: number[] = [];
  events.forEach((e, i) => {
    const next = events[i + 1];
    if (e.action === 'die' && next?.action === 'start') out.push(Math.floor(next.ms - e.ms));
  });
  return out;
}

async function create(engine: Engine, cmd: string, hc: HostConfig): Promise<string> {
  const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['sh', '-c', cmd], HostConfig: hc } });
  return Id;
}

/** Runs `/bin/sleep secs` on the machine: lets the virtual clock advance by at least that much. */
async function pass(h: Awaited<ReturnType<typeof harness>>, secs: number): Promise<void> {
  await h.machine.run(['/bin/sleep', String(secs)]);
}

/**
 * Resolves once `cond` holds, polling in real time. Tests must not start kernel timers while the
 * engine waits out a back-off: the virtual clock would jump to them during the engine's disk I/O.
 */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(cond()).toBe(true);
}

const starts = (events: { action: string }[]) => events.filter((e) => e.action === 'start').length;

describe('engine: restart policies', () => {
  it('on-failure:5 restarts with 100ms, 200ms back-off, reset to 100ms after a run of 10s, and gives up after 5', async () => {
    const h = await harness();
    const rec = record(h.engine);
    // Runs 1, 2 fail at once; run 3 fails after 11s; runs 4, 5, 6 fail at once. The count lives in the upper dir.
    const id = await create(h.engine, 'n=$(cat /n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /n; [ $n = 3 ] && sleep 11; exit 2', { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 } });
    await h.engine.container.containerStart(id, {});
    const wait = await h.engine.container.containerWait(id, 'not-running', never);
    expect((await wait.result).StatusCode).toBe(2);
    rec.stop();
    expect(starts(rec.events)).toBe(6);
    expect(backoffs(rec.events)).toEqual([100, 200, 100, 200, 400]);
    const ins = await h.engine.container.containerInspect(id, { size: false });
    expect(ins.RestartCount).toBe(5);
    expect(ins.State).toMatchObject({ Status: 'exited', Running: false, Restarting: false, ExitCode: 2 });
  });

  it('on-failure does not restart after exit 0; no policy never restarts', async () => {
    const h = await harness();
    const rec = record(h.engine);
    for (const [cmd, hc] of [['exit 0', { RestartPolicy: { Name: 'on-failure' } }], ['exit 1', {}]] as const) {
      const id = await create(h.engine, cmd, hc);
      const wait = await h.engine.container.containerWait(id, 'next-exit', never);
      await h.engine.container.containerStart(id, {});
      await wait.result;
      await (await h.engine.container.containerWait(id, 'not-running', never)).result;
      expect((await h.engine.container.containerInspect(id, { size: false })).RestartCount).toBe(0);
    }
    await pass(h, 1);
    rec.stop();
    expect(rec.events.map((e) => e.action)).toEqual(['start', 'die', 'start', 'die']);
  });

  it('always restarts after exit 0 (100, 200, 400 ms) until docker stop', async () => {
    const h = await harness();
    const rec = record(h.engine);
    // Runs 1-3 exit 0 at once, run 4 stays up (cat on an open stdin: no timers).
    const { Id: id } = await h.engine.container.containerCreate({ config: {
      Image: 'busybox', OpenStdin: true, HostConfig: { RestartPolicy: { Name: 'always' } },
      Cmd: ['sh', '-c', 'n=$(cat /n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /n; [ $n -ge 4 ] && exec cat; exit 0'],
    } });
    await h.engine.container.containerStart(id, {});
    await until(() => starts(rec.events) === 4);
    expect(backoffs(rec.events)).toEqual([100, 200, 400]);
    expect((await h.engine.container.containerInspect(id, { size: false })).State).toMatchObject({ Status: 'running', Running: true, Restarting: false });
    await h.engine.container.containerStop(id, { timeout: 1 });
    await pass(h, 5);
    rec.stop();
    expect(starts(rec.events)).toBe(4);
    const s = await h.engine.container.containerInspect(id, { size: false });
    expect([s.State.Status, s.State.ExitCode, s.RestartCount]).toEqual(['exited', 137, 3]);
  });

  it('a container waiting out its back-off shows as restarting; stop cancels the restart, rm needs -f', async () => {
    const h = await harness();
    const rec = record(h.engine);
    const seen: string[] = [];
    const ac = new AbortController();
    const id = await create(h.engine, 'exit 1', { RestartPolicy: { Name: 'always' } });
    let dies = 0;
    let acted: Promise<unknown> = Promise.resolve();
    // Act on the die event itself: the engine is still saving state, before its back-off timer.
    void (async () => {
      for await (const e of h.engine.system.subscribeEvents({}, ac.signal) as AsyncIterable<EventMessage>) {
        if (e.Action !== 'die') continue;
        dies++;
        if (dies === 2) {
          const ins = await h.engine.container.containerInspect(id, { size: false });
          seen.push(`${ins.State.Status} ${ins.State.Running} ${ins.State.Restarting} ${ins.State.Pid}`);
          seen.push((await h.engine.container.containerList({ size: false }))[0].Status);
          await h.engine.exec.execCreate(id, { Cmd: ['true'] }).catch((err: Error) => seen.push(err.message));
          acted = h.engine.container.containerRemove(id, { force: false, removeVolumes: false, removeLink: false }).catch((err: Error) => seen.push(err.message));
        }
        if (dies === 3) acted = h.engine.container.containerStop(id, {});
      }
    })().catch(() => undefined);
    await h.engine.container.containerStart(id, {});
    await until(() => dies === 3);
    await acted;
    await (await h.engine.container.containerWait(id, 'not-running', never)).result;
    await pass(h, 5);
    ac.abort();
    rec.stop();
    expect(seen).toEqual(['restarting true true 0', 'Restarting (1) Less than a second ago', `Container ${id} is restarting, wait until the container is running`, `cannot remove container "/${(await h.engine.container.containerInspect(id, { size: false })).Name.slice(1)}": container is restarting: stop the container before removing or force remove`]);
    expect(starts(rec.events)).toBe(3);
    expect((await h.engine.container.containerInspect(id, { size: false })).State).toMatchObject({ Status: 'exited', Restarting: false, ExitCode: 1 });
    await h.engine.container.containerRemove(id, { force: true, removeVolumes: false, removeLink: false });
  });

  it('unless-stopped stays down after a kill with another signal; always comes back', async () => {
    const h = await harness();
    const rec = record(h.engine);
    const trap = 'trap "exit 3" USR1; while true; do sleep 1; done';
    const a = await create(h.engine, trap, { RestartPolicy: { Name: 'always' } });
    const u = await create(h.engine, trap, { RestartPolicy: { Name: 'unless-stopped' } });
    for (const id of [a, u]) await h.engine.container.containerStart(id, {});
    const waitU = await h.engine.container.containerWait(u, 'not-running', never);
    for (const id of [a, u]) await h.engine.container.containerKill(id, 'USR1');
    expect((await waitU.result).StatusCode).toBe(3);
    await until(() => starts(rec.events) === 3);
    const sa = await h.engine.container.containerInspect(a, { size: false });
    const su = await h.engine.container.containerInspect(u, { size: false });
    expect([sa.State.Status, sa.RestartCount]).toEqual(['running', 1]);
    expect([su.State.Status, su.State.ExitCode, su.RestartCount]).toEqual(['exited', 3, 0]);
    await h.engine.container.containerKill(a, 'KILL');
    await (await h.engine.container.containerWait(a, 'not-running', never)).result;
    rec.stop();
    expect((await h.engine.container.containerInspect(a, { size: false })).State).toMatchObject({ Status: 'exited', ExitCode: 137 });
  });
});
