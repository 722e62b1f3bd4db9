// Image reference display helpers for server-side filters: Docker's "familiar" form drops
// docker.io/library/ and docker.io/ ("docker.io/library/alpine:latest" → "alpine:latest").

/** Familiar form of a reference, with ":latest" added when it has neither tag nor digest. */
export function familiarRef(ref: string): string {
  let r = ref.replace(/^(docker\.io|index\.docker\.io)\/(library\/)?/, '');
  const lastSlash = r.lastIndexOf('/');
  if (!r.includes('@') && !r.slice(lastSlash + 1).includes(':')) r += ':latest';
  return r;
}

/** Familiar repository name without tag or digest ("docker.io/library/alpine:3" → "alpine"). */
export function familiarRepo(ref: string): string {
  const f = familiarRef(ref).replace(/@.*$/, '');
  const lastSlash = f.lastIndexOf('/');
  const colon = f.indexOf(':', lastSlash + 1);
  return colon >= 0 ? f.slice(0, colon) : f;
}

/** Go path.Match-style glob ("*" and "?" not crossing "/", "[...]" classes) as a RegExp. */
export function globRegExp(pattern: string): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') src += '[^/]*';
    else if (c === '?') src += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) { src += '\\['; continue; }
      src += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = end;
    } else src += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${src}$`);
}
