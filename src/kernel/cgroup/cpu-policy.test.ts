// The cgroup CPU policy on the virtual clock: weights, work conservation, one CPU per thread,
// cpu.max throttling, cpuset pinning and nested weights, driven through /sys/fs/cgroup files.
import { describe, expect, it } from 'vitest';
import { AT_FDCWD, SIG, type Sys } from '../../abi/index.js';
import { bootCgroupMachine, keyed, must, readFile, writeFile, type CgroupTestMachine } from './testing.js';

const SECOND = 1e9;
const CG = '/sys/fs/cgroup';

/** Starts a busy loop (1 ms spin steps) and returns its pid and a live counter of CPU seconds. */
function busy(m: CgroupTestMachine): { pid: number; cpu: () => number } {
  let steps = 0;
  const p = m.kernel.spawn({
    argv: ['busy'],
    program: async (_a, _e, sys) => {
      for (;;) {
        await sys.spin(1e6);
        steps++;
      }
    },
  });
  return { pid: p.pid, cpu: () => steps / 1000 };
}

/** A process that sleeps forever (or for `ns`). */
function sleeper(m: CgroupTestMachine, ns = 1e15): number {
  return m.kernel.spawn({ argv: ['sleeper'], program: async (_a, _e, sys) => { await sys.nanosleep(ns); return 0; } }).pid;
}

async function mkcg(sys: Sys, path: string, controllers = '+cpu +cpuset'): Promise<void> {
  must(await sys.mkdirat(AT_FDCWD, `${CG}${path}`, 0o755), `mkdir ${path}`);
  const parent = path.slice(0, path.lastIndexOf('/')) || '';
  must(await writeFile(sys, `${CG}${parent}/cgroup.subtree_control`, controllers), `enable in ${parent || '/'}`);
}

async function put(sys: Sys, path: string, file: string, value: string): Promise<void> {
  must(await writeFile(sys, `${CG}${path}/${file}`, value), `write ${path}/${file}`);
}

/** Runs for `seconds` of virtual time, then kills the given pids. */
async function runFor(sys: Sys, seconds: number, pids: number[]): Promise<void> {
  must(await sys.nanosleep(seconds * SECOND), 'nanosleep');
  for (const pid of pids) await sys.kill(pid, SIG.KILL);
}

const within1pct = (got: number, want: number): void => {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(0.01 * want + 1e-9);
};

describe('cpu.weight', () => {
  it('two busy processes in sibling cgroups with weights 100 and 200 on 1 CPU get 1/3 and 2/3', async () => {
    const m = await bootCgroupMachine({ ncpus: 1 });
    await m.run(async (sys) => {
      await mkcg(sys, '/a');
      await mkcg(sys, '/b');
      await put(sys, '/b', 'cpu.weight', '200');
      const a = busy(m);
      const b = busy(m);
      await put(sys, '/a', 'cgroup.procs', String(a.pid));
      await put(sys, '/b', 'cgroup.procs', String(b.pid));
      await runFor(sys, 10, [a.pid, b.pid]);
      within1pct(a.cpu(), 10 / 3);
      within1pct(b.cpu(), 20 / 3);
      const statA = keyed(await readFile(sys, `${CG}/a/cpu.stat`));
      within1pct(statA.usage_usec / 1e6, 10 / 3);
      expect(statA.user_usec).toBeGreaterThan(statA.system_usec);
    });
  });

  it('is work-conserving: when the weight-200 process sleeps, the other gets the whole CPU', async () => {
    const m = await bootCgroupMachine({ ncpus: 1 });
    await m.run(async (sys) => {
      await mkcg(sys, '/a');
      await mkcg(sys, '/b');
      await put(sys, '/b', 'cpu.weight', '200');
      const a = busy(m);
      const b = sleeper(m);
      await put(sys, '/a', 'cgroup.procs', String(a.pid));
      await put(sys, '/b', 'cgroup.procs', String(b));
      await runFor(sys, 10, [a.pid, b]);
      within1pct(a.cpu(), 10);
    });
  });

  it('nested weights: a(100){x 100, y 300} and b(100) give 12.5%, 37.5% and 50%', async () => {
    const m = await bootCgroupMachine({ ncpus: 1 });
    await m.run(async (sys) => {
      await mkcg(sys, '/a');
      await mkcg(sys, '/b');
      await mkcg(sys, '/a/x');
      await mkcg(sys, '/a/y');
      await put(sys, '/a/y', 'cpu.weight', '300');
      const x = busy(m), y = busy(m), b = busy(m);
      await put(sys, '/a/x', 'cgroup.procs', String(x.pid));
      await put(sys, '/a/y', 'cgroup.procs', String(y.pid));
      await put(sys, '/b', 'cgroup.procs', String(b.pid));
      await runFor(sys, 10, [x.pid, y.pid, b.pid]);
      within1pct(x.cpu(), 1.25);
      within1pct(y.cpu(), 3.75);
      within1pct(b.cpu(), 5);
    });
  });

  it('cpu.weight.nice maps nice values to weights and back', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await mkcg(sys, '/a');
      await put(sys, '/a', 'cpu.weight.nice', '-5');
      expect(await readFile(sys, `${CG}/a/cpu.weight`)).toBe('305\n');
      expect(await readFile(sys, `${CG}/a/cpu.weight.nice`)).toBe('-5\n');
      expect(await writeFile(sys, `${CG}/a/cpu.weight`, '0')).toEqual({ ok: false, errno: 22 });
      expect(await writeFile(sys, `${CG}/a/cpu.weight`, '10001')).toEqual({ ok: false, errno: 22 });
    });
  });
});

describe('one CPU per thread', () => {
  it('one busy process on 2 CPUs gets 100% of one CPU, not 200%', async () => {
    const m = await bootCgroupMachine({ ncpus: 2 });
    await m.run(async (sys) => {
      const a = busy(m);
      await runFor(sys, 10, [a.pid]);
      within1pct(a.cpu(), 10);
    });
  });

  it('three busy processes on 2 CPUs, one in a weight-1000 cgroup: it is capped at 1 CPU, the others share the rest', async () => {
    const m = await bootCgroupMachine({ ncpus: 2 });
    await m.run(async (sys) => {
      await mkcg(sys, '/big');
      await mkcg(sys, '/small');
      await put(sys, '/big', 'cpu.weight', '1000');
      const a = busy(m), b = busy(m), c = busy(m);
      await put(sys, '/big', 'cgroup.procs', String(a.pid));
      await put(sys, '/small', 'cgroup.procs', String(b.pid));
      await put(sys, '/small', 'cgroup.procs', String(c.pid));
      await runFor(sys, 10, [a.pid, b.pid, c.pid]);
      within1pct(a.cpu(), 10);
      within1pct(b.cpu(), 5);
      within1pct(c.cpu(), 5);
    });
  });
});

describe('cpu.max', () => {
  it('caps a cgroup at quota/period even on an idle machine and counts throttled periods', async () => {
    const m = await bootCgroupMachine({ ncpus: 2 });
    await m.run(async (sys) => {
      await mkcg(sys, '/lim');
      await put(sys, '/lim', 'cpu.max', '50000 100000');
      expect(await readFile(sys, `${CG}/lim/cpu.max`)).toBe('50000 100000\n');
      const a = busy(m);
      await put(sys, '/lim', 'cgroup.procs', String(a.pid));
      must(await sys.nanosleep(5 * SECOND));
      const half = keyed(await readFile(sys, `${CG}/lim/cpu.stat`));
      await runFor(sys, 5, [a.pid]);
      within1pct(a.cpu(), 5);
      const stat = keyed(await readFile(sys, `${CG}/lim/cpu.stat`));
      expect(stat.nr_throttled).toBeGreaterThan(half.nr_throttled);
      expect(Math.abs(stat.nr_periods - 100)).toBeLessThanOrEqual(1);
      expect(Math.abs(stat.nr_throttled - 100)).toBeLessThanOrEqual(1);
      within1pct(stat.throttled_usec / 1e6, 5);
    });
  });

  it('a quota above what the threads can use does not throttle', async () => {
    const m = await bootCgroupMachine({ ncpus: 2 });
    await m.run(async (sys) => {
      await mkcg(sys, '/lim');
      await put(sys, '/lim', 'cpu.max', '150000 100000');
      const a = busy(m);
      await put(sys, '/lim', 'cgroup.procs', String(a.pid));
      await runFor(sys, 2, [a.pid]);
      within1pct(a.cpu(), 2);
      expect(keyed(await readFile(sys, `${CG}/lim/cpu.stat`)).nr_throttled).toBe(0);
    });
  });

  it('rejects bad values with EINVAL and accepts "max" and a lone quota', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await mkcg(sys, '/lim');
      for (const bad of ['', 'abc', '500 100000', '50000 100', '50000 2000000', '1 2 3']) {
        expect(await writeFile(sys, `${CG}/lim/cpu.max`, bad)).toEqual({ ok: false, errno: 22 });
      }
      await put(sys, '/lim', 'cpu.max', '20000 50000');
      await put(sys, '/lim', 'cpu.max', '30000');
      expect(await readFile(sys, `${CG}/lim/cpu.max`)).toBe('30000 50000\n');
      await put(sys, '/lim', 'cpu.max', 'max');
      expect(await readFile(sys, `${CG}/lim/cpu.max`)).toBe('max 50000\n');
    });
  });
});

describe('cpuset.cpus', () => {
  it('two processes pinned to cpu 0 share it while a third has cpu 1 alone', async () => {
    const m = await bootCgroupMachine({ ncpus: 2 });
    await m.run(async (sys) => {
      await mkcg(sys, '/p1');
      await mkcg(sys, '/p2');
      await mkcg(sys, '/free');
      await put(sys, '/p1', 'cpuset.cpus', '0');
      await put(sys, '/p2', 'cpuset.cpus', '0');
      expect(await readFile(sys, `${CG}/p1/cpuset.cpus.effective`)).toBe('0\n');
      expect(await readFile(sys, `${CG}/free/cpuset.cpus.effective`)).toBe('0-1\n');
      const a = busy(m), b = busy(m), c = busy(m);
      await put(sys, '/p1', 'cgroup.procs', String(a.pid));
      await put(sys, '/p2', 'cgroup.procs', String(b.pid));
      await put(sys, '/free', 'cgroup.procs', String(c.pid));
      await runFor(sys, 10, [a.pid, b.pid, c.pid]);
      within1pct(a.cpu(), 5);
      within1pct(b.cpu(), 5);
      within1pct(c.cpu(), 10);
    });
  });

  it('two busy processes in one cgroup pinned to cpu 1 of 2 share that CPU', async () => {
    const m = await bootCgroupMachine({ ncpus: 2 });
    await m.run(async (sys) => {
      await mkcg(sys, '/pin');
      await put(sys, '/pin', 'cpuset.cpus', '1');
      const a = busy(m), b = busy(m);
      await put(sys, '/pin', 'cgroup.procs', String(a.pid));
      await put(sys, '/pin', 'cgroup.procs', String(b.pid));
      await runFor(sys, 4, [a.pid, b.pid]);
      within1pct(a.cpu(), 2);
      within1pct(b.cpu(), 2);
    });
  });

  it('rejects CPUs that do not exist', async () => {
    const m = await bootCgroupMachine({ ncpus: 2 });
    await m.run(async (sys) => {
      await mkcg(sys, '/p');
      expect(await writeFile(sys, `${CG}/p/cpuset.cpus`, '2')).toEqual({ ok: false, errno: 22 });
      expect(await writeFile(sys, `${CG}/p/cpuset.cpus`, '1-0')).toEqual({ ok: false, errno: 22 });
      await put(sys, '/p', 'cpuset.cpus', '0-1');
      expect(await readFile(sys, `${CG}/p/cpuset.cpus`)).toBe('0-1\n');
    });
  });
});
