// A FIFO of bytes kept as chunks (no copying on put beyond one slice): the output queue of a
// terminal (slave writes → master reads).

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
