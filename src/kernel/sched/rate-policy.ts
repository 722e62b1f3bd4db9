// How the scheduler hands out CPUs among runnable processes. The default shares equally; the
// cgroup issue installs a hierarchical weight/quota/cpuset policy through the same interface.
import type { Process } from '../task/process.js';
import type { CpuKind } from './sched-entity.js';

export interface RatePolicy {
  /**
   * Sets `proc.sched.rate` for every runnable process. Invariant: each rate is in [0, 1] (one
   * thread never gets more than one CPU) and the sum is at most `ncpus`.
   * Returns the clock time at which rates must be recomputed even if the runnable set does
   * not change (e.g. a cpu.max period boundary), or undefined.
   */
  computeRates(runnable: readonly Process[], ncpus: number, nowNs: number): number | undefined;
  /** Called with the CPU time each process consumed, as it is accounted. */
  account(proc: Process, cpuNs: number, kind: CpuKind): void;
}

/** Processor sharing without cgroups: every runnable process gets min(1, ncpus / n). */
export class EqualShares implements RatePolicy {
  computeRates(runnable: readonly Process[], ncpus: number): undefined {
    const rate = Math.min(1, ncpus / Math.max(1, runnable.length));
    runnable.forEach((p, i) => {
      p.sched.rate = rate;
      p.sched.cpu = i % ncpus;
    });
    return undefined;
  }

  account(): void {}
}
