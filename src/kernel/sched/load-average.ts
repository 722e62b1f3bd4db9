// The 1/5/15-minute load averages: exponentially damped averages of the runnable count,
// integrated exactly between changes (no periodic timer, so an idle machine has no events).

const WINDOWS_SEC = [60, 300, 900] as const;

export class LoadAverage {
  private loads: [number, number, number] = [0, 0, 0];
  private lastNs = 0;
  private count = 0;

  /** Records that `count` processes are runnable from time `nowNs` on. */
  update(nowNs: number, count: number): void {
    this.advance(nowNs);
    this.count = count;
  }

  /** The averages at `nowNs`. */
  read(nowNs: number): [number, number, number] {
    this.advance(nowNs);
    return [...this.loads];
  }

  private advance(nowNs: number): void {
    const dt = (nowNs - this.lastNs) / 1e9;
    if (dt <= 0) return;
    this.lastNs = nowNs;
    this.loads = this.loads.map((load, i) => {
      const decay = Math.exp(-dt / WINDOWS_SEC[i]);
      return load * decay + this.count * (1 - decay);
    }) as [number, number, number];
  }
}
