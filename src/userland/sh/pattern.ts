// Shell pattern matching (fnmatch without flags): `*`, `?`, bracket expressions with `!`/`^`,
// ranges and [:classes:], backslash escapes. Used by case, ${x#p}/${x%p} and globbing.

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

const reEscape = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

const cache = new Map<string, RegExp>();

/** Parses a bracket expression starting at `[`; returns [regex source, index after `]`] or undefined. */
function bracket(p: string, i: number): [string, number] | undefined {
  let j = i + 1;
  let neg = false;
  if (p[j] === '!' || p[j] === '^') { neg = true; j++; }
  let body = '';
  let first = true;
  for (;;) {
    if (j >= p.length) return undefined;
    let c = p[j];
    if (c === ']' && !first) break;
    first = false;
    if (c === '[' && p[j + 1] === ':') {
      const end = p.indexOf(':]', j + 2);
      if (end > 0) {
        const cls = CLASSES[p.slice(j + 2, end)];
        if (cls !== undefined) { body += cls; j = end + 2; continue; }
      }
    }
    if (c === '\\' && j + 1 < p.length) { j++; c = p[j]; }
    if (p[j + 1] === '-' && p[j + 2] !== undefined && p[j + 2] !== ']') {
      let hi = p[j + 2];
      let k = j + 3;
      if (hi === '\\' && k < p.length) { hi = p[k]; k++; }
      if (c <= hi) body += `${reEscape(c)}-${reEscape(hi)}`;
      j = k;
      continue;
    }
    body += reEscape(c);
    j++;
  }
  if (!body) return [neg ? '[^]' : '[]', j + 1];
  return [neg ? `[^${body}]` : `[${body}]`, j + 1];
}

/** Regex source for a shell pattern (unanchored). */
export function patternSource(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '[') {
      const b = bracket(p, i);
      if (b) { out += b[0]; i = b[1] - 1; } else out += '\\[';
    } else if (c === '\\') {
      i++;
      out += i < p.length ? reEscape(p[i]) : '\\\\';
    } else out += reEscape(c);
  }
  return out;
}

/** The anchored RegExp for a pattern (cached). */
export function patternRegExp(p: string): RegExp {
  let re = cache.get(p);
  if (!re) {
    re = new RegExp(`^(?:${patternSource(p)})$`);
    if (cache.size > 500) cache.clear();
    cache.set(p, re);
  }
  return re;
}

/** True if `s` matches pattern `p` entirely. */
export function matchPattern(p: string, s: string): boolean {
  return patternRegExp(p).test(s);
}

/** True if `p` has an unescaped `*`, `?` or `[` (so it must be matched, not compared). */
export function hasGlobChars(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === '*' || p[i] === '?' || p[i] === '[') return true;
  }
  return false;
}

/** Removes pattern escapes: `a\*b` → `a*b`. */
export function unescapePattern(p: string): string {
  return p.replace(/\\([\s\S])/g, '$1');
}

/** Escapes pattern characters so the text matches itself. */
export function escapePattern(s: string): string {
  return s.replace(/[\\*?[\]]/g, '\\$&');
}

/**
 * Removes the shortest/longest prefix (`#`, `##`) or suffix (`%`, `%%`) of `s` matching `p`,
 * as ${var#p} does.
 */
export function trimPattern(s: string, p: string, op: '#' | '##' | '%' | '%%'): string {
  const re = patternRegExp(p);
  const n = s.length;
  if (op === '#') { for (let i = 0; i <= n; i++) if (re.test(s.slice(0, i))) return s.slice(i); }
  else if (op === '##') { for (let i = n; i >= 0; i--) if (re.test(s.slice(0, i))) return s.slice(i); }
  else if (op === '%') { for (let i = n; i >= 0; i--) if (re.test(s.slice(i))) return s.slice(0, i); }
  else { for (let i = 0; i <= n; i++) if (re.test(s.slice(i))) return s.slice(0, i); }
  return s;
}

/** bash's ${var/p/r} family: replaces the first/all/prefix/suffix match (longest at each spot). */
export function replacePattern(s: string, p: string, r: string, mode: '/' | '//' | '/#' | '/%'): string {
  const re = patternRegExp(p);
  const n = s.length;
  if (mode === '/#') { for (let i = n; i >= 0; i--) if (re.test(s.slice(0, i))) return r + s.slice(i); return s; }
  if (mode === '/%') { for (let i = 0; i <= n; i++) if (re.test(s.slice(i))) return s.slice(0, i) + r; return s; }
  let out = '';
  let i = 0;
  while (i <= n) {
    let matched = -1;
    for (let j = n; j >= i; j--) if (re.test(s.slice(i, j))) { matched = j; break; }
    if (matched >= 0 && (matched > i || p === '')) {
      out += r;
      if (mode === '/') return out + s.slice(matched);
      if (matched === i) { if (i < n) out += s[i]; i++; } else i = matched;
    } else {
      if (i < n) out += s[i];
      i++;
    }
  }
  return out;
}
