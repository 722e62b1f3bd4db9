// DEFLATE compression (RFC 1951): LZ77 matching over a 32 KiB window with hash chains, coded
// with the fixed Huffman table (one final block; small and adequate for tar/gzip here).

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

class BitWriter {
  private buf = new Uint8Array(1024);
  private n = 0;
  private acc = 0;
  private cnt = 0;

  private push(b: number): void {
    if (this.n === this.buf.length) { const x = new Uint8Array(this.buf.length * 2); x.set(this.buf); this.buf = x; }
    this.buf[this.n++] = b;
  }

  /** Writes `len` bits of `v`, least significant first. */
  bits(v: number, len: number): void {
    this.acc |= v << this.cnt;
    this.cnt += len;
    while (this.cnt >= 8) { this.push(this.acc & 0xff); this.acc >>>= 8; this.cnt -= 8; }
  }

  /** Writes a Huffman code (most significant bit first). */
  code(c: number, len: number): void {
    let r = 0;
    for (let i = 0; i < len; i++) r |= ((c >> i) & 1) << (len - 1 - i);
    this.bits(r, len);
  }

  finish(): Uint8Array {
    if (this.cnt > 0) this.push(this.acc & 0xff);
    this.acc = 0; this.cnt = 0;
    return this.buf.slice(0, this.n);
  }
}

function litCode(w: BitWriter, sym: number): void {
  if (sym < 144) w.code(0x30 + sym, 8);
  else if (sym < 256) w.code(0x190 + sym - 144, 9);
  else if (sym < 280) w.code(sym - 256, 7);
  else w.code(0xc0 + sym - 280, 8);
}

function findIndex(base: number[], v: number): number {
  let i = base.length - 1;
  while (base[i] > v) i--;
  return i;
}

/** Compresses `data` into a raw DEFLATE stream. `level` 0 stores without compression. */
export function deflateRaw(data: Uint8Array, level = 6): Uint8Array {
  const w = new BitWriter();
  if (level === 0) {
    // Stored blocks of at most 65535 bytes.
    if (data.length === 0) { w.bits(1, 1); w.bits(0, 2); const b = w.finish(); return new Uint8Array([...b, 0, 0, 0xff, 0xff]); }
    const parts: number[] = [];
    for (let off = 0; off < data.length; off += 65535) {
      const len = Math.min(65535, data.length - off);
      parts.push(off + len >= data.length ? 1 : 0, len & 0xff, len >> 8, ~len & 0xff, (~len >> 8) & 0xff);
      for (let i = 0; i < len; i++) parts.push(data[off + i]);
    }
    return new Uint8Array(parts);
  }
  w.bits(1, 1);
  w.bits(1, 2);
  const maxChain = level >= 8 ? 256 : level >= 5 ? 32 : 8;
  const head = new Int32Array(1 << 15).fill(-1);
  const prev = new Int32Array(data.length);
  const hash = (i: number): number => ((data[i] << 10) ^ (data[i + 1] << 5) ^ data[i + 2]) & 0x7fff;
  let i = 0;
  while (i < data.length) {
    let bestLen = 0, bestDist = 0;
    if (i + 2 < data.length) {
      const h = hash(i);
      let j = head[h];
      let chain = maxChain;
      while (j >= 0 && i - j <= 32768 && chain-- > 0) {
        let l = 0;
        while (l < 258 && i + l < data.length && data[j + l] === data[i + l]) l++;
        if (l > bestLen) { bestLen = l; bestDist = i - j; if (l === 258) break; }
        j = prev[j];
      }
      prev[i] = head[h];
      head[h] = i;
    }
    if (bestLen >= 3) {
      const li = findIndex(LEN_BASE, bestLen);
      litCode(w, 257 + li);
      if (LEN_EXTRA[li]) w.bits(bestLen - LEN_BASE[li], LEN_EXTRA[li]);
      const di = findIndex(DIST_BASE, bestDist);
      w.code(di, 5);
      if (DIST_EXTRA[di]) w.bits(bestDist - DIST_BASE[di], DIST_EXTRA[di]);
      for (let k = 1; k < bestLen; k++) {
        const p = i + k;
        if (p + 2 < data.length) { const h = hash(p); prev[p] = head[h]; head[h] = p; }
      }
      i += bestLen;
    } else {
      litCode(w, data[i]);
      i++;
    }
  }
  litCode(w, 256);
  return w.finish();
}
