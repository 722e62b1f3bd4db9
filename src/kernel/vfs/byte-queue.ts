// A FIFO of bytes kept as chunks (no copying on put beyond one slice): the buffer of a pipe
// (vfs/pipe.ts) and the queues of a terminal (tty/line-discipline.ts).

/** Bytes in arrival order. */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Bytes already taken from chunks[0]. */
  private head = 0;
  /** Bytes queued. */
  length = 0;

  /** Appends a copy of `data`. */
  put(data: Uint8Array): void {
    if (data.length === 0) return;
    this.chunks.push(data.slice());
    this.length += data.length;
  }

  /** Takes up to `count` bytes off the front. */
  take(count: number): Uint8Array {
    const n = Math.min(count, this.length);
    const first = this.chunks[0];
    if (first !== undefined && first.length - this.head >= n) { // the common case: one chunk serves
      const out = first.slice(this.head, this.head + n);
      this.head += n;
      if (this.head === first.length) {
        this.chunks.shift();
        this.head = 0;
      }
      this.length -= n;
      return out;
    }
    const out = new Uint8Array(n);
    let off = 0;
    while (off < n) {
      const c = this.chunks[0];
      const m = Math.min(c.length - this.head, n - off);
      out.set(c.subarray(this.head, this.head + m), off);
      off += m;
      this.head += m;
      if (this.head === c.length) {
        this.chunks.shift();
        this.head = 0;
      }
    }
    this.length -= n;
    return out;
  }

  /** Drops everything. */
  clear(): void {
    this.chunks = [];
    this.head = 0;
    this.length = 0;
  }
}
