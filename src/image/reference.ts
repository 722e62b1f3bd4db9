// Image references the way Docker parses and normalises them (distribution/reference):
// `busybox` ≡ `busybox:latest` ≡ `docker.io/library/busybox:latest`; `name@sha256:…` digests;
// the familiar (display) form drops `docker.io/` and `library/`. IDs are resolved in image-store.ts.
import { isDigestString, type Digest } from './digest.js';

/** A parsed, normalised named reference. */
export interface ImageReference {
  /** Registry host (`docker.io` by default). */
  domain: string;
  /** Repository path below the domain (`library/busybox`). */
  path: string;
  /** `domain/path`, e.g. `docker.io/library/busybox`. */
  name: string;
  /** The tag, when given (or defaulted by `withDefaultTag`). */
  tag?: string;
  /** The digest of a `name@sha256:…` reference. */
  digest?: Digest;
}

/** Thrown for text that is not a valid reference; the message is Docker's. */
export class InvalidReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidReferenceError';
  }
}

const defaultDomain = 'docker.io';
const pathComponent = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const domainPattern = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$/;
const tagPattern = /^[\w][\w.-]{0,127}$/;
const hex64 = /^[a-f0-9]{64}$/;

/** Whether `s` is exactly 64 lowercase hex characters (an ID, never a repository name). */
export function isFullHexId(s: string): boolean {
  return hex64.test(s);
}

/**
 * Parses and normalises a reference (`name[:tag][@sha256:hex]`). Does not add a default tag.
 * Throws InvalidReferenceError: `invalid reference format`, `... must be lowercase`, or
 * `invalid repository name (...), cannot specify 64-byte hexadecimal strings`.
 */
export function parseReference(input: string): ImageReference {
  if (isFullHexId(input)) {
    throw new InvalidReferenceError(`invalid repository name (${input}), cannot specify 64-byte hexadecimal strings`);
  }
  let rest = input;
  let digest: Digest | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const d = rest.slice(at + 1);
    if (!isDigestString(d)) throw new InvalidReferenceError('invalid reference format');
    digest = d as Digest;
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagPattern.test(tag)) throw new InvalidReferenceError('invalid reference format');
  }
  if (rest === '' || rest.length > 255) throw new InvalidReferenceError('invalid reference format');
  const slash = rest.indexOf('/');
  const first = slash < 0 ? rest : rest.slice(0, slash);
  let domain = defaultDomain;
  let path = rest;
  if (slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first)) {
    domain = first;
    path = rest.slice(slash + 1);
    if (!domainPattern.test(domain)) throw new InvalidReferenceError('invalid reference format');
  }
  if (domain === 'index.docker.io') domain = defaultDomain;
  if (domain === defaultDomain && !path.includes('/')) path = `library/${path}`;
  if (path.toLowerCase() !== path) {
    throw new InvalidReferenceError(`invalid reference format: repository name (${path}) must be lowercase`);
  }
  if (!path.split('/').every((c) => pathComponent.test(c))) throw new InvalidReferenceError('invalid reference format');
  const ref: ImageReference = { domain, path, name: `${domain}/${path}` };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** `ref` with tag `latest` when it has neither tag nor digest (Docker's TagNameOnly). */
export function withDefaultTag(ref: ImageReference): ImageReference {
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: 'latest' } : ref;
}

/** The familiar repository name: `busybox`, `myrepo/x`, `host:5000/x`. */
export function familiarName(ref: Pick<ImageReference, 'domain' | 'path'>): string {
  if (ref.domain !== defaultDomain) return `${ref.domain}/${ref.path}`;
  const p = ref.path;
  return p.startsWith('library/') && p.split('/').length === 2 ? p.slice('library/'.length) : p;
}

function suffix(ref: ImageReference): string {
  return (ref.tag !== undefined ? `:${ref.tag}` : '') + (ref.digest !== undefined ? `@${ref.digest}` : '');
}

/** Fully qualified string: `docker.io/library/busybox:latest`. */
export function normalizedString(ref: ImageReference): string {
  return ref.name + suffix(ref);
}

/** Familiar string: `busybox:latest`, `myrepo/x@sha256:…`. */
export function familiarString(ref: ImageReference): string {
  return familiarName(ref) + suffix(ref);
}

/** Parses, adds `:latest` when needed and returns the fully qualified string. */
export function normalizeReference(input: string): string {
  return normalizedString(withDefaultTag(parseReference(input)));
}
