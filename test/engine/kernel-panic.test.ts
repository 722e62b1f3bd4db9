// A kernel panic on the engine's machine (a --privileged container writing `c` to
// /proc/sysrq-trigger) kills every container at once; the engine records them as gone with the
// host (exit 255), saves their writable layers from the dead kernel, boots a fresh kernel and
// runs the restart policies there.
import { describe, expect, it } from 'vitest';
import type { EventMessage } from '../../src/api/index.js';
import type { Engine } from '../../src/engine/index.js';
import { collector, harness, run } from './harness.js';

const never = new AbortController().signal;

/** A container kept up by `cat` on an open stdin (no timers: the virtual clock cannot skip it). */
async function startCat(engine: Engine, name: string, policy: string, script = 'exec cat'): Promise<string> {
  const { Id } = await engine.container.containerCreate({ name, config: { Image: 'busybox', Cmd: ['sh', '-c', script], OpenStdin: true, HostConfig: { RestartPolicy: { Name: policy } } } });
  await engine.container.containerStart(Id, {});
  return Id;
}

/** Resolves once `cond` holds, polling in real time (no kernel timers while the engine waits out a back-off). */
async function until(cond: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 2000 && !(await cond()); i++) await new Promise((r) => setTimeout(r, 5));
  expect(await cond()).toBe(true);
}

/** `docker exec` collecting stdout. */
async function exec(engine: Engine, id: string, cmd: string[]): Promise<string> {
  const { Id } = await engine.exec.execCreate(id, { Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const out = collector();
  await (await engine.exec.execStart(Id, { tty: false })).run({ stdin: null, stdout: out.stream, stderr: out.stream }, never);
  return out.text();
}

describe('engine: kernel panic', () => {
  it('kills every container, the engine moves to a fresh kernel and restart policies bring containers back', async () => {
    const h = await harness();
    const events: string[] = [];
    const ac = new AbortController();
    void (async () => {
      for await (const e of h.engine.system.subscribeEvents({}, ac.signal) as AsyncIterable<EventMessage>) {
        if (e.Action === 'die' || e.Action === 'start') events.push(`${e.Action} ${e.Actor.Attributes.name} ${e.Actor.Attributes.exitCode ?? ''}`.trim());
      }
    })().catch(() => undefined);
    const always = await startCat(h.engine, 'always', 'always', 'echo run >> /runs; exec cat');
    await startCat(h.engine, 'bystander', 'no');
    await h.machine.run(['/bin/sleep', '100']); // the old kernel has been up for 100s
    const oldMachine = h.machine;
    expect(oldMachine.kernel.panicked).toBeUndefined();

    const crash = await run(h.engine, ['sh', '-c', 'echo c > /proc/sysrq-trigger; echo survived'], { HostConfig: { Privileged: true } }, 'crasher');
    expect(crash).toMatchObject({ code: 255, stdout: '' });
    expect(oldMachine.kernel.panicked).toBe('sysrq triggered crash');
    const bystander = (await h.engine.container.containerInspect('bystander', { size: false })).State;
    expect(bystander).toMatchObject({ Status: 'exited', Running: false, ExitCode: 255, Error: '' });

    await until(async () => (await h.engine.container.containerInspect('always', { size: false })).State.Status === 'running');
    expect(h.machine).not.toBe(oldMachine);
    expect(h.machine.kernel.panicked).toBeUndefined();
    const ins = await h.engine.container.containerInspect('always', { size: false });
    expect([ins.State.Status, ins.RestartCount]).toEqual(['running', 1]);
    // Its writable layer came over from the dead kernel: the file of the first run, plus this run's line.
    expect(await exec(h.engine, always, ['cat', '/runs'])).toBe('run\nrun\n');
    const uptime = Number((await exec(h.engine, always, ['cat', '/proc/uptime'])).split(' ')[0]);
    expect(uptime).toBeLessThan(100);
    // The --restart no containers stay down; start works on the new kernel.
    expect((await h.engine.container.containerInspect('bystander', { size: false })).State).toMatchObject({ Status: 'exited', ExitCode: 255 });
    expect((await h.engine.container.containerInspect('crasher', { size: false })).State).toMatchObject({ Status: 'exited', ExitCode: 255 });
    await h.engine.container.containerStart('bystander', {});
    expect((await h.engine.container.containerInspect('bystander', { size: false })).State.Status === 'running').toBe(true);
    ac.abort();
    expect(events.filter((e) => e.startsWith('die')).sort()).toEqual(['die always 255', 'die bystander 255', 'die crasher 255']);
    expect(events.filter((e) => e === 'start always')).toHaveLength(2);
  });

  it('a second panic, on the fresh kernel, reboots again', async () => {
    const h = await harness();
    await startCat(h.engine, 'always', 'always');
    const first = h.machine;
    await run(h.engine, ['sh', '-c', 'echo c > /proc/sysrq-trigger'], { HostConfig: { Privileged: true } });
    await until(async () => (await h.engine.container.containerInspect('always', { size: false })).State.Status === 'running');
    const second = h.machine;
    expect(second).not.toBe(first);
    await run(h.engine, ['sh', '-c', 'echo c > /proc/sysrq-trigger'], { HostConfig: { Privileged: true } });
    await until(async () => (await h.engine.container.containerInspect('always', { size: false })).State.Status === 'running' && h.machine !== second);
    expect(second.kernel.panicked).toBe('sysrq triggered crash');
    expect((await h.engine.container.containerInspect('always', { size: false })).RestartCount).toBe(2);
  });

  it('an unprivileged container cannot panic the kernel', async () => {
    const h = await harness();
    const r = await run(h.engine, ['sh', '-c', 'echo c > /proc/sysrq-trigger']);
    expect(r.code).not.toBe(0);
    expect(h.machine.kernel.panicked).toBeUndefined();
  });
});
