// The CPU scheduler and event loop: fluid processor sharing over N virtual CPUs.
// A runnable process needs CPU work (a syscall's cost, a spin step); at each change of the
// runnable set the rate policy hands out CPU shares, and each process's completion time is
// workNs / rate. The loop fires events in time order; after resuming a process it waits until
// that process makes its next syscall or exits, so a run is deterministic on the virtual clock.
import { EventHeap, type TimedEvent } from './min-heap.js';
import type { KernelClock } from '../clock.js';
import type { RatePolicy } from './rate-policy.js';
import type { CpuKind } from './sched-entity.js';
import type { Process } from '../task/process.js';

/** After this much real time without letting the host run, the loop yields to it (ms). */
const HOST_SLICE_MS = 8;

export class Scheduler {
  private readonly events = new EventHeap();
  private readonly runnable: Process[] = [];
  private ratesDirty = false;
  private recomputeEvent?: TimedEvent;
  private running = false;
  /** The process whose JS is running now; the loop waits for it to yield. */
  private current?: Process;
  private yieldResolve?: () => void;
  private yieldCount = 0;
  private watchdogRunning = false;
  private kickResolve?: () => void;
  /** Total CPU time handed out since boot (for /proc/stat and load). */
  busyNs = 0;
  /** Told the runnable count whenever it changes (load average). */
  onRunnableChange?: (count: number) => void;

  constructor(
    private readonly clock: KernelClock,
    readonly ncpus: number,
    public policy: RatePolicy,
    private readonly onStall: (proc: Process) => void,
  ) {}

  /** Schedules `fn` at clock time `timeNs`. */
  at(timeNs: number, fn: () => void): TimedEvent {
    const ev = this.events.push(Math.max(timeNs, this.clock.monotonicNs), fn);
    this.kick();
    return ev;
  }

  /**
   * Gives `proc` `workNs` of CPU work; `onDone` runs when it is done and returns true if it
   * resumed the program's JS (the loop then waits for the program to yield). Adds the process to the
   * runnable set if needed. Precondition: no work is pending for proc.
   */
  runWork(proc: Process, workNs: number, kind: CpuKind, onDone: () => boolean): void {
    const se = proc.sched;
    se.workNs = workNs;
    se.kind = kind;
    se.onDone = onDone;
    se.settledAtNs = this.clock.monotonicNs;
    if (!se.queued) {
      if (se.stopped || se.frozen) return; // resumes when continued or thawed
      this.enqueue(proc);
    } else if (!this.ratesDirty) {
      this.scheduleCompletion(proc);
    }
    this.kick();
  }

  /** Takes `proc` out of the runnable set (it blocked, stopped, froze or died). */
  dequeue(proc: Process): void {
    const se = proc.sched;
    if (!se.queued) return;
    this.settle(proc);
    se.queued = false;
    se.event && (se.event.cancelled = true);
    se.event = undefined;
    const i = this.runnable.indexOf(proc);
    if (i >= 0) this.runnable.splice(i, 1);
    this.ratesDirty = true;
    if (this.current === proc) this.yielded(proc);
  }

  /** Puts a stopped/frozen process with pending work back into competition. */
  resume(proc: Process): void {
    const se = proc.sched;
    if (se.queued || se.stopped || se.frozen || !se.onDone) return;
    se.settledAtNs = this.clock.monotonicNs;
    this.enqueue(proc);
    this.kick();
  }

  /** Forgets a dead process entirely. */
  forget(proc: Process): void {
    this.dequeue(proc);
    proc.sched.onDone = undefined;
    proc.sched.workNs = 0;
  }

  /** Marks rates stale (e.g. a cpu.weight was written). */
  invalidateRates(): void {
    this.ratesDirty = true;
    this.kick();
  }

  /** Called by the kernel when `proc` enters a syscall or exits: its JS has yielded. */
  yielded(proc: Process): void {
    if (this.current !== proc) return;
    this.current = undefined;
    this.yieldCount++;
    const r = this.yieldResolve;
    this.yieldResolve = undefined;
    r?.();
  }

  /** Runnable processes (competing for CPU), for load average and /proc. */
  get runnableCount(): number {
    return this.runnable.length;
  }

  /** Brings accounting up to date (e.g. before reading cpu.stat). */
  settleAll(): void {
    for (const p of this.runnable) this.settle(p);
  }

  private enqueue(proc: Process): void {
    proc.sched.queued = true;
    this.runnable.push(proc);
    this.ratesDirty = true;
  }

  /** Accounts progress since the last settlement at the current rate. */
  private settle(proc: Process): void {
    const se = proc.sched;
    const now = this.clock.monotonicNs;
    const dt = now - se.settledAtNs;
    se.settledAtNs = now;
    if (dt <= 0 || se.rate <= 0 || se.workNs <= 0) return;
    const done = Math.min(se.workNs, dt * se.rate);
    se.workNs -= done;
    this.charge(proc, done, se.kind);
  }

  private charge(proc: Process, cpuNs: number, kind: CpuKind): void {
    if (kind === 'user') proc.utimeNs += cpuNs;
    else proc.stimeNs += cpuNs;
    this.busyNs += cpuNs;
    this.policy.account(proc, cpuNs, kind);
  }

  private recompute(): void {
    this.ratesDirty = false;
    this.onRunnableChange?.(this.runnable.length);
    for (const p of this.runnable) this.settle(p);
    if (this.recomputeEvent) this.recomputeEvent.cancelled = true;
    const again = this.policy.computeRates(this.runnable, this.ncpus, this.clock.monotonicNs);
    this.recomputeEvent = again === undefined ? undefined
      : this.events.push(again, () => { this.recomputeEvent = undefined; this.ratesDirty = true; });
    for (const p of this.runnable) this.scheduleCompletion(p);
  }

  private scheduleCompletion(proc: Process): void {
    const se = proc.sched;
    if (se.event) se.event.cancelled = true;
    se.event = undefined;
    if (!se.onDone) return; // running its JS right now, or idle in the set
    if (se.rate <= 0) return; // throttled: a recompute will reschedule it
    const doneAt = this.clock.monotonicNs + se.workNs / se.rate;
    se.event = this.events.push(doneAt, () => this.complete(proc));
  }

  private complete(proc: Process): void {
    const se = proc.sched;
    se.event = undefined;
    this.settle(proc);
    if (se.workNs > 1e-6) { // float residue: finish it
      this.charge(proc, se.workNs, se.kind);
      se.workNs = 0;
    }
    const onDone = se.onDone;
    se.onDone = undefined;
    // Resolving a syscall promise runs the program's JS next (in microtasks, or at once for a
    // program's first step): the loop waits for it unless it has already yielded.
    if (!proc.external) this.current = proc;
    const yieldsBefore = this.yieldCount;
    const resumed = onDone?.() === true;
    if (!resumed && this.current === proc && this.yieldCount === yieldsBefore) this.current = undefined;
  }

  /** Starts the loop if it is idle, or wakes it from a wall-clock sleep. */
  kick(): void {
    if (this.kickResolve) {
      const r = this.kickResolve;
      this.kickResolve = undefined;
      r();
    }
    if (!this.running) {
      this.running = true;
      void this.loop();
      void this.watchdog();
    }
  }

  private async loop(): Promise<void> {
    const host = this.clock.host;
    if (host.mode === 'wall') this.advanceTo(this.clock.realElapsedNs());
    let sliceStart = host.realNowNs();
    let jumpChecked: TimedEvent | undefined;
    try {
      for (;;) {
        if (this.ratesDirty) this.recompute();
        const ev = this.events.peek();
        if (!ev) break;
        if (host.mode === 'wall') {
          const ahead = ev.timeNs - this.clock.realElapsedNs();
          if (ahead > 0) {
            await Promise.race([host.sleep(Math.min(ahead / 1e6, 1000)), new Promise<void>((r) => (this.kickResolve = r))]);
            this.kickResolve = undefined;
            this.advanceTo(Math.min(ev.timeNs, this.clock.realElapsedNs()));
            sliceStart = host.realNowNs();
            continue;
          }
        }
        if (host.mode === 'virtual' && this.runnable.length === 0 && ev.timeNs > this.clock.monotonicNs && ev !== jumpChecked) {
          // About to jump the clock with nothing to run: first let host code (a test or the
          // engine, between two of its syscalls) submit work that belongs to the present.
          jumpChecked = ev;
          await host.yieldToHost();
          sliceStart = host.realNowNs();
          continue;
        }
        this.events.pop();
        this.advanceTo(ev.timeNs);
        jumpChecked = undefined; // something happened: the next jump gets its own check
        ev.fire();
        if (this.current) await this.waitForYield(this.current);
        if (host.realNowNs() - sliceStart > HOST_SLICE_MS * 1e6) {
          await host.yieldToHost();
          sliceStart = host.realNowNs();
        }
      }
    } finally {
      this.running = false;
    }
  }

  private advanceTo(timeNs: number): void {
    if (timeNs > this.clock.monotonicNs) this.clock.monotonicNs = timeNs;
  }

  private waitForYield(proc: Process): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.current !== proc) return resolve();
      this.yieldResolve = resolve;
    });
  }

  /**
   * A program that awaits something other than a syscall would stall the machine: if the same
   * process has held the CPU for two real seconds without yielding, stop waiting for it and
   * report it (the program is buggy, the kernel is not). One timer per loop run, not per event.
   */
  private async watchdog(): Promise<void> {
    let last: { proc?: Process; yields: number } = { yields: -1 };
    if (this.watchdogRunning) return;
    this.watchdogRunning = true;
    while (this.running) {
      await this.clock.host.sleep(2000, false);
      const proc = this.current;
      if (proc && last.proc === proc && last.yields === this.yieldCount) {
        this.current = undefined;
        const r = this.yieldResolve;
        this.yieldResolve = undefined;
        this.onStall(proc);
        r?.();
      }
      last = { proc, yields: this.yieldCount };
    }
    this.watchdogRunning = false;
  }
}
