// DEFLATE decompression (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.

/** A corrupt or truncated compressed stream. */
export class InflateError extends Error {}

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

interface Huffman { counts: Uint16Array; symbols: Uint16Array }

function build(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < lengths.length; i++) counts[lengths[i]]++;
  counts[0] = 0;
  const offs = new Uint16Array(16);
  for (let i = 1; i < 16; i++) offs[i] = offs[i - 1] + counts[i - 1];
  const symbols = new Uint16Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) if (lengths[i]) symbols[offs[lengths[i]]++] = i;
  return { counts, symbols };
}

class Bits {
  pos = 0;
  private bitBuf = 0;
  private bitCnt = 0;
  constructor(private readonly data: Uint8Array) {}

  bits(n: number): number {
    while (this.bitCnt < n) {
      if (this.pos >= this.data.length) throw new InflateError('unexpected end of file');
      this.bitBuf |= this.data[this.pos++] << this.bitCnt;
      this.bitCnt += 8;
    }
    const v = this.bitBuf & ((1 << n) - 1);
    this.bitBuf >>>= n;
    this.bitCnt -= n;
    return v;
  }

  align(): void { this.bitBuf = 0; this.bitCnt = 0; }

  decode(h: Huffman): number {
    let code = 0, first = 0, index = 0;
    for (let len = 1; len < 16; len++) {
      code |= this.bits(1);
      const count = h.counts[len];
      if (code - count < first) return h.symbols[index + (code - first)];
      index += count;
      first += count;
      first <<= 1;
      code <<= 1;
    }
    throw new InflateError('invalid Huffman code');
  }

  byte(): number {
    if (this.pos >= this.data.length) throw new InflateError('unexpected end of file');
    return this.data[this.pos++];
  }
}

let fixedLit: Huffman | undefined;
let fixedDist: Huffman | undefined;

/**
 * Inflates raw DEFLATE data starting at `data[0]`. Returns the output and how many input bytes
 * the stream used (so a gzip trailer can be found after it).
 */
export function inflateRaw(data: Uint8Array): { out: Uint8Array; used: number } {
  const s = new Bits(data);
  let out = new Uint8Array(Math.max(1024, data.length * 4));
  let n = 0;
  const ensure = (extra: number): void => {
    if (n + extra <= out.length) return;
    const bigger = new Uint8Array(Math.max(out.length * 2, n + extra));
    bigger.set(out.subarray(0, n));
    out = bigger;
  };
  let last = 0;
  while (!last) {
    last = s.bits(1);
    const type = s.bits(2);
    if (type === 0) {
      s.align();
      const len = s.byte() | (s.byte() << 8);
      const nlen = s.byte() | (s.byte() << 8);
      if ((len ^ 0xffff) !== nlen) throw new InflateError('invalid stored block lengths');
      ensure(len);
      for (let i = 0; i < len; i++) out[n++] = s.byte();
      continue;
    }
    let lit: Huffman, dist: Huffman;
    if (type === 1) {
      if (!fixedLit) {
        const l = new Uint8Array(288);
        l.fill(8, 0, 144); l.fill(9, 144, 256); l.fill(7, 256, 280); l.fill(8, 280, 288);
        fixedLit = build(l);
        fixedDist = build(new Uint8Array(30).fill(5));
      }
      lit = fixedLit; dist = fixedDist!;
    } else if (type === 2) {
      const nlen = s.bits(5) + 257, ndist = s.bits(5) + 1, ncode = s.bits(4) + 4;
      const cl = new Uint8Array(19);
      for (let i = 0; i < ncode; i++) cl[CL_ORDER[i]] = s.bits(3);
      const clh = build(cl);
      const lengths = new Uint8Array(nlen + ndist);
      for (let i = 0; i < nlen + ndist;) {
        const sym = s.decode(clh);
        if (sym < 16) { lengths[i++] = sym; continue; }
        let rep: number, val = 0;
        if (sym === 16) { if (i === 0) throw new InflateError('repeat with no first length'); val = lengths[i - 1]; rep = 3 + s.bits(2); }
        else if (sym === 17) rep = 3 + s.bits(3);
        else rep = 11 + s.bits(7);
        if (i + rep > nlen + ndist) throw new InflateError('too many lengths');
        while (rep--) lengths[i++] = val;
      }
      lit = build(lengths.subarray(0, nlen));
      dist = build(lengths.subarray(nlen));
    } else throw new InflateError('invalid block type');
    for (;;) {
      const sym = s.decode(lit);
      if (sym < 256) { ensure(1); out[n++] = sym; continue; }
      if (sym === 256) break;
      const li = sym - 257;
      if (li >= 29) throw new InflateError('invalid length code');
      const len = LEN_BASE[li] + s.bits(LEN_EXTRA[li]);
      const di = s.decode(dist);
      if (di >= 30) throw new InflateError('invalid distance code');
      const d = DIST_BASE[di] + s.bits(DIST_EXTRA[di]);
      if (d > n) throw new InflateError('distance too far back');
      ensure(len);
      for (let i = 0; i < len; i++, n++) out[n] = out[n - d];
    }
  }
  return { out: out.slice(0, n), used: s.pos };
}
