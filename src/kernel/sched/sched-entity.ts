// The scheduler's per-process record: the CPU work the process still needs for its current
// step (a syscall's cost or a `spin`), the share of a CPU it gets now, and what to do when done.
import type { TimedEvent } from './min-heap.js';

/** Whether work is charged as user or system time. */
export type CpuKind = 'user' | 'system';

export class SchedEntity {
  /** CPU time still needed for the current step, in ns. */
  workNs = 0;
  kind: CpuKind = 'system';
  /** CPUs' worth of progress per ns of clock time (0…1). */
  rate = 0;
  /** Clock time up to which progress has been accounted. */
  settledAtNs = 0;
  /** The completion event in the scheduler's heap. */
  event?: TimedEvent;
  /** Called when the work is done. */
  onDone?: () => boolean;
  /** Is the process in the runnable set (competing for CPU)? */
  queued = false;
  /** Stopped (SIGSTOP) or frozen (cgroup.freeze): out of the runnable set until resumed. */
  stopped = false;
  frozen = false;
  /** Which virtual CPU it last ran on (for /proc/<pid>/stat's processor field). */
  cpu = 0;
}
