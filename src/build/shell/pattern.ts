// Shell wildcard patterns of `${VAR#pat}`, `${VAR%pat}` and `${VAR/pat/rep}`, turned into
// regular expressions the way BuildKit's shell lexer does (`*` and `?`, no bracket expressions).
import { BuildSyntaxError } from '../errors.js';

/** Converts a shell pattern to a RegExp; `*` is greedy or lazy, optionally anchored at the start. */
export function shellPatternToRegExp(pattern: string, greedy: boolean, anchored: boolean): RegExp {
  const chars = Array.from(pattern);
  let out = anchored ? '^' : '';
  // Go's `.` (what BuildKit uses) matches anything but a newline.
  const star = greedy ? '[^\n]*' : '[^\n]*?';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '*') { out += star; continue; }
    if (ch === '?') { out += '[^\n]'; continue; }
    if (ch === '\\') {
      const next = chars[i + 1];
      // `}` and `/` are escaped only to get them through the ${} syntax
      if (next === '}' || next === '/') continue;
      i++;
      if (next !== '*' && next !== '?' && next !== '\\') {
        throw new BuildSyntaxError(`invalid escape '\\${next ?? ''}'`);
      }
      out += '\\' + next;
      continue;
    }
    if ('[]{}.+()|^$'.includes(ch)) { out += '\\' + ch; continue; }
    out += ch;
  }
  return new RegExp(out, 'u');
}

/** Removes the shortest (or longest, when greedy) prefix of value matching pattern. */
export function trimPatternPrefix(pattern: string, value: string, greedy: boolean): string {
  const re = wrapPatternError(pattern, () => shellPatternToRegExp(pattern, greedy, true));
  const m = re.exec(value);
  return m ? value.slice(m[0].length) : value;
}

/** Removes the shortest (or longest) suffix of value matching pattern. */
export function trimPatternSuffix(pattern: string, value: string, greedy: boolean): string {
  // A regexp cannot find the shortest rightmost match, so reverse both and trim a prefix.
  const reversed = trimPatternPrefix(reversePattern(pattern), reverse(value), greedy);
  return reverse(reversed);
}

/** Replaces the first (or every) match of pattern in value. */
export function replacePattern(pattern: string, value: string, replacement: string, all: boolean): string {
  const re = wrapPatternError(pattern, () => shellPatternToRegExp(pattern, true, false));
  if (all) return value.replace(new RegExp(re.source, 'gu'), () => replacement);
  const m = re.exec(value);
  if (!m) return value;
  return value.slice(0, m.index) + replacement + value.slice(m.index + m[0].length);
}

function wrapPatternError(pattern: string, build: () => RegExp): RegExp {
  try {
    return build();
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new BuildSyntaxError(`invalid pattern (${pattern}) in substitution: ${msg}`);
  }
}

function reverse(s: string): string {
  return Array.from(s).reverse().join('');
}

/** Reverses a pattern but keeps escapes before the character they escape (`a\*c` → `c\*a`). */
function reversePattern(pattern: string): string {
  const chars = Array.from(pattern);
  const out = new Array<string>(chars.length);
  const last = chars.length - 1;
  for (let i = 0; i <= last;) {
    const at = last - i;
    if (chars[i] === '\\' && i !== last) {
      out[at - 1] = chars[i];
      out[at] = chars[i + 1];
      i += 2;
    } else {
      out[at] = chars[i];
      i++;
    }
  }
  return out.join('');
}
