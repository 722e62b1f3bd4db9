// Unit tests of the pure algorithms: hashes against published vectors, DEFLATE/gzip against
// node:zlib (interoperability both ways), ustar round trips, and the C-format helpers.
import { gunzipSync, gzipSync, inflateRawSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5, sha1, sha256 } from './lib/hash.js';
import { crc32 } from './lib/crc32.js';
import { deflateRaw } from './lib/deflate.js';
import { inflateRaw } from './lib/inflate.js';
import { gzipDecode, gzipEncode } from './lib/gzip-format.js';
import { encodeHeader, parseTar, END_BLOCKS, type TarEntry } from './lib/ustar.js';
import { formatFloat, formatInt } from './lib/cformat.js';
import { posixToJs } from './lib/regex.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('hashes', () => {
  it('match the RFC/FIPS test vectors', () => {
    expect(md5(enc(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5(enc('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(sha1(enc('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha256(enc('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256(enc('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });
  it('agree with node:crypto on block-boundary lengths', () => {
    for (const n of [55, 56, 63, 64, 65, 1000]) {
      const data = new Uint8Array(n).map((_, i) => (i * 31) & 0xff);
      for (const alg of ['md5', 'sha1', 'sha256'] as const) {
        const ours = { md5, sha1, sha256 }[alg](data);
        expect(ours).toBe(createHash(alg).update(data).digest('hex'));
      }
    }
  });
  it('crc32 of "123456789" is the check value', () => {
    expect(crc32(enc('123456789'))).toBe(0xcbf43926);
  });
});

describe('deflate and gzip', () => {
  const samples = [new Uint8Array(0), enc('hello hello hello hello\n'), new Uint8Array(70000).map((_, i) => (i % 251) ^ (i >> 9)), enc('a'.repeat(100000))];
  it('our deflate is readable by zlib and round-trips through our inflate', () => {
    for (const s of samples) {
      for (const level of [0, 1, 6, 9]) {
        const d = deflateRaw(s, level);
        expect(new Uint8Array(inflateRawSync(d))).toEqual(s);
        expect(inflateRaw(d).out).toEqual(s);
      }
    }
    expect(deflateRaw(samples[3]).length).toBeLessThan(2000);
  });
  it('our gunzip reads zlib gzip (dynamic Huffman) and zlib reads ours', () => {
    for (const s of samples) {
      expect(gzipDecode(new Uint8Array(gzipSync(s)))).toEqual(s);
      expect(new Uint8Array(gunzipSync(gzipEncode(s, { name: 'x' })))).toEqual(s);
    }
  });
  it('rejects corrupt data', () => {
    const g = gzipEncode(enc('hello'));
    g[g.length - 6] ^= 1;
    expect(() => gzipDecode(g)).toThrow(/crc/);
    expect(() => gzipDecode(enc('nope'))).toThrow(/invalid magic/);
  });
});

describe('ustar', () => {
  it('round-trips entries including GNU long names', () => {
    const long = `${'d'.repeat(80)}/${'f'.repeat(60)}`;
    const base: TarEntry = { name: 'a.txt', type: '0', mode: 0o644, uid: 0, gid: 0, size: 3, mtime: 1700000000, linkname: '', uname: 'root', gname: 'root', devmajor: 0, devminor: 0 };
    const blocks: Uint8Array[] = [];
    for (const e of [base, { ...base, name: long }, { ...base, name: 'l', type: '2' as const, size: 0, linkname: 'a.txt' }]) {
      blocks.push(...encodeHeader(e));
      if (e.size) { const b = new Uint8Array(512); b.set(enc('abc')); blocks.push(b); }
    }
    blocks.push(END_BLOCKS);
    const all = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
    let off = 0;
    for (const b of blocks) { all.set(b, off); off += b.length; }
    const got = [...parseTar(all)].map(({ entry, body }) => [entry.name, entry.type, entry.linkname, new TextDecoder().decode(body)]);
    expect(got).toEqual([['a.txt', '0', '', 'abc'], [long, '0', '', 'abc'], ['l', '2', 'a.txt', '']]);
  });
});

describe('C formatting and regex translation', () => {
  it('formats like glibc printf', () => {
    expect(formatFloat(0.0001, { flags: '', conv: 'g' })).toBe('0.0001');
    expect(formatFloat(123456789, { flags: '', conv: 'g' })).toBe('1.23457e+08');
    expect(formatFloat(-1.5, { flags: '', width: 8, precision: 2, conv: 'e' })).toBe('-1.50e+00');
    expect(formatInt(-42n, { flags: '0', width: 6, conv: 'd' })).toBe('-00042');
    expect(formatInt(255n, { flags: '#', conv: 'X' })).toBe('0XFF');
  });
  it('translates BRE and ERE', () => {
    expect(posixToJs('a\\(b\\)*c\\{2\\}', false)).toBe('a(b)*c{2}');
    expect(posixToJs('a+b?(c|d)', false)).toBe('a\\+b\\?\\(c\\|d\\)');
    expect(posixToJs('^*x$', false)).toBe('^\\*x$');
    expect(posixToJs('[[:digit:]]+|[]a]', true)).toBe('[0-9]+|[\\]a]');
  });
});
