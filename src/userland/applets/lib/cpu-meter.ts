// Charges interpreter work to the kernel as CPU time: programs run as async JavaScript, so a
// loop that makes no syscalls would never yield. Interpreters (awk, sed) call step() per
// statement; every `batch` steps it spends them as one sys.spin (a scheduling point too).
import type { Sys } from '../../../abi/index.js';

/** Counts interpreter steps and turns them into sys.spin calls. */
export class CpuMeter {
  private pending = 0;

  /** `nsPerStep`: simulated CPU cost of one step; `batch`: steps between spins. */
  constructor(private readonly sys: Sys, private readonly nsPerStep = 200, private readonly batch = 2000) {}

  /** Records `n` steps; spins (and so yields to the scheduler) when a batch is full. */
  async step(n = 1): Promise<void> {
    this.pending += n;
    if (this.pending >= this.batch) {
      const ns = this.pending * this.nsPerStep;
      this.pending = 0;
      await this.sys.spin(ns);
    }
  }
}
