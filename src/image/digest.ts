// Content addresses: `Digest` (sha256 of a stored blob, possibly compressed) and `DiffID` (sha256 of
// an uncompressed layer tar) are distinct branded strings so one is never passed for the other.
// Image IDs are the Digest of the config blob. Helpers to compute, validate and shorten them.
import { createHash } from 'node:crypto';

/** `sha256:<64 hex>` naming a blob as stored (manifest, config, layer as stored). */
export type Digest = string & { readonly __brand: 'Digest' };
/** `sha256:<64 hex>` of an uncompressed layer tar, as listed in `rootfs.diff_ids`. */
export type DiffID = string & { readonly __brand: 'DiffID' };

const digestPattern = /^sha256:[a-f0-9]{64}$/;

/** Whether `s` is a well-formed `sha256:<64 lowercase hex>` string. */
export function isDigestString(s: string): boolean {
  return digestPattern.test(s);
}

function sha256(data: Uint8Array): string {
  return 'sha256:' + createHash('sha256').update(data).digest('hex');
}

/** The Digest of `data`, a blob as it is stored. */
export function computeDigest(data: Uint8Array): Digest {
  return sha256(data) as Digest;
}

/** The DiffID of `tar`, which must be the uncompressed layer tar. */
export function computeDiffID(tar: Uint8Array): DiffID {
  return sha256(tar) as DiffID;
}

/** Validates `s` as a Digest; throws `invalid digest "<s>"` otherwise. */
export function parseDigest(s: string): Digest {
  if (!isDigestString(s)) throw new Error(`invalid digest "${s}": expected sha256:<64 lowercase hex>`);
  return s as Digest;
}

/** Validates `s` as a DiffID; throws otherwise. */
export function parseDiffID(s: string): DiffID {
  if (!isDigestString(s)) throw new Error(`invalid diffID "${s}": expected sha256:<64 lowercase hex>`);
  return s as DiffID;
}

/** The 64-hex part of a digest. */
export function digestHex(d: Digest | DiffID): string {
  return d.slice('sha256:'.length);
}

/** Docker's short form of an ID: the first 12 hex characters, without `sha256:`. */
export function shortId(d: string): string {
  return (d.startsWith('sha256:') ? d.slice(7) : d).slice(0, 12);
}

/** Throws when `data` does not hash to `expected`; `what` names the blob in the message. */
export function verifyDigest(data: Uint8Array, expected: Digest, what = 'blob'): void {
  const actual = computeDigest(data);
  if (actual !== expected) {
    throw new Error(`${what} ${expected} is corrupted: its content hashes to ${actual}`);
  }
}
