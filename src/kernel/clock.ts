// The kernel's injected time source. The kernel never reads the host clock itself: boot/ hands
// it a HostTimer. 'virtual' runs as fast as possible, jumping to the next event; 'wall' paces
// events to real time. The same scheduler code runs in both.

/** What the host provides. All times are nanoseconds. */
export interface HostTimer {
  readonly mode: 'virtual' | 'wall';
  /** CLOCK_REALTIME at boot, when the host wants it fixed (virtual runs are deterministic). */
  readonly bootEpochNs?: number;
  /** Host wall-clock time since the epoch (used for CLOCK_REALTIME at boot and for pacing). */
  realNowNs(): number;
  /**
   * Resolve after `ms` real milliseconds (wall mode idles with it). With keepAlive false the
   * pending timer must not keep the host process alive (the kernel's watchdog uses that).
   */
  sleep(ms: number, keepAlive?: boolean): Promise<void>;
  /** Let the host run its own tasks (I/O callbacks, timers) before the kernel goes on. */
  yieldToHost(): Promise<void>;
}

/** The kernel clock: monotonic time since boot, plus the epoch time at boot. */
export class KernelClock {
  /** ns since boot; advanced only by the scheduler. */
  monotonicNs = 0;
  readonly bootEpochNs: number;
  private readonly realAtBootNs: number;

  constructor(readonly host: HostTimer, bootEpochNs?: number) {
    this.realAtBootNs = host.realNowNs();
    this.bootEpochNs = bootEpochNs ?? host.bootEpochNs ?? this.realAtBootNs;
  }

  /** CLOCK_REALTIME in ns since the epoch. */
  nowNs(): number {
    return this.bootEpochNs + this.monotonicNs;
  }

  /** Real time elapsed since boot (wall mode pacing). */
  realElapsedNs(): number {
    return this.host.realNowNs() - this.realAtBootNs;
  }
}
