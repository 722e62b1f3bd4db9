// cgroup CPU policy benchmark: 10,000 sleeping and 100 busy processes (1 ms spin steps) in
// 100 cgroups with different cpu.weight values, run for 10 virtual seconds on 2 CPUs.
// Prints the real time it took (aim: under ~1 s). Run: `npx tsc && node dist/bench/cgroup-bench.js`.
import { AT_FDCWD, type Sys } from '../src/abi/index.js';
import { bootCgroupMachine, must, writeFile } from '../src/kernel/cgroup/testing.js';

const CGROUPS = 100;
const SLEEPERS_PER_CGROUP = 100;
const VIRTUAL_SECONDS = 10;

async function setUp(sys: Sys, busySteps: number[]): Promise<void> {
  must(await writeFile(sys, '/sys/fs/cgroup/cgroup.subtree_control', '+cpu +pids +memory'));
  for (let i = 0; i < CGROUPS; i++) {
    const dir = `/sys/fs/cgroup/b${i}`;
    must(await sys.mkdirat(AT_FDCWD, dir, 0o755));
    must(await writeFile(sys, `${dir}/cpu.weight`, String(50 + i * 5)));
    must(await writeFile(sys, `${dir}/cgroup.procs`, '0'));
    for (let j = 0; j < SLEEPERS_PER_CGROUP; j++) {
      must(await sys.clone(0, async (c) => { await c.nanosleep(3600e9); return 0; }));
    }
    must(await sys.clone(0, async (c) => {
      for (;;) {
        await c.spin(1e6);
        busySteps[i]++;
      }
    }));
  }
  must(await writeFile(sys, '/sys/fs/cgroup/cgroup.procs', '0'));
}

/** Runs the benchmark; returns report lines. */
export async function cgroupBench(): Promise<string[]> {
  const m = await bootCgroupMachine({ ncpus: 2 });
  const steps = new Array<number>(CGROUPS).fill(0);
  const lines: string[] = [];
  await m.run(async (sys) => {
    const setupStart = performance.now();
    await setUp(sys, steps);
    const setupMs = performance.now() - setupStart;
    const startNs = m.kernel.clock.monotonicNs;
    const before = steps.slice();
    const start = performance.now();
    must(await sys.nanosleep(VIRTUAL_SECONDS * 1e9));
    const ms = performance.now() - start;
    const virtual = (m.kernel.clock.monotonicNs - startNs) / 1e9;
    const got = steps.map((n, i) => (n - before[i]) / 1000);
    const cpuSeconds = got.reduce((a, b) => a + b, 0);
    lines.push(`setup (${(startNs / 1e9).toFixed(1)} virtual s): ${CGROUPS} cgroups, ${CGROUPS * SLEEPERS_PER_CGROUP} sleepers, ${CGROUPS} busy: ${setupMs.toFixed(0)} ms real`);
    lines.push(`${virtual.toFixed(1)} virtual s with ${CGROUPS * SLEEPERS_PER_CGROUP} sleeping + ${CGROUPS} busy in ${CGROUPS} cgroups: ${ms.toFixed(0)} ms real (aim < 1000)`);
    lines.push(`busy CPU handed out: ${cpuSeconds.toFixed(2)} s of ${(2 * virtual).toFixed(0)} (2 CPUs); lightest/heaviest cgroup: ${got[0].toFixed(3)} s / ${got[CGROUPS - 1].toFixed(3)} s`);
    must(await writeFile(sys, '/sys/fs/cgroup/cgroup.procs', '0'));
    for (let i = 0; i < CGROUPS; i++) must(await writeFile(sys, `/sys/fs/cgroup/b${i}/cgroup.kill`, '1'));
  });
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await cgroupBench()) console.log(line);
  process.exit(0);
}
