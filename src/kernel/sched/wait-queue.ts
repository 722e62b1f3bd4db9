// A wait queue: processes blocked in a syscall sleep on one or more queues until woken.
// Woken processes re-run their syscall handler, which either completes or blocks again.

/** Something that can be woken: the scheduler's record of a blocked syscall. */
export interface Waiter {
  wake(): void;
}

/** A set of waiters woken together (like Linux's wait_queue_head_t). */
export class WaitQueue {
  private readonly waiters = new Set<Waiter>();

  add(waiter: Waiter): void {
    this.waiters.add(waiter);
  }

  remove(waiter: Waiter): void {
    this.waiters.delete(waiter);
  }

  /** Wakes every waiter; each re-runs its handler. Safe to call when nobody waits. */
  wakeAll(): void {
    if (this.waiters.size === 0) return;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const w of waiters) w.wake();
  }

  get size(): number {
    return this.waiters.size;
  }
}
