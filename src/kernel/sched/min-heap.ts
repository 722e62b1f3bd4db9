// A binary min-heap of timed events, ordered by time then by insertion sequence (deterministic).

/** An entry; `cancelled` entries are skipped when they reach the top (lazy deletion). */
export interface TimedEvent {
  timeNs: number;
  seq: number;
  cancelled: boolean;
  fire(): void;
}

export class EventHeap {
  private items: TimedEvent[] = [];
  private seq = 0;
  /** Pushes since the last compaction: cancelled events are only dropped when they surface. */
  private churn = 0;

  /** Adds an event at `timeNs`; the returned handle can be cancelled. */
  push(timeNs: number, fire: () => void): TimedEvent {
    const ev: TimedEvent = { timeNs, seq: this.seq++, cancelled: false, fire };
    // Rescheduling cancels events without removing them; once the heap has turned over
    // (as many pushes as it holds), drop the cancelled ones: amortised O(1) per push.
    if (++this.churn > 64 && this.churn > this.items.length) this.compact();
    const a = this.items;
    a.push(ev);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
    return ev;
  }

  /** The earliest live event, without removing it. */
  peek(): TimedEvent | undefined {
    while (this.items.length > 0 && this.items[0].cancelled) this.pop();
    return this.items[0];
  }

  pop(): TimedEvent | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && before(a[l], a[m])) m = l;
        if (r < a.length && before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }

  /** Removes cancelled events and restores the heap order. */
  compact(): void {
    this.churn = 0;
    this.items = this.items.filter((e) => !e.cancelled).sort((x, y) => (before(x, y) ? -1 : before(y, x) ? 1 : 0));
  }

  get size(): number {
    return this.items.length;
  }
}

function before(x: TimedEvent, y: TimedEvent): boolean {
  return x.timeNs < y.timeNs || (x.timeNs === y.timeNs && x.seq < y.seq);
}
