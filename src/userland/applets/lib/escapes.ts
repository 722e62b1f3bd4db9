// Backslash escapes as busybox's bb_process_escape_sequence reads them (echo -e, printf, tr):
// \a \b \e \f \n \r \t \v \\, octal \NNN, hex \xHH; anything else stays a literal backslash.

const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/**
 * Decodes the escape whose backslash is at `s[i]`. Returns the produced char and the index
 * after the escape. An unknown escape yields "\\" and leaves the next char in place.
 */
export function readEscape(s: string, i: number): { ch: string; next: number } {
  const c = s[i + 1];
  if (c === undefined) return { ch: '\\', next: i + 1 };
  if (c >= '0' && c <= '7') {
    let j = i + 1;
    let v = 0;
    while (j < s.length && j < i + 4 && s[j] >= '0' && s[j] <= '7') v = v * 8 + (s.charCodeAt(j++) - 48);
    return { ch: String.fromCharCode(v & 0xff), next: j };
  }
  if (c === 'x') {
    const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2, i + 4));
    if (!m) return { ch: '\\', next: i + 1 };
    return { ch: String.fromCharCode(parseInt(m[0], 16)), next: i + 2 + m[0].length };
  }
  if (c in simple) return { ch: simple[c], next: i + 2 };
  return { ch: '\\', next: i + 1 };
}

/**
 * Expands escapes in `s` (echo -e / printf %b rules: `\0NNN` is octal too). Returns the text and
 * whether `\c` (stop all output) was met.
 */
export function expandEscapes(s: string, zeroPrefixOctal = true): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length;) {
    if (s[i] !== '\\') { out += s[i++]; continue; }
    if (s[i + 1] === 'c') return { text: out, stop: true };
    if (zeroPrefixOctal && s[i + 1] === '0' && s[i + 2] >= '0' && s[i + 2] <= '7') {
      const r = readEscape(s, i + 1);
      out += r.ch;
      i = r.next;
      continue;
    }
    const r = readEscape(s, i);
    out += r.ch;
    i = r.next;
  }
  return { text: out, stop: false };
}
