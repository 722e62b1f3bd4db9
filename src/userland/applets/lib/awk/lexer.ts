// The awk lexer: tokens with line numbers; decides regex-vs-division by the previous token.
import { DieError } from '../report.js';

/** Token kinds. */
export type TokKind = 'num' | 'str' | 'ere' | 'name' | 'func' | 'builtin' | 'kw' | 'op' | 'nl' | 'eof';

/** A token. `func` is a user function name directly followed by `(`. */
export interface Tok { kind: TokKind; value: string; num?: number; line: number }

const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);
/** Built-in function names. */
export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush']);
const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '**=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**',
  '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

/** Splits awk program text into tokens. */
export function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = 1;
  const push = (kind: TokKind, value: string, num?: number): void => { toks.push({ kind, value, num, line }); };
  const regexAllowed = (): boolean => {
    const t = toks[toks.length - 1];
    if (!t) return true;
    if (t.kind === 'num' || t.kind === 'str' || t.kind === 'name' || t.kind === 'ere') return false;
    if (t.kind === 'builtin') return false;
    if (t.kind === 'op' && (t.value === ')' || t.value === ']' || t.value === '$' || t.value === '++' || t.value === '--')) return false;
    return true;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; line++; continue; }
    if (c === '\\' && src[i + 1] === '\r' && src[i + 2] === '\n') { i += 3; line++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '\n') { push('nl', '\n'); line++; i++; continue; }
    if (/[0-9.]/.test(c) && /^(\.?\d)/.test(src.slice(i, i + 2))) {
      const m = /^(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(src.slice(i))!;
      push('num', m[0], Number(m[0]));
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      const w = m[0];
      i += w.length;
      if (KEYWORDS.has(w)) push('kw', w === 'func' ? 'function' : w);
      else if (BUILTINS.has(w)) push('builtin', w);
      else if (src[i] === '(') push('func', w);
      else push('name', w);
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length || src[i] === '\n') throw new DieError(`line ${line}: unterminated string`);
        const ch = src[i++];
        if (ch === '"') break;
        if (ch !== '\\') { s += ch; continue; }
        const n = src[i++];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };
        if (n in simple) s += simple[n];
        else if (/[0-7]/.test(n)) {
          let o = n;
          while (o.length < 3 && /[0-7]/.test(src[i])) o += src[i++];
          s += String.fromCharCode(parseInt(o, 8));
        } else if (n === '\n') line++;
        else s += `\\${n}`;
      }
      push('str', s);
      continue;
    }
    if (c === '/' && regexAllowed()) {
      let s = '';
      i++;
      let inBracket = false;
      for (;;) {
        if (i >= src.length || src[i] === '\n') throw new DieError(`line ${line}: unterminated regexp`);
        const ch = src[i++];
        if (ch === '/' && !inBracket) break;
        if (ch === '[') inBracket = true;
        else if (ch === ']') inBracket = false;
        if (ch === '\\' && src[i] === '/') { s += '/'; i++; continue; }
        if (ch === '\\') { s += ch + src[i++]; continue; }
        s += ch;
      }
      push('ere', s);
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new DieError(`line ${line}: unexpected character '${c}'`);
    push('op', op === '**' ? '^' : op === '**=' ? '^=' : op);
    i += op.length;
  }
  push('eof', '');
  return toks;
}
