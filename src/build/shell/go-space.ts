// Whitespace the way Go's unicode.IsSpace and the parser's `[\t\v\f\r ]+` regexp see it.
// Docker's parser is written in Go; JavaScript's \s differs (it includes U+FEFF, for one).

/** Go's unicode.IsSpace. */
export function isGoSpace(ch: string): boolean {
  switch (ch) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case '\u0085': case '\u00a0': case '\u1680': case '\u2028': case '\u2029':
    case '\u202f': case '\u205f': case '\u3000':
      return true;
    default:
      return ch >= '\u2000' && ch <= '\u200a';
  }
}

/** The parser's `reWhitespace`: a run of tab, vertical tab, form feed, carriage return or space. */
export const PARSER_WHITESPACE = /[\t\v\f\r ]+/;

/** Go's strings.TrimSpace. */
export function trimGoSpace(s: string): string {
  const chars = Array.from(s);
  let start = 0;
  let end = chars.length;
  while (start < end && isGoSpace(chars[start])) start++;
  while (end > start && isGoSpace(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}

/** Go's strings.TrimLeftFunc(s, unicode.IsSpace). */
export function trimGoSpaceLeft(s: string): string {
  const chars = Array.from(s);
  let start = 0;
  while (start < chars.length && isGoSpace(chars[start])) start++;
  return chars.slice(start).join('');
}

/** regexp.Split(s, n) with PARSER_WHITESPACE: at most `limit` parts (all when limit < 0). */
export function splitParserWhitespace(s: string, limit = -1): string[] {
  const re = new RegExp(PARSER_WHITESPACE.source, 'g');
  const parts: string[] = [];
  let last = 0;
  for (const m of s.matchAll(re)) {
    if (limit > 0 && parts.length === limit - 1) break;
    parts.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  parts.push(s.slice(last));
  return parts;
}
