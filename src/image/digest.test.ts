import { describe, expect, it } from 'vitest';
import { computeDiffID, computeDigest, digestHex, isDigestString, parseDigest, shortId, verifyDigest } from './digest.js';

describe('digest', () => {
  it('computes sha256 digests in the sha256:<hex> form', () => {
    // sha256("") is a well-known constant.
    expect(computeDigest(new Uint8Array())).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(computeDiffID(Buffer.from('abc'))).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('validates the form', () => {
    expect(isDigestString('sha256:' + 'a'.repeat(64))).toBe(true);
    expect(isDigestString('sha256:' + 'A'.repeat(64))).toBe(false);
    expect(isDigestString('sha512:' + 'a'.repeat(64))).toBe(false);
    expect(isDigestString('a'.repeat(64))).toBe(false);
    expect(() => parseDigest('sha256:abc')).toThrow(/invalid digest "sha256:abc"/);
  });

  it('shortens and strips', () => {
    const d = computeDigest(Buffer.from('x'));
    expect(digestHex(d)).toHaveLength(64);
    expect(shortId(d)).toBe(digestHex(d).slice(0, 12));
    expect(shortId(digestHex(d))).toBe(digestHex(d).slice(0, 12));
  });

  it('verifies content against a digest', () => {
    const d = computeDigest(Buffer.from('hello'));
    expect(() => verifyDigest(Buffer.from('hello'), d)).not.toThrow();
    expect(() => verifyDigest(Buffer.from('hellO'), d, 'layer')).toThrow(new RegExp(`layer ${d} is corrupted`));
  });
});
