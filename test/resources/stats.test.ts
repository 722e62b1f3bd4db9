// The engine's container stats (GET /containers/{id}/stats) checked against the cgroup files
// they come from, with Docker's semantics (recorded from a real dockerd): online_cpus counts the
// host's CPUs even under --cpuset-cpus, and throttling_data mirrors cpu.stat.
import { describe, expect, it } from 'vitest';
import { cgroupDir, keyed, probe, readText, resourceRig, startDetached, waitExit, cpuPercent, statsOnce, type ResourceRig } from './resource-harness.js';

const never = new AbortController().signal;
const CPU_HOG = ['--cpu', '1', '--timeout', '3600'];

describe('engine stats', () => {
  it('--cpuset-cpus 0 on 2 CPUs: online_cpus is the host\'s 2 (as dockerd) and a busy loop shows 100%', async () => {
    const rig = await resourceRig(2);
    const id = await startDetached(rig.engine, 'busybox', ['sh', '-c', 'while :; do :; done'], { CpusetCpus: '0' });
    expect(await probe(rig.machine, (sys) => readText(sys, `${cgroupDir(id)}/cpuset.cpus.effective`))).toBe('0\n');
    const s = await statsOnce(rig, id);
    expect(s.cpu_stats.online_cpus).toBe(2);
    expect(Math.abs(cpuPercent(s) - 100)).toBeLessThan(2);
    expect(s.pids_stats).toEqual({ current: 1 });
    expect(s.memory_stats.limit).toBe(rig.machine.kernel.memoryBytes); // no -m: the machine's memory
    await rig.engine.container.containerKill(id, 'KILL');
    expect(await waitExit(rig.engine, id)).toBe(137);
  });

  // As dockerd: periods/throttled_periods/throttled_time from cpu.stat's nr_periods,
  // nr_throttled and throttled_usec × 1000.
  it('throttling_data mirrors cpu.stat under --cpus 0.5', async () => {
    const rig = await resourceRig(1);
    const id = await startDetached(rig.engine, 'stress', CPU_HOG, { NanoCpus: 500_000_000 });
    // Two seconds of the machine's time under the quota (not whatever passed while the engine
    // waited for the real disk): 20 periods, each one throttled.
    await probe(rig.machine, (sys) => sys.nanosleep(2e9));
    const s = await statsOnce(rig, id);
    const after = await probe(rig.machine, async (sys) => keyed(await readText(sys, `${cgroupDir(id)}/cpu.stat`)));
    const t = s.cpu_stats.throttling_data;
    expect(t.periods).toBeGreaterThan(10);
    expect(t.throttled_periods).toBeGreaterThan(10);
    expect(t.periods).toBeLessThanOrEqual(after.nr_periods);
    expect(t.throttled_time).toBeLessThanOrEqual(after.throttled_usec * 1000);
    expect(t.throttled_time).toBeGreaterThan(0);
    await rig.engine.container.containerKill(id, 'KILL');
  });
});
