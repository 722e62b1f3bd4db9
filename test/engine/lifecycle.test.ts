// Container lifecycle on a booted kernel: stop's grace period on the virtual clock, kill,
// rm -f, restart, pause, users without root's rights, persistence across an engine restart.
import { describe, expect, it } from 'vitest';
import { parseRfc3339 } from '../../src/engine/util/time-format.js';
import { harness, run } from './harness.js';

const never = new AbortController().signal;

/**
 * Starts a detached container. The virtual clock jumps over idle time, so a container that must
 * stay up runs `cat` on an open stdin: it blocks without a timer until it is killed.
 */
async function startDetached(engine: Awaited<ReturnType<typeof harness>>['engine'], cmd: string[], name?: string): Promise<string> {
  const { Id } = await engine.container.containerCreate({ name, config: { Image: 'busybox', Cmd: cmd, OpenStdin: true } });
  await engine.container.containerStart(Id, {});
  return Id;
}

describe('engine: lifecycle', () => {
  it('stop sends SIGTERM, waits the grace period on the machine clock, then SIGKILL (PID 1 without a handler ignores TERM)', async () => {
    const { engine } = await harness();
    const id = await startDetached(engine, ['cat']);
    const seen: string[] = [];
    const ac = new AbortController();
    const events = (async () => {
      for await (const e of engine.system.subscribeEvents({}, ac.signal)) {
        seen.push(e.Action === 'kill' ? `kill ${e.Actor.Attributes.signal}` : e.Action);
        if (e.Action === 'stop') break;
      }
    })();
    await engine.container.containerStop(id, { timeout: 3 });
    ac.abort();
    await events;
    const s = (await engine.container.containerInspect(id, { size: false })).State;
    expect(s).toMatchObject({ Status: 'exited', ExitCode: 137, Running: false });
    const ran = Number(parseRfc3339(s.FinishedAt)! - parseRfc3339(s.StartedAt)!) / 1e9;
    expect(ran).toBeGreaterThanOrEqual(3);
    expect(ran).toBeLessThan(3.5);
    expect(seen).toEqual(['kill 15', 'kill 9', 'die', 'stop']);
    await expect(engine.container.containerStop(id, {})).rejects.toMatchObject({ kind: 'not-modified' });
    await expect(engine.container.containerKill(id, 'SIGKILL')).rejects.toMatchObject({ kind: 'conflict', message: `container ${id} is not running` });
  });

  it('rm refuses a running container, rm -f kills and removes it', async () => {
    const { engine } = await harness();
    const id = await startDetached(engine, ['cat'], 'web');
    await expect(engine.container.containerRemove('web', { force: false, removeVolumes: false, removeLink: false })).rejects.toMatchObject({
      kind: 'conflict', message: 'cannot remove container "/web": container is running: stop the container before removing or force remove',
    });
    const wait = await engine.container.containerWait('web', 'removed', never);
    await engine.container.containerRemove('web', { force: true, removeVolumes: false, removeLink: false });
    expect((await wait.result).StatusCode).toBe(137);
    await expect(engine.container.containerInspect(id, { size: false })).rejects.toMatchObject({ kind: 'not-found' });
    expect(await engine.container.containerList({ size: false })).toEqual([]);
  });

  it('restart runs the command again; logs keep both runs; rename and pause work', async () => {
    const { engine } = await harness();
    const r = await run(engine, ['echo', 'again'], {}, 'first');
    await engine.container.containerRestart(r.id, { timeout: 1 });
    const w = await engine.container.containerWait(r.id, 'not-running', never);
    await w.result;
    const logs = await engine.container.containerLogs(r.id, { follow: false, stdout: true, stderr: true, timestamps: false, details: false }, never);
    const lines = [];
    for await (const e of logs.entries) lines.push(e.data);
    expect(lines).toEqual(['again\n', 'again\n']);
    await engine.container.containerRename('first', 'second');
    expect((await engine.container.containerInspect('second', { size: false })).Name).toBe('/second');
    const id = await startDetached(engine, ['cat']);
    await engine.container.containerPause(id);
    expect((await engine.container.containerInspect(id, { size: false })).State).toMatchObject({ Status: 'paused', Paused: true, Running: true });
    await engine.container.containerUnpause(id);
    expect((await engine.container.containerInspect(id, { size: false })).State.Status).toBe('running');
    await engine.container.containerKill(id, 'KILL');
    expect((await (await engine.container.containerWait(id, 'not-running', never)).result).StatusCode).toBe(137);
  });

  it('-u 65534 cannot write root\'s files; root can', async () => {
    const { engine } = await harness();
    const nobody = await run(engine, ['touch', '/root/x'], { User: '65534' });
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('Permission denied');
    const id = await run(engine, ['id'], { User: 'nobody' });
    expect(id.stdout).toContain('uid=65534');
    const root = await run(engine, ['touch', '/root/x']);
    expect(root.code).toBe(0);
  });

  it('a new engine on the same data root reloads containers; running ones come back exited (255, the host went down)', async () => {
    const h = await harness();
    const done = await run(h.engine, ['echo', 'persisted'], {}, 'done');
    await startDetached(h.engine, ['cat'], 'busy');
    const again = await h.restart();
    const list = await again.container.containerList({ size: false });
    expect(list.map((c) => [c.Names[0], c.State]).sort()).toEqual([['/busy', 'exited'], ['/done', 'exited']]);
    expect((await again.container.containerInspect('busy', { size: false })).State.ExitCode).toBe(255);
    const order = async (e: typeof again) => (await e.container.containerList({ size: false })).map((c) => c.Names[0]);
    for (const n of ['order-a', 'order-b', 'order-c', 'order-d']) await again.container.containerCreate({ name: n, config: { Image: 'busybox', Cmd: ['true'] } });
    const before = await order(again);
    expect(before).toEqual(['/done', '/busy', '/order-a', '/order-b', '/order-c', '/order-d']); // creation order, as the store keeps it
    expect(await order(await h.restart())).toEqual(before);
    const logs = await again.container.containerLogs(done.id, { follow: false, stdout: true, stderr: true, timestamps: false, details: false }, never);
    const lines = [];
    for await (const e of logs.entries) lines.push(e.data);
    expect(lines).toEqual(['persisted\n']);
  });
});

describe('engine: cgroups, top and stats', () => {
  it('writes the limits into the container cgroup, lists its process, freezes it and reports stats', async () => {
    const { engine, machine } = await harness();
    const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['cat'], OpenStdin: true, HostConfig: { Memory: 64 << 20, PidsLimit: 5, NanoCpus: 5e8 } } });
    await engine.container.containerStart(Id, {});
    const dir = `/sys/fs/cgroup/skiff/${Id}`;
    const files = await machine.run(['/bin/cat', `${dir}/memory.max`, `${dir}/pids.max`, `${dir}/cpu.max`]);
    expect(files.stdout).toBe(`${64 << 20}\n5\n50000 100000\n`);
    const pid = (await engine.container.containerInspect(Id, { size: false })).State.Pid;
    const top = await engine.container.containerTop(Id, '-ef');
    expect(top.Titles).toEqual(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
    expect(top.Processes.map((p) => [p[0], p[1]])).toEqual([['root', String(pid)]]);
    await engine.container.containerPause(Id);
    expect((await machine.run(['/bin/cat', `${dir}/cgroup.freeze`])).stdout).toBe('1\n');
    await engine.container.containerUnpause(Id);
    for await (const s of await engine.container.containerStats(Id, { stream: false, oneShot: false }, new AbortController().signal)) {
      expect(s).toMatchObject({ id: Id, pids_stats: { current: 1, limit: 5 }, memory_stats: { limit: 64 << 20 }, cpu_stats: { online_cpus: machine.kernel.ncpus } });
      expect(s.cpu_stats.system_cpu_usage!).toBeGreaterThan(s.precpu_stats.system_cpu_usage!);
      expect(Number.isSafeInteger(s.cpu_stats.system_cpu_usage)).toBe(true);
    }
    await engine.container.containerKill(Id, 'KILL');
    await (await engine.container.containerWait(Id, 'not-running', never)).result;
    expect((await machine.run(['/bin/ls', '/sys/fs/cgroup/skiff'])).stdout.split('\n')).not.toContain(Id);
  });
});
