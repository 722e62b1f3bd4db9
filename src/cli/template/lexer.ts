// Lexer of Go text/template: splits the source into text and action tokens, honouring trim
// markers ("{{- " and " -}}") and comments ("{{/* */}}").
import { TemplateError } from './template-error.js';

/** Token kinds inside actions (plus text and the action delimiters). */
export type TokenKind =
  | 'text' | 'open' | 'close' | 'field' | 'dot' | 'variable' | 'ident' | 'string' | 'number'
  | 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign' | 'comma' | 'eof';

/** One token; `pos` is its byte offset in the source. */
export interface Token {
  kind: TokenKind;
  value: string;
  pos: number;
}

const isIdentChar = (c: string) => /[A-Za-z0-9_]/.test(c);

/** Tokenises a whole template. */
export function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    let textEnd = open < 0 ? src.length : open;
    let trimLeft = false;
    if (open >= 0 && src[open + 2] === '-' && /\s/.test(src[open + 3] ?? '')) trimLeft = true;
    let text = src.slice(i, textEnd);
    if (trimLeft) text = text.replace(/\s+$/, '');
    if (text) tokens.push({ kind: 'text', value: text, pos: i });
    if (open < 0) break;
    i = open + 2 + (trimLeft ? 2 : 0);
    // comment
    const rest = src.slice(i).replace(/^\s*/, '');
    if (rest.startsWith('/*')) {
      const start = src.indexOf('/*', i);
      const end = src.indexOf('*/', start + 2);
      if (end < 0) throw new TemplateError(`template: :${lineOf(src, open)}: unclosed comment`);
      let j = end + 2;
      while (/\s/.test(src[j] ?? '') && !(src.startsWith('-}}', j))) j++;
      let trimRight = false;
      if (src.startsWith('-}}', j)) { trimRight = true; j++; }
      if (!src.startsWith('}}', j)) throw new TemplateError(`template: :${lineOf(src, open)}: comment ends before closing delimiter`);
      i = j + 2;
      if (trimRight) i = skipSpace(src, i);
      continue;
    }
    tokens.push({ kind: 'open', value: '{{', pos: open });
    // inside action
    for (;;) {
      if (i >= src.length) throw new TemplateError(`template: :${lineOf(src, open)}: unclosed action`);
      const c = src[i];
      if (/\s/.test(c)) {
        // " -}}" trim marker
        let j = i;
        while (/\s/.test(src[j] ?? '')) j++;
        if (src.startsWith('-}}', j)) {
          tokens.push({ kind: 'close', value: '}}', pos: j + 1 });
          i = skipSpace(src, j + 3);
          break;
        }
        i = j;
        continue;
      }
      if (src.startsWith('}}', i)) {
        tokens.push({ kind: 'close', value: '}}', pos: i });
        i += 2;
        break;
      }
      const start = i;
      if (c === '|') { tokens.push({ kind: 'pipe', value: c, pos: i++ }); continue; }
      if (c === '(') { tokens.push({ kind: 'lparen', value: c, pos: i++ }); continue; }
      if (c === ')') { tokens.push({ kind: 'rparen', value: c, pos: i++ }); continue; }
      if (c === ',') { tokens.push({ kind: 'comma', value: c, pos: i++ }); continue; }
      if (c === ':' && src[i + 1] === '=') { tokens.push({ kind: 'declare', value: ':=', pos: i }); i += 2; continue; }
      if (c === '=') { tokens.push({ kind: 'assign', value: '=', pos: i++ }); continue; }
      if (c === '"') {
        let j = i + 1;
        let value = '';
        while (j < src.length && src[j] !== '"') {
          if (src[j] === '\n') throw new TemplateError(`template: :${lineOf(src, open)}: unterminated quoted string`);
          if (src[j] === '\\') {
            const e = src[j + 1];
            const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };
            if (e === 'x') { value += String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16)); j += 4; continue; }
            if (e === 'u') { value += String.fromCodePoint(parseInt(src.slice(j + 2, j + 6), 16)); j += 6; continue; }
            if (e === 'U') { value += String.fromCodePoint(parseInt(src.slice(j + 2, j + 10), 16)); j += 10; continue; }
            if (!(e in simple)) throw new TemplateError(`template: :${lineOf(src, open)}: unknown escape sequence: \\${e}`);
            value += simple[e];
            j += 2;
            continue;
          }
          value += src[j++];
        }
        if (j >= src.length) throw new TemplateError(`template: :${lineOf(src, open)}: unterminated quoted string`);
        tokens.push({ kind: 'string', value, pos: start });
        i = j + 1;
        continue;
      }
      if (c === '`') {
        const end = src.indexOf('`', i + 1);
        if (end < 0) throw new TemplateError(`template: :${lineOf(src, open)}: unterminated raw quoted string`);
        tokens.push({ kind: 'string', value: src.slice(i + 1, end), pos: start });
        i = end + 1;
        continue;
      }
      if (c === '.' && !/[0-9]/.test(src[i + 1] ?? '')) {
        let j = i + 1;
        while (j < src.length && isIdentChar(src[j])) j++;
        if (j === i + 1) tokens.push({ kind: 'dot', value: '.', pos: i });
        else tokens.push({ kind: 'field', value: src.slice(i + 1, j), pos: i });
        i = j;
        continue;
      }
      if (c === '$') {
        let j = i + 1;
        while (j < src.length && isIdentChar(src[j])) j++;
        tokens.push({ kind: 'variable', value: src.slice(i, j), pos: i });
        i = j;
        continue;
      }
      if (/[0-9+\-.]/.test(c)) {
        const m = /^[+-]?(0[xX][0-9a-fA-F_]+|[0-9_]*\.?[0-9_]+([eE][+-]?[0-9]+)?)/.exec(src.slice(i));
        if (!m || m[0] === '' || m[0] === '-' || m[0] === '+') throw new TemplateError(`template: :${lineOf(src, open)}: bad number syntax: "${c}"`);
        tokens.push({ kind: 'number', value: m[0], pos: i });
        i += m[0].length;
        continue;
      }
      if (/[A-Za-z_]/.test(c)) {
        let j = i;
        while (j < src.length && isIdentChar(src[j])) j++;
        tokens.push({ kind: 'ident', value: src.slice(i, j), pos: i });
        i = j;
        continue;
      }
      throw new TemplateError(`template: :${lineOf(src, open)}: unexpected "${c}" in command`);
    }
  }
  tokens.push({ kind: 'eof', value: '', pos: src.length });
  return tokens;
}

function skipSpace(src: string, i: number): number {
  while (i < src.length && /\s/.test(src[i])) i++;
  return i;
}

function lineOf(src: string, offset: number): number {
  return src.slice(0, offset).split('\n').length;
}
