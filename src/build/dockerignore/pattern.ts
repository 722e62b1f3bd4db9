// One ignore pattern compiled the way moby/patternmatcher does: exact, prefix (`dir/**`),
// suffix (`**/name`) or regular-expression matching; `*` and `?` stop at `/`, `**` crosses
// directories, `[...]` classes pass through, `\` escapes.
import { BuildSyntaxError } from '../errors.js';

const ESCAPED = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);

/** A compiled pattern. */
export interface IgnorePattern {
  /** The cleaned pattern text, without `!`. */
  text: string;
  /** `!pattern`: re-includes what earlier patterns excluded. */
  exclusion: boolean;
  /** True when the path matches this pattern (the path itself, not its parents). */
  match(path: string): boolean;
}

/** Checks the syntax Go's filepath.Match accepts: well-formed `[...]` classes, no dangling `\`. */
export function checkPatternSyntax(pattern: string): void {
  const bad = (): never => {
    throw new BuildSyntaxError('syntax error in pattern');
  };
  const chars = Array.from(pattern);
  // One class character (maybe escaped); something must follow it.
  const classChar = (i: number): number => {
    if (i >= chars.length || chars[i] === '-' || chars[i] === ']') bad();
    if (chars[i] === '\\' && ++i >= chars.length) bad();
    if (++i >= chars.length) bad();
    return i;
  };
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '\\') {
      if (i + 1 >= chars.length) bad();
      i++;
    } else if (chars[i] === '[') {
      i++;
      if (chars[i] === '^') i++;
      for (let ranges = 0; !(chars[i] === ']' && ranges > 0); ranges++) {
        i = classChar(i);
        if (chars[i] === '-') i = classChar(i + 1);
      }
    }
  }
}

/** Compiles one pattern (already cleaned; a leading `!` marks an exception). */
export function compilePattern(raw: string): IgnorePattern {
  const exclusion = raw.startsWith('!');
  const text = exclusion ? raw.slice(1) : raw;
  checkPatternSyntax(text);
  let type = 'exact' as 'exact' | 'prefix' | 'suffix' | 'regexp';
  let re = '^';
  const chars = Array.from(text);
  let pos = 0;
  for (let i = 0; pos < chars.length; i++) {
    const ch = chars[pos++];
    if (ch === '*') {
      if (chars[pos] === '*') {
        pos++;
        if (chars[pos] === '/') pos++;
        if (pos >= chars.length) {
          if (type === 'exact') type = 'prefix';
          else {
            re += '[^]*';
            type = 'regexp';
          }
        } else {
          re += '([^]*/)?';
          type = 'regexp';
        }
        if (i === 0) type = 'suffix';
      } else {
        re += '[^/]*';
        type = 'regexp';
      }
    } else if (ch === '?') {
      re += '[^/]';
      type = 'regexp';
    } else if (ESCAPED.has(ch)) {
      re += '\\' + ch;
    } else if (ch === '\\') {
      if (pos < chars.length) {
        const next = chars[pos++];
        re += /[A-Za-z0-9]/.test(next) ? next : '\\' + next;
        type = 'regexp';
      } else {
        re += '\\\\';
      }
    } else if (ch === '[' || ch === ']') {
      re += ch;
      type = 'regexp';
    } else {
      re += ch;
    }
  }
  let regexp: RegExp | null = null;
  if (type === 'regexp') {
    try {
      regexp = new RegExp(re + '$', 'u');
    } catch {
      throw new BuildSyntaxError('syntax error in pattern');
    }
  }
  const match = (path: string): boolean => {
    switch (type) {
      case 'exact': return path === text;
      case 'prefix': return path.startsWith(text.slice(0, -2));
      case 'suffix': {
        const suffix = text.slice(2);
        if (path.endsWith(suffix)) return true;
        return suffix.startsWith('/') && path === suffix.slice(1);
      }
      default: return regexp!.test(path);
    }
  };
  return { text, exclusion, match };
}
