// ustar archive records: building headers (with GNU ././@LongLink for long names, as busybox
// writes them) and parsing them back (ustar prefix, GNU long names, pax path/linkpath/size).

/** One archive member. */
export interface TarEntry {
  name: string;
  type: '0' | '1' | '2' | '3' | '4' | '5' | '6';
  mode: number; uid: number; gid: number; size: number; mtime: number;
  linkname: string; uname: string; gname: string; devmajor: number; devminor: number;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function putString(buf: Uint8Array, off: number, len: number, s: string): void {
  const b = enc.encode(s);
  buf.set(b.subarray(0, len), off);
}

function putOctal(buf: Uint8Array, off: number, len: number, v: number): void {
  putString(buf, off, len, `${Math.max(0, Math.trunc(v)).toString(8).padStart(len - 1, '0')}\0`);
}

function header(e: Pick<TarEntry, 'name' | 'type' | 'mode' | 'uid' | 'gid' | 'size' | 'mtime' | 'linkname' | 'uname' | 'gname' | 'devmajor' | 'devminor'> | (TarEntry & { type: string }), prefix = ''): Uint8Array {
  const h = new Uint8Array(512);
  putString(h, 0, 100, e.name);
  putOctal(h, 100, 8, e.mode & 0o7777);
  putOctal(h, 108, 8, e.uid);
  putOctal(h, 116, 8, e.gid);
  putOctal(h, 124, 12, e.size);
  putOctal(h, 136, 12, e.mtime);
  h.fill(0x20, 148, 156);
  h[156] = e.type.charCodeAt(0);
  putString(h, 157, 100, e.linkname);
  putString(h, 257, 8, 'ustar  \0');
  putString(h, 265, 32, e.uname);
  putString(h, 297, 32, e.gname);
  if (e.type === '3' || e.type === '4') { putOctal(h, 329, 8, e.devmajor); putOctal(h, 337, 8, e.devminor); }
  putString(h, 345, 155, prefix);
  let sum = 0;
  for (const b of h) sum += b;
  putString(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

const pad512 = (n: number): number => Math.ceil(n / 512) * 512;

/** The header blocks (one, or a GNU long-name record plus one) for an entry. */
export function encodeHeader(e: TarEntry): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  const long = (type: 'L' | 'K', value: string): void => {
    const data = enc.encode(`${value}\0`);
    blocks.push(header({ ...e, name: '././@LongLink', type: type as TarEntry['type'], size: data.length, mode: 0, uid: 0, gid: 0, mtime: 0, linkname: '', uname: 'root', gname: 'root' }));
    const body = new Uint8Array(pad512(data.length));
    body.set(data);
    blocks.push(body);
  };
  if (enc.encode(e.linkname).length > 100) long('K', e.linkname);
  if (enc.encode(e.name).length > 100) long('L', e.name);
  blocks.push(header({ ...e, name: e.name.slice(0, 100), linkname: e.linkname.slice(0, 100) }));
  return blocks;
}

/** The two zero blocks that end an archive. */
export const END_BLOCKS = new Uint8Array(1024);

function str(b: Uint8Array, off: number, len: number): string {
  const s = b.subarray(off, off + len);
  const z = s.indexOf(0);
  return dec.decode(z >= 0 ? s.subarray(0, z) : s);
}

function num(b: Uint8Array, off: number, len: number): number {
  if (b[off] & 0x80) {
    let v = 0;
    for (let i = 1; i < len; i++) v = v * 256 + b[off + i];
    return v;
  }
  const s = str(b, off, len).trim();
  return s ? parseInt(s, 8) : 0;
}

/** A corrupt archive. */
export class TarError extends Error {}

/** Parses an archive into entries with their data. */
export function* parseTar(data: Uint8Array): Generator<{ entry: TarEntry; body: Uint8Array }> {
  let off = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  while (off + 512 <= data.length) {
    const h = data.subarray(off, off + 512);
    if (h.every((b) => b === 0)) return;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    if (sum !== num(h, 148, 8)) throw new TarError('invalid tar header checksum');
    const type = String.fromCharCode(h[156] || 48);
    const size = pax.size !== undefined ? Number(pax.size) : num(h, 124, 12);
    const body = data.subarray(off + 512, off + 512 + size);
    if (body.length < size) throw new TarError('short read');
    off += 512 + pad512(size);
    if (type === 'L') { longName = str(body, 0, body.length); continue; }
    if (type === 'K') { longLink = str(body, 0, body.length); continue; }
    if (type === 'x' || type === 'g') {
      if (type === 'x') pax = parsePax(body);
      continue;
    }
    const prefix = str(h, 345, 155);
    const magic = str(h, 257, 6);
    const name = longName ?? pax.path ?? (magic === 'ustar' && prefix ? `${prefix}/${str(h, 0, 100)}` : str(h, 0, 100));
    yield {
      entry: {
        name, type: (type === '7' ? '0' : type) as TarEntry['type'], mode: num(h, 100, 8), uid: num(h, 108, 8), gid: num(h, 116, 8), size,
        mtime: pax.mtime !== undefined ? Math.floor(Number(pax.mtime)) : num(h, 136, 12), linkname: longLink ?? pax.linkpath ?? str(h, 157, 100),
        uname: str(h, 265, 32), gname: str(h, 297, 32), devmajor: num(h, 329, 8), devminor: num(h, 337, 8),
      },
      body,
    };
    longName = undefined;
    longLink = undefined;
    pax = {};
  }
}

function parsePax(body: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  let off = 0;
  while (off < body.length) {
    const sp = body.indexOf(0x20, off);
    if (sp < 0) break;
    const len = Number(dec.decode(body.subarray(off, sp)));
    if (!len) break;
    const rec = dec.decode(body.subarray(sp + 1, off + len - 1));
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    off += len;
  }
  return out;
}
