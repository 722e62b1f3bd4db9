// Image reference handling of the CLI (docker's distribution/reference): normalising a name to
// docker.io/library/x:latest form for pull and tag, and the familiar form for display.

/** A parsed reference. */
export interface ParsedReference {
  /** Fully qualified repository, e.g. docker.io/library/busybox. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Parses and normalises a reference ("busybox" → docker.io/library/busybox). */
export function parseReference(ref: string): ParsedReference {
  if (!ref || /[A-Z]/.test(ref.split('@')[0].split('/').slice(-1)[0].split(':')[0])) {
    throw new Error(`invalid reference format${ref && /[A-Z]/.test(ref) ? ': repository name (library/' + ref + ') must be lowercase' : ''}`);
  }
  let name = ref;
  let digest: string | undefined;
  const at = name.indexOf('@');
  if (at >= 0) { digest = name.slice(at + 1); name = name.slice(0, at); }
  let tag: string | undefined;
  const lastSlash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > lastSlash) { tag = name.slice(colon + 1); name = name.slice(0, colon); }
  if (!/^[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*$/i.test(name)) {
    throw new Error('invalid reference format');
  }
  const parts = name.split('/');
  const hasDomain = parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost');
  let repository: string;
  if (hasDomain) repository = name;
  else if (parts.length === 1) repository = `docker.io/library/${name}`;
  else repository = `docker.io/${name}`;
  return { repository, tag, digest };
}

/** The familiar form of a repository: drops docker.io/library/ and docker.io/. */
export function familiarName(repository: string): string {
  if (repository.startsWith('docker.io/library/')) return repository.slice('docker.io/library/'.length);
  if (repository.startsWith('docker.io/')) return repository.slice('docker.io/'.length);
  return repository;
}

/** The familiar string of a reference (`busybox:latest`, `myrepo/x@sha256:...`). */
export function familiarString(ref: ParsedReference): string {
  let s = familiarName(ref.repository);
  if (ref.tag) s += `:${ref.tag}`;
  if (ref.digest) s += `@${ref.digest}`;
  return s;
}

/** Adds ":latest" when neither tag nor digest is given (docker's TagNameOnly). */
export function withDefaultTag(ref: ParsedReference): ParsedReference {
  return ref.tag || ref.digest ? ref : { ...ref, tag: 'latest' };
}
