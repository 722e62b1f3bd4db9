// POSIX regular expressions (basic and extended, with the GNU extensions glibc accepts:
// \+ \? \| in BREs, \w \s \b \< \>) translated to JavaScript RegExp source.
// Patterns and subjects are binary strings (one char per byte).

const CLASS: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: '0-9a-zA-Z', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f', xdigit: '0-9A-Fa-f',
  word: '0-9a-zA-Z_',
};

/** A bad pattern, with the message glibc's regerror would give. */
export class RegexError extends Error {}

function escapeClassChar(c: string): string {
  return /[\\\]\[^-]/.test(c) ? `\\${c}` : c;
}

/** Translates a bracket expression starting at `p[i] === '['`; returns JS class and end index. */
function bracket(p: string, i: number): { src: string; end: number } {
  let j = i + 1;
  let negate = false;
  if (p[j] === '^') { negate = true; j++; }
  let body = '';
  let first = true;
  while (j < p.length && (p[j] !== ']' || first)) {
    first = false;
    if (p[j] === '[' && (p[j + 1] === ':' || p[j + 1] === '=' || p[j + 1] === '.')) {
      const kind = p[j + 1];
      const close = p.indexOf(`${kind}]`, j + 2);
      if (close < 0) throw new RegexError('Unmatched [, [^, [:, [., or [=');
      const name = p.slice(j + 2, close);
      if (kind === ':') {
        if (!(name in CLASS)) throw new RegexError('Invalid character class name');
        body += CLASS[name];
      } else body += escapeClassChar(name);
      j = close + 2;
      continue;
    }
    if (p[j + 1] === '-' && p[j + 2] !== undefined && p[j + 2] !== ']') {
      body += `${escapeClassChar(p[j])}-${escapeClassChar(p[j + 2])}`;
      j += 3;
      continue;
    }
    body += escapeClassChar(p[j]);
    j++;
  }
  if (j >= p.length) throw new RegexError('Unmatched [, [^, [:, [., or [=');
  return { src: body === '' && negate ? '[^]' : `[${negate ? '^' : ''}${body}]`, end: j + 1 };
}

const JS_SPECIAL = /[.*+?^${}()|[\]\\\/]/;

/**
 * Translates a POSIX regex to JavaScript source. `extended` selects ERE; otherwise BRE.
 * Throws RegexError on an unbalanced pattern.
 */
export function posixToJs(p: string, extended: boolean): string {
  let out = '';
  let depth = 0;
  let atStart = true;
  for (let i = 0; i < p.length;) {
    const c = p[i];
    const wasStart = atStart;
    atStart = false;
    if (c === '[') {
      const b = bracket(p, i);
      out += b.src;
      i = b.end;
      continue;
    }
    if (c === '\\') {
      const n = p[i + 1];
      i += 2;
      if (n === undefined) throw new RegexError('Trailing backslash');
      if (!extended && n === '(') { out += '('; depth++; atStart = true; continue; }
      if (!extended && n === ')') { if (!depth) throw new RegexError('Unmatched ) or \\)'); out += ')'; depth--; continue; }
      if (!extended && n === '{') {
        const close = p.indexOf('\\}', i);
        if (close < 0) throw new RegexError('Unmatched \\{');
        out += `{${p.slice(i, close)}}`;
        i = close + 2;
        continue;
      }
      if (!extended && (n === '+' || n === '?')) { out += n; continue; }
      if (!extended && n === '|') { out += '|'; atStart = true; continue; }
      if (/[1-9]/.test(n)) { out += `\\${n}`; continue; }
      if (n === '<') { out += '\\b(?=\\w)'; continue; }
      if (n === '>') { out += '\\b(?<=\\w)'; continue; }
      if ('wWsSbB'.includes(n)) { out += `\\${n}`; continue; }
      if (n === 'n') { out += '\\n'; continue; }
      if (n === 't') { out += '\\t'; continue; }
      if (n === '`') { out += '^'; continue; }
      if (n === "'") { out += '$'; continue; }
      out += JS_SPECIAL.test(n) ? `\\${n}` : n;
      continue;
    }
    if (extended) {
      if (c === '(') { depth++; out += '('; atStart = true; i++; continue; }
      if (c === ')') {
        if (!depth) { out += '\\)'; i++; continue; }
        depth--; out += ')'; i++; continue;
      }
      if (c === '|') { out += '|'; atStart = true; i++; continue; }
      if (c === '{') {
        const m = /^\{(\d*)(,?)(\d*)\}/.exec(p.slice(i));
        if (m && (m[1] !== '' || m[3] !== '') && !wasStart) { out += m[1] === '' ? `{0,${m[3]}}` : m[0]; i += m[0].length; continue; }
        out += '\\{'; i++; continue;
      }
      if ((c === '*' || c === '+' || c === '?') && wasStart) { out += `\\${c}`; i++; continue; }
      if (c === '^') { out += '^'; atStart = true; i++; continue; }
      if (c === '$') { out += '$'; i++; continue; }
      if (c === '}') { out += '\\}'; i++; continue; }
      if (c === '/') { out += '\\/'; i++; continue; }
      out += c;
      i++;
      continue;
    }
    // BRE
    if (c === '*' && wasStart) { out += '\\*'; i++; continue; }
    if (c === '^') {
      if (wasStart) { out += '^'; atStart = true; } else out += '\\^';
      i++;
      continue;
    }
    if (c === '$') {
      const atEnd = i === p.length - 1 || p.startsWith('\\)', i + 1) || p.startsWith('\\|', i + 1);
      out += atEnd ? '$' : '\\$';
      i++;
      continue;
    }
    if ('+?(){}|/'.includes(c)) { out += `\\${c}`; i++; continue; }
    out += c;
    i++;
  }
  if (depth) throw new RegexError(extended ? 'Missing \')\'' : 'Unmatched ( or \\(');
  return out;
}

/** Compiles a POSIX pattern to a RegExp (dotAll, so `.` matches newline as in POSIX). */
export function compileRegex(p: string, opts: { extended: boolean; icase?: boolean; global?: boolean }): RegExp {
  const src = posixToJs(p, opts.extended);
  try {
    return new RegExp(src, `s${opts.icase ? 'i' : ''}${opts.global ? 'g' : ''}`);
  } catch {
    throw new RegexError('Invalid regular expression');
  }
}
