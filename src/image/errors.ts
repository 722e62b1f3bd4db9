// The one error type of the image store. `kind` matches the engine's error kinds
// (ARCHITECTURE.md: not-found, invalid-parameter, conflict, system) so the engine maps it to
// an HTTP status without parsing messages; messages are Docker's text where Docker has one.

/** Error kinds the image store raises. */
export type ImageErrorKind = 'not-found' | 'invalid-parameter' | 'conflict' | 'system';

/** An image-store failure with a kind and a Docker-worded message. */
export class ImageError extends Error {
  constructor(readonly kind: ImageErrorKind, message: string) {
    super(message);
    this.name = 'ImageError';
  }
}

/** `No such image: <ref>` (404 in Docker). */
export function noSuchImage(ref: string): ImageError {
  return new ImageError('not-found', `No such image: ${ref}`);
}
