// Finding an image from what a user typed, in moby's order: a digest (`sha256:<64hex>` or a bare
// 64-hex ID) is an image ID; otherwise a name (tag defaulted to latest) is looked up among the
// references; failing that, the text is tried as a unique ID prefix (with or without `sha256:`).
import { isDigestString, type Digest } from './digest.js';
import { ImageError, noSuchImage } from './errors.js';
import { imageByRef, type ImageRecord, type ImageTable } from './image-record.js';
import { familiarString, InvalidReferenceError, isFullHexId, normalizedString, parseReference, withDefaultTag } from './reference.js';

const hexPrefix = /^(?:sha256:)?([a-f0-9]+)$/;

function byIdPrefix(table: ImageTable, input: string): ImageRecord | undefined {
  const m = hexPrefix.exec(input);
  if (!m) return undefined;
  const matches = [...table.values()].filter((img) => img.id.slice(7).startsWith(m[1]));
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * Resolves `input` to an image. Throws ImageError(not-found) `No such image: <familiar ref>`
 * (e.g. `No such image: nope:latest`), or ImageError(invalid-parameter) for malformed text.
 * A digest reference `name@sha256:X` matches a stored digest reference, or an image whose
 * manifest digest is X and which has a reference in the same repository.
 */
export function resolveImage(table: ImageTable, input: string): ImageRecord {
  if (isFullHexId(input) || isDigestString(input)) {
    const id = (input.startsWith('sha256:') ? input : `sha256:${input}`) as Digest;
    const img = table.get(id);
    if (!img) throw noSuchImage(id);
    return img;
  }
  let ref;
  try {
    ref = withDefaultTag(parseReference(input));
  } catch (err) {
    if (err instanceof InvalidReferenceError) throw new ImageError('invalid-parameter', err.message);
    throw err;
  }
  const found = imageByRef(table, normalizedString(ref));
  if (found) return found;
  if (ref.digest) {
    const sameRepo = [...table.values()].find((img) =>
      img.manifestDigest === ref.digest && img.refs.some((r) => parseReference(r).name === ref.name));
    if (sameRepo) return sameRepo;
  }
  const byId = byIdPrefix(table, input);
  if (byId) return byId;
  throw noSuchImage(familiarString(ref));
}
