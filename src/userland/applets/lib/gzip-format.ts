// The gzip container (RFC 1952) around DEFLATE: header (name, mtime), CRC-32 and size trailer;
// decoding handles concatenated members.
import { crc32 } from './crc32.js';
import { deflateRaw } from './deflate.js';
import { inflateRaw, InflateError } from './inflate.js';

/** Wraps `data` in a gzip member. */
export function gzipEncode(data: Uint8Array, opts: { name?: string; mtime?: number; level?: number } = {}): Uint8Array {
  const body = deflateRaw(data, opts.level ?? 6);
  const name = opts.name ? new TextEncoder().encode(opts.name) : undefined;
  const head = [0x1f, 0x8b, 8, name ? 8 : 0];
  const mt = opts.mtime ?? 0;
  head.push(mt & 0xff, (mt >>> 8) & 0xff, (mt >>> 16) & 0xff, (mt >>> 24) & 0xff, opts.level === 9 ? 2 : 0, 3);
  const out = new Uint8Array(head.length + (name ? name.length + 1 : 0) + body.length + 8);
  out.set(head);
  let off = head.length;
  if (name) { out.set(name, off); off += name.length + 1; }
  out.set(body, off);
  off += body.length;
  const view = new DataView(out.buffer);
  view.setUint32(off, crc32(data), true);
  view.setUint32(off + 4, data.length >>> 0, true);
  return out;
}

/** Whether `data` starts with the gzip magic. */
export const isGzip = (data: Uint8Array): boolean => data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;

/** Decodes one or more gzip members; throws InflateError on bad data. */
export function gzipDecode(data: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let off = 0;
  while (off < data.length) {
    if (!isGzip(data.subarray(off))) {
      if (parts.length) break; // trailing garbage after a member: ignored, as gzip warns
      throw new InflateError('invalid magic');
    }
    if (data[off + 2] !== 8) throw new InflateError('unknown compression method');
    const flags = data[off + 3];
    let p = off + 10;
    if (flags & 4) p += 2 + (data[p] | (data[p + 1] << 8));
    if (flags & 8) { while (p < data.length && data[p]) p++; p++; }
    if (flags & 16) { while (p < data.length && data[p]) p++; p++; }
    if (flags & 2) p += 2;
    if (p > data.length) throw new InflateError('unexpected end of file');
    const { out, used } = inflateRaw(data.subarray(p));
    p += used;
    if (p + 8 > data.length) throw new InflateError('unexpected end of file');
    const view = new DataView(data.buffer, data.byteOffset);
    if (view.getUint32(p, true) !== crc32(out)) throw new InflateError('crc error');
    if (view.getUint32(p + 4, true) !== (out.length >>> 0)) throw new InflateError('length error');
    parts.push(out);
    off = p + 8;
  }
  const total = parts.reduce((n, x) => n + x.length, 0);
  const all = new Uint8Array(total);
  let o = 0;
  for (const x of parts) { all.set(x, o); o += x.length; }
  return all;
}
