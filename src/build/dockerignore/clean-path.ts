// Go's path.Clean (filepath.Clean on Linux), which Docker applies to ignore patterns and paths:
// collapses `//`, drops `.`, resolves `..` lexically, no trailing slash, empty → `.`.

/** Lexically cleans a slash-separated path like Go's path.Clean. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}
