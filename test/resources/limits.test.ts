// Resource limits end to end: containers created through the engine with Docker's HostConfig
// (CpuShares, NanoCpus, Memory, PidsLimit, CpusetCpus) on small virtual machines; CPU is
// measured from cgroup cpu.stat and /proc/stat over exact windows of virtual time, and from the
// engine's stats with docker's CPU % formula.
import { describe, expect, it } from 'vitest';
import { run } from '../engine/harness.js';
import {
  cgroupDir, cpuOverWindow, keyed, probe, readText, resourceRig, startDetached, waitExit, cpuPercent, statsOnce, type ResourceRig } from './resource-harness.js';

const never = new AbortController().signal;
/** A stress CPU hog that outlives every window below (the tests kill it). */
const CPU_HOG = ['--cpu', '1', '--timeout', '3600'];

/** runc's cgroup v1 cpu.shares → v2 cpu.weight, restated so the engine's copy is checked. */
const weightOfShares = (shares: number): number => 1 + Math.floor(((shares - 2) * 9999) / 262142);

/** CPU ticks of /proc/stat's aggregate line: user, system, idle. */
function procStat(text: string): { user: number; system: number; idle: number } {
  const f = /^cpu\s+(.*)$/m.exec(text)![1].split(/\s+/).map(Number);
  return { user: f[0], system: f[2], idle: f[3] };
}

async function kill(rig: ResourceRig, ...ids: string[]): Promise<void> {
  for (const id of ids) {
    await rig.engine.container.containerKill(id, 'KILL');
    expect(await waitExit(rig.engine, id)).toBe(137);
  }
}

describe('resource limits: CPU weight (--cpu-shares) on one CPU', () => {
  it('shares 512 vs 1024: the 1024 container gets twice the CPU (within 5%), and stats agree', async () => {
    const rig = await resourceRig(1);
    const low = await startDetached(rig.engine, 'stress', CPU_HOG, { CpuShares: 512 });
    const high = await startDetached(rig.engine, 'stress', CPU_HOG, { CpuShares: 1024 });
    const weights = await probe(rig.machine, async (sys) => [
      Number(await readText(sys, `${cgroupDir(low)}/cpu.weight`)), Number(await readText(sys, `${cgroupDir(high)}/cpu.weight`)),
    ]);
    expect(weights).toEqual([weightOfShares(512), weightOfShares(1024)]); // [20, 39]
    const { usedNs, elapsedNs } = await cpuOverWindow(rig.machine, [cgroupDir(low), cgroupDir(high)], 5e9);
    const ratio = usedNs[1] / usedNs[0];
    expect(Math.abs(ratio / 2 - 1)).toBeLessThan(0.05);
    expect(ratio).toBeCloseTo(weights[1] / weights[0], 2); // the fluid scheduler is exact: 1.95
    expect((usedNs[0] + usedNs[1]) / elapsedNs).toBeGreaterThan(0.99); // work-conserving
    // The same split through the engine's stats (each sample its own window).
    const pLow = cpuPercent(await statsOnce(rig, low));
    const pHigh = cpuPercent(await statsOnce(rig, high));
    expect(Math.abs(pHigh / pLow / 2 - 1)).toBeLessThan(0.05);
    expect(pLow + pHigh).toBeGreaterThan(98);
    await kill(rig, low, high);
  });

  it('shares 1024 vs 2048 split one CPU 1/3 and 2/3 (within 1%) over 10 virtual seconds', async () => {
    const rig = await resourceRig(1);
    const a = await startDetached(rig.engine, 'stress', CPU_HOG, { CpuShares: 1024 });
    const b = await startDetached(rig.engine, 'stress', CPU_HOG, { CpuShares: 2048 });
    const { usedNs, elapsedNs } = await cpuOverWindow(rig.machine, [cgroupDir(a), cgroupDir(b)], 10e9);
    const total = usedNs[0] + usedNs[1];
    expect(Math.abs((usedNs[0] / total) / (1 / 3) - 1)).toBeLessThan(0.01);
    expect(Math.abs((usedNs[1] / total) / (2 / 3) - 1)).toBeLessThan(0.01);
    // Exactly the cpu.weight ratio (39:79), which is what runc's formula makes of 1:2.
    const wa = weightOfShares(1024), wb = weightOfShares(2048);
    expect(usedNs[0] / total).toBeCloseTo(wa / (wa + wb), 3);
    expect(total / elapsedNs).toBeGreaterThan(0.99);
    await kill(rig, a, b);
  });
});

describe('resource limits: CPU quota (--cpus)', () => {
  it('--cpus 0.5 on an idle machine: cpu.max is 50000 100000 and stats report 50% (±2) sample after sample', async () => {
    const rig = await resourceRig(1);
    const id = await startDetached(rig.engine, 'stress', CPU_HOG, { NanoCpus: 500_000_000 });
    expect(await probe(rig.machine, (sys) => readText(sys, `${cgroupDir(id)}/cpu.max`))).toBe('50000 100000\n');
    const once = await statsOnce(rig, id);
    expect(once.cpu_stats.online_cpus).toBe(1);
    expect(cpuPercent(once)).toBeGreaterThan(48);
    expect(cpuPercent(once)).toBeLessThan(52);
    const ac = new AbortController();
    const streamed: number[] = [];
    for await (const s of await rig.engine.container.containerStats(id, { stream: true, oneShot: false }, ac.signal)) {
      streamed.push(cpuPercent(s));
      if (streamed.length === 3) ac.abort();
    }
    expect(streamed).toHaveLength(3);
    for (const p of streamed) expect(Math.abs(p - 50)).toBeLessThan(2);
    await kill(rig, id);
  });

  it('a hard cap is not work-conserving: --cpus 0.5 alone leaves half the CPU idle; --cpu-shares alone takes it all', async () => {
    const window = 10e9;
    const measure = async (hostConfig: { NanoCpus?: number; CpuShares?: number }) => {
      const rig = await resourceRig(1);
      const id = await startDetached(rig.engine, 'stress', CPU_HOG, hostConfig);
      const r = await probe(rig.machine, async (sys) => {
        const before = procStat(await readText(sys, '/proc/stat'));
        const cg0 = keyed(await readText(sys, `${cgroupDir(id)}/cpu.stat`));
        await sys.nanosleep(window);
        const after = procStat(await readText(sys, '/proc/stat'));
        const cg1 = keyed(await readText(sys, `${cgroupDir(id)}/cpu.stat`));
        return { idleTicks: after.idle - before.idle, usedNs: (cg1.usage_usec - cg0.usage_usec) * 1000, throttled: cg1.nr_throttled - (cg0.nr_throttled ?? 0) };
      });
      await kill(rig, id);
      return r;
    };
    const capped = await measure({ NanoCpus: 500_000_000 });
    expect(capped.idleTicks / 1000).toBeGreaterThan(0.49); // 100 ticks a second: 1000 in the window
    expect(capped.idleTicks / 1000).toBeLessThan(0.51);
    expect(capped.usedNs / window).toBeCloseTo(0.5, 2);
    expect(capped.throttled).toBeGreaterThan(90); // about one throttled period per 100 ms
    const weighted = await measure({ CpuShares: 512 });
    expect(weighted.idleTicks).toBeLessThanOrEqual(5);
    expect(weighted.usedNs / window).toBeGreaterThan(0.99);
  });
});

describe('resource limits: memory (-m)', () => {
  it('-m 32m with stress --vm 1 --vm-bytes 64M: the worker is OOM-killed, OOMKilled is true and an oom event comes before die', async () => {
    const rig = await resourceRig(1);
    const seen: string[] = [];
    const ac = new AbortController();
    const events = (async () => {
      for await (const e of rig.engine.system.subscribeEvents({}, ac.signal)) {
        seen.push(e.Action.startsWith('die') ? `die ${e.Actor.Attributes.exitCode}` : e.Action);
        if (e.Action === 'die') break;
      }
    })();
    const id = await startDetached(rig.engine, 'stress', ['--vm', '1', '--vm-bytes', '64M', '--timeout', '20'], { Memory: 32 << 20 });
    const code = await waitExit(rig.engine, id);
    await events;
    ac.abort();
    // stress 1.0.4 (PID 1) survives its worker's SIGKILL and exits 1, as under Docker; only a
    // PID 1 that is itself the OOM victim ends with 137.
    expect(code).toBe(1);
    const info = await rig.engine.container.containerInspect(id, { size: false });
    expect(info.State).toMatchObject({ Status: 'exited', OOMKilled: true, ExitCode: 1 });
    expect(info.HostConfig.Memory).toBe(32 << 20);
    expect(seen).toEqual(['create', 'start', 'oom', 'die 1']);
    const logs = await rig.engine.container.containerLogs(id, { follow: false, stdout: true, stderr: true, timestamps: false, details: false }, never);
    const lines: string[] = [];
    for await (const e of logs.entries) lines.push(String(e.data));
    expect(lines.join('')).toMatch(/stress: FAIL: \[1\] \(416\) <-- worker \d+ got signal 9/);
  });

  it('within the limit nothing is killed, and stats report memory.current against memory.max', async () => {
    const rig = await resourceRig(1);
    const id = await startDetached(rig.engine, 'stress', ['--vm', '1', '--vm-bytes', '16M', '--vm-hang', '0'], { Memory: 32 << 20 });
    const { current, file } = await probe(rig.machine, async (sys) => {
      await sys.nanosleep(1e9);
      const current = Number(await readText(sys, `${cgroupDir(id)}/memory.current`));
      return { current, file: keyed(await readText(sys, `${cgroupDir(id)}/memory.stat`)).file };
    });
    // The worker's 16 MiB, plus the pages of the files the container's init wrote (/etc/hosts…).
    expect(file).toBeLessThan(64 << 10);
    expect(current).toBe((16 << 20) + file);
    const s = await statsOnce(rig, id);
    expect(s.memory_stats).toMatchObject({ usage: (16 << 20) + file, limit: 32 << 20, stats: { anon: 16 << 20, file } });
    expect((await rig.engine.container.containerInspect(id, { size: false })).State).toMatchObject({ Running: true, OOMKilled: false });
    await kill(rig, id);
    expect((await rig.engine.container.containerInspect(id, { size: false })).State.OOMKilled).toBe(false);
  });
});

describe('resource limits: pids (--pids-limit)', () => {
  it('--pids-limit 20 contains a fork bomb; the machine stays responsive and the container can be killed', async () => {
    const rig = await resourceRig(1);
    const baseline = rig.machine.kernel.processes.size;
    // PID 1 blocks on stdin and a subshell forks background readers of that stdin until fork
    // fails: everything blocks without a timer, so the virtual clock cannot jump past them.
    const { Id: id } = await rig.engine.container.containerCreate({
      config: { Image: 'busybox', Cmd: ['sh', '-c', 'exec 3<&0; (while :; do cat <&3 & done) & exec cat'], OpenStdin: true, HostConfig: { PidsLimit: 20 } },
    });
    await rig.engine.container.containerStart(id, {});
    const samples = await probe(rig.machine, async (sys) => {
      const out: number[] = [];
      for (let i = 0; i < 40; i++) {
        out.push(Number(await readText(sys, `${cgroupDir(id)}/pids.current`)));
        await sys.nanosleep(50e6);
      }
      return { out, events: keyed(await readText(sys, `${cgroupDir(id)}/pids.events`)), peak: Number(await readText(sys, `${cgroupDir(id)}/pids.peak`)) };
    });
    expect(Math.max(...samples.out)).toBe(20);
    expect(samples.peak).toBe(20);
    expect(samples.events.max).toBeGreaterThan(0);
    const s = await statsOnce(rig, id);
    expect(s.pids_stats).toEqual({ current: 20, limit: 20 });
    // 19 live processes; the subshell that met EAGAIN is a zombie holding the 20th pid (cat, as
    // PID 1, never reaps it), so it counts in pids.current but not in cgroup.procs or top.
    expect((await rig.engine.container.containerTop(id, '')).Processes).toHaveLength(19);
    // Another container runs normally beside it.
    const t0 = rig.machine.kernel.clock.monotonicNs;
    const ok = await run(rig.engine, ['echo', 'ok']);
    expect(ok).toMatchObject({ stdout: 'ok\n', code: 0 });
    expect(rig.machine.kernel.clock.monotonicNs - t0).toBeLessThan(5e9);
    const logs = await rig.engine.container.containerLogs(id, { follow: false, stdout: true, stderr: true, timestamps: false, details: false }, never);
    const lines: string[] = [];
    for await (const e of logs.entries) lines.push(String(e.data));
    expect(lines.join('')).toContain('Resource temporarily unavailable');
    await kill(rig, id);
    // Every process of the container is gone with its PID 1, and so is its cgroup.
    expect(rig.machine.kernel.processes.size).toBeLessThanOrEqual(baseline + 1);
    expect((await rig.machine.run(['/bin/ls', '/sys/fs/cgroup/skiff'])).stdout.split('\n')).not.toContain(id);
  });
});

describe('resource limits: files count as memory (tmpfs and the overlay upper layer)', () => {
  it('-m 32m and dd of 64 MiB into the container\'s root (overlay upper): OOM-killed, 137, OOMKilled true', async () => {
    const rig = await resourceRig(1);
    const id = await startDetached(rig.engine, 'busybox', ['sh', '-c', 'dd if=/dev/zero of=/big bs=1M count=64'], { Memory: 32 << 20 });
    expect(await waitExit(rig.engine, id)).toBe(137);
    const info = await rig.engine.container.containerInspect(id, { size: false });
    expect(info.State).toMatchObject({ Status: 'exited', OOMKilled: true, ExitCode: 137 });
    // The file keeps what fitted, charged (after the container's cgroup went) to its parent.
    const kept = await probe(rig.machine, async (sys) => keyed(await readText(sys, '/sys/fs/cgroup/skiff/memory.stat')).shmem);
    expect(kept).toBeGreaterThan(30 << 20);
    expect(kept).toBeLessThanOrEqual(32 << 20);
    // Removing the container removes its upper layer: the pages are given back.
    await rig.engine.container.containerRemove(id, { force: false, removeVolumes: false, removeLink: false });
    expect(await probe(rig.machine, async (sys) => keyed(await readText(sys, '/sys/fs/cgroup/skiff/memory.stat')).shmem)).toBe(0);
  });

  it('a container that wrote a 10 MiB file uses about 10 MiB: memory.current, memory.stat file/shmem and docker stats', async () => {
    const rig = await resourceRig(1);
    const id = await startDetached(rig.engine, 'busybox', ['sh', '-c', 'dd if=/dev/zero of=/data bs=1M count=10 && while :; do sleep 3600; done'], { Memory: 64 << 20 });
    const current = await probe(rig.machine, async (sys) => {
      await sys.nanosleep(1e9);
      return Number(await readText(sys, `${cgroupDir(id)}/memory.current`));
    });
    expect(current).toBeGreaterThanOrEqual(10 << 20);
    expect(current).toBeLessThan(11 << 20);
    const s = await statsOnce(rig, id);
    const stats = s.memory_stats.stats as Record<string, number>;
    // The 10 MiB file, plus the few pages of what else the container wrote.
    expect(stats.file).toBeGreaterThanOrEqual(10 << 20);
    expect(stats.file).toBeLessThan(11 << 20);
    expect(stats).toMatchObject({ shmem: stats.file, inactive_file: 0 });
    // docker stats' MEM USAGE: usage less inactive_file (tmpfs pages are not reclaimable page cache).
    const usage = s.memory_stats.usage! - stats.inactive_file;
    expect(usage).toBeGreaterThanOrEqual(10 << 20);
    expect(usage).toBeLessThan(11 << 20);
    await kill(rig, id);
  });
});
