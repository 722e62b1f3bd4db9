// Host timers handed to the kernel: the wall clock for the daemon, a virtual one for tests.
import type { HostTimer } from '../kernel/clock.js';

function sleep(ms: number, keepAlive = true): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    if (!keepAlive) t.unref();
  });
}

const yieldToHost = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Real time: events are paced to the host clock. */
export function wallHostTimer(): HostTimer {
  return { mode: 'wall', realNowNs: () => Date.now() * 1e6, sleep, yieldToHost };
}

/** Virtual time: the kernel runs as fast as it can; the epoch at boot is fixed for determinism. */
export function virtualHostTimer(epochNs = 1_767_225_600_000_000_000): HostTimer {
  return { mode: 'virtual', bootEpochNs: epochNs, realNowNs: () => performance.now() * 1e6, sleep, yieldToHost };
}
