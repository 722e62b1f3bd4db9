// Validation of what callers hand the image store: JSON blobs, image configs, references to
// store. Every failure is an ImageError(invalid-parameter) with a message naming the input.
import { ImageError } from './errors.js';
import type { ImageConfig } from './oci-types.js';
import { InvalidReferenceError, normalizedString, parseReference, withDefaultTag } from './reference.js';

/** Whether two lists are equal element by element. */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Parses JSON bytes; ImageError(invalid-parameter) naming `what` otherwise. */
export function parseJson<T>(bytes: Uint8Array, what: string): T {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
  } catch (err) {
    throw new ImageError('invalid-parameter', `${what} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Checks the fields every image config must have; ImageError(invalid-parameter) otherwise. */
export function validateConfig(config: ImageConfig, what: string): void {
  if (typeof config !== 'object' || config === null) throw new ImageError('invalid-parameter', `${what} is not an object`);
  if (config.rootfs?.type !== 'layers' || !Array.isArray(config.rootfs.diff_ids)) {
    throw new ImageError('invalid-parameter', `${what} has no rootfs of type "layers"`);
  }
  if (typeof config.architecture !== 'string' || typeof config.os !== 'string') {
    throw new ImageError('invalid-parameter', `${what} lacks architecture or os`);
  }
}

/** Normalises a reference to store (tag defaulted); digest references only when allowed. */
export function referenceFor(input: string, allowDigest: boolean): string {
  let ref;
  try {
    ref = withDefaultTag(parseReference(input));
  } catch (err) {
    if (err instanceof InvalidReferenceError) throw new ImageError('invalid-parameter', err.message);
    throw err;
  }
  if (ref.digest && !allowDigest) throw new ImageError('invalid-parameter', 'refusing to create a tag with a digest reference');
  return normalizedString(ref);
}
