// Reads the inside of words for the lexer: quoting ('…', "…", \c, $'…'), parameter expansions
// ${…}, command substitutions $( ) and `…`, arithmetic $(( )), and here-document bodies.
// Produces ast.ts Parts; tilde and field splitting happen later, at expansion.
import type { ParamOp, Part, Word } from './ast.js';
import { Lexer, isMeta, type SubParse } from './lexer.js';

/** Collects parts, merging neighbouring literal runs of the same kind. */
class Parts {
  readonly list: Part[] = [];
  quoted = false;

  lit(text: string): void {
    const last = this.list[this.list.length - 1];
    if (last?.type === 'lit') last.text += text;
    else this.list.push({ type: 'lit', text });
  }

  q(text: string): void {
    this.quoted = true;
    const last = this.list[this.list.length - 1];
    if (last?.type === 'quoted') last.text += text;
    else this.list.push({ type: 'quoted', text });
  }

  push(p: Part): void {
    this.list.push(p);
  }
}

/** Reads an unquoted word up to the next metacharacter. `eofmark`: no expansions (heredoc delimiter). */
export function readWord(lx: Lexer, eofmark = false): Word {
  const start = lx.pos;
  const b = new Parts();
  for (;;) {
    const c = lx.peek();
    if (isMeta(c)) break;
    if (c === '\\') {
      lx.adv();
      if (lx.peek() === '\n') { lx.adv(); continue; }
      if (lx.atEof()) { b.lit('\\'); break; }
      b.q(lx.adv()!);
    } else if (c === "'") {
      lx.adv();
      b.q(readSingle(lx));
    } else if (c === '"') {
      lx.adv();
      b.quoted = true;
      b.push({ type: 'dq', parts: readDq(lx, eofmark) });
    } else if (c === '$' && !eofmark) {
      if (lx.peek(1) === "'") {
        lx.adv(); lx.adv();
        b.q(readDollarSingle(lx));
      } else readDollar(lx, b, false);
    } else if (c === '`' && !eofmark) {
      lx.adv();
      b.push(readBackquote(lx, false));
    } else {
      b.lit(lx.adv()!);
    }
  }
  return { parts: b.list, text: lx.src.slice(start, lx.pos), quoted: b.quoted };
}

function readSingle(lx: Lexer): string {
  const end = lx.src.indexOf("'", lx.pos);
  if (end < 0) { lx.pos = lx.src.length; throw lx.error('unterminated quoted string', true); }
  const text = lx.src.slice(lx.pos, end);
  while (lx.pos <= end) lx.adv();
  return text;
}

const C_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', a: '\x07', e: '\x1b', E: '\x1b', '\\': '\\', "'": "'", '"': '"' };

/** bash's $'…' with C escapes (busybox ash supports it). */
function readDollarSingle(lx: Lexer): string {
  let out = '';
  for (;;) {
    const c = lx.adv();
    if (c === undefined) throw lx.error('unterminated quoted string', true);
    if (c === "'") return out;
    if (c !== '\\') { out += c; continue; }
    const d = lx.adv();
    if (d === undefined) throw lx.error('unterminated quoted string', true);
    if (C_ESCAPES[d] !== undefined) { out += C_ESCAPES[d]; continue; }
    if (d === 'x') {
      let hex = '';
      while (hex.length < 2 && /[0-9a-fA-F]/.test(lx.peek() ?? '')) hex += lx.adv();
      out += hex ? String.fromCharCode(parseInt(hex, 16)) : '\\x';
      continue;
    }
    if (/[0-7]/.test(d)) {
      let oct = d;
      while (oct.length < 3 && /[0-7]/.test(lx.peek() ?? '')) oct += lx.adv();
      out += String.fromCharCode(parseInt(oct, 8) & 0xff);
      continue;
    }
    out += `\\${d}`;
  }
}

/** Reads a double-quoted region (after the opening quote) through its closing quote. */
function readDq(lx: Lexer, eofmark: boolean): Part[] {
  const b = new Parts();
  for (;;) {
    const c = lx.peek();
    if (c === undefined) throw lx.error('unterminated quoted string', true);
    if (c === '"') { lx.adv(); break; }
    if (c === '\\') {
      lx.adv();
      const d = lx.peek();
      if (d === '\n') { lx.adv(); continue; }
      if (d === '$' || d === '`' || d === '"' || d === '\\') { b.q(lx.adv()!); continue; }
      b.q('\\');
      continue;
    }
    if (c === '$' && !eofmark) { readDollar(lx, b, true); continue; }
    if (c === '`' && !eofmark) { lx.adv(); b.push(readBackquote(lx, true)); continue; }
    b.q(lx.adv()!);
  }
  return b.list;
}

const SPECIAL = '@*#?-$!';

/** Reads a `$…` at the cursor into `b` (a lone `$` stays literal). */
function readDollar(lx: Lexer, b: Parts, inDq: boolean): void {
  lx.adv();
  lx.skipContinuations();
  const c = lx.peek();
  const literal = (t: string): void => (inDq ? b.q(t) : b.lit(t));
  if (c === '{') { lx.adv(); b.push(readBrace(lx, inDq)); return; }
  if (c === '(') {
    lx.adv();
    if (lx.peek() === '(') {
      const arith = tryReadArith(lx);
      if (arith) { b.push(arith); return; }
    }
    b.push({ type: 'cmdsub', body: lx.subParse(lx, false) });
    return;
  }
  if (c !== undefined && /[A-Za-z_]/.test(c)) {
    let name = '';
    while (/[A-Za-z0-9_]/.test(lx.peek() ?? '')) name += lx.adv();
    b.push({ type: 'param', name, op: '' });
    return;
  }
  if (c !== undefined && (/[0-9]/.test(c) || SPECIAL.includes(c))) {
    lx.adv();
    b.push({ type: 'param', name: c, op: '' });
    return;
  }
  literal('$');
}

/** At `((` after `$`: reads an arithmetic expansion, or returns undefined (then it is `$( (…) )`). */
function tryReadArith(lx: Lexer): Part | undefined {
  const save = lx.pos, saveLine = lx.line;
  lx.adv();
  const start = lx.pos;
  let depth = 0;
  for (;;) {
    const c = lx.peek();
    if (c === undefined) throw lx.error("missing '))'", true);
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) {
        if (lx.peek(1) === ')') break;
        lx.pos = save; lx.line = saveLine;
        return undefined;
      }
      depth--;
    }
    lx.adv();
  }
  const text = lx.src.slice(start, lx.pos);
  lx.adv(); lx.adv();
  return { type: 'arith', expr: readHeredocBody(text, lx.subParse, lx.line) };
}

const OPS: ParamOp[] = [':-', ':=', ':+', ':?', '##', '%%', '//', '-', '=', '+', '?', '#', '%', '/', ':'];

/** Reads `${…}` after the `{`. */
function readBrace(lx: Lexer, inDq: boolean): Part {
  const bad = (): never => { throw lx.error('bad substitution'); };
  let name = '';
  let op: ParamOp = '';
  const readName = (): string => {
    const c = lx.peek();
    if (c === undefined) throw lx.error("missing '}'", true);
    if (/[A-Za-z_]/.test(c)) {
      let n = '';
      while (/[A-Za-z0-9_]/.test(lx.peek() ?? '')) n += lx.adv();
      return n;
    }
    if (/[0-9]/.test(c)) {
      let n = '';
      while (/[0-9]/.test(lx.peek() ?? '')) n += lx.adv();
      return n;
    }
    if (SPECIAL.includes(c)) return lx.adv()!;
    return '';
  };
  if (lx.peek() === '#' && lx.peek(1) !== '}') {
    const save = lx.pos;
    lx.adv();
    const n = readName();
    if (n && lx.peek() === '}') { lx.adv(); return { type: 'param', name: n, op: 'len' }; }
    lx.pos = save;
  }
  name = readName();
  if (!name) bad();
  if (lx.peek() === '}') { lx.adv(); return { type: 'param', name, op: '' }; }
  for (const o of OPS) {
    if (lx.src.startsWith(o, lx.pos)) { op = o; lx.pos += o.length; break; }
  }
  if (!op) {
    if (lx.atEof()) throw lx.error("missing '}'", true);
    bad();
  }
  const pattern = op === '#' || op === '##' || op === '%' || op === '%%' || op.startsWith('/');
  const sq = !inDq || pattern;
  if (op.startsWith('/')) {
    const word = readBraceWord(lx, inDq, sq, '/');
    let word2: Word | undefined;
    if (lx.peek() === '/') { lx.adv(); word2 = readBraceWord(lx, inDq, sq, ''); }
    lx.adv();
    return { type: 'param', name, op, word, word2 };
  }
  if (op === ':') {
    const word = readBraceWord(lx, inDq, sq, ':');
    let word2: Word | undefined;
    if (lx.peek() === ':') { lx.adv(); word2 = readBraceWord(lx, inDq, sq, ''); }
    lx.adv();
    return { type: 'param', name, op, word, word2 };
  }
  const word = readBraceWord(lx, inDq, sq, '');
  lx.adv();
  return { type: 'param', name, op, word };
}

/** Reads the word of `${name op word}` up to (not through) `}` or a char of `stops`. */
function readBraceWord(lx: Lexer, inDq: boolean, sqQuotes: boolean, stops: string): Word {
  const start = lx.pos;
  const b = new Parts();
  const text = (t: string): void => (inDq ? b.q(t) : b.lit(t));
  for (;;) {
    const c = lx.peek();
    if (c === undefined) throw lx.error("missing '}'", true);
    if (c === '}' || stops.includes(c)) break;
    if (c === '\\') {
      lx.adv();
      if (lx.peek() === '\n') { lx.adv(); continue; }
      const d = lx.adv();
      if (d === undefined) throw lx.error("missing '}'", true);
      if (inDq && !'$`"\\}'.includes(d)) b.q('\\');
      b.q(d);
    } else if (c === "'" && sqQuotes) {
      lx.adv();
      b.q(readSingle(lx));
    } else if (c === '"') {
      lx.adv();
      b.quoted = true;
      b.push({ type: 'dq', parts: readDq(lx, false) });
    } else if (c === '$') {
      readDollar(lx, b, inDq);
    } else if (c === '`') {
      lx.adv();
      b.push(readBackquote(lx, inDq));
    } else {
      text(lx.adv()!);
    }
  }
  return { parts: b.list, text: lx.src.slice(start, lx.pos), quoted: b.quoted };
}

/** Reads a backquoted command (after the opening backquote) and parses its unescaped text. */
function readBackquote(lx: Lexer, inDq: boolean): Part {
  let text = '';
  const startLine = lx.line;
  for (;;) {
    const c = lx.adv();
    if (c === undefined) throw lx.error('EOF in backquote substitution', true);
    if (c === '`') break;
    if (c === '\\') {
      const d = lx.peek();
      if (d === '$' || d === '`' || d === '\\' || (inDq && d === '"')) { text += lx.adv(); continue; }
      if (d === '\n') { lx.adv(); continue; }
    }
    text += c;
  }
  const sub = new Lexer(text, lx.subParse, 0, startLine);
  return { type: 'cmdsub', body: lx.subParse(sub, true) };
}

/**
 * Parses a here-document body (or an arithmetic expression) where only `$`, backquotes and
 * backslash before `$ \` \\ newline` are special; everything is quoted (no splitting or globbing).
 */
export function readHeredocBody(body: string, subParse: SubParse, line: number): Word {
  const lx = new Lexer(body, subParse, 0, line);
  const b = new Parts();
  while (!lx.atEof()) {
    const c = lx.peek()!;
    if (c === '\\') {
      lx.adv();
      const d = lx.peek();
      if (d === '\n') { lx.adv(); continue; }
      if (d === '$' || d === '`' || d === '\\') { b.q(lx.adv()!); continue; }
      b.q('\\');
    } else if (c === '$') {
      readDollar(lx, b, true);
    } else if (c === '`') {
      lx.adv();
      b.push(readBackquote(lx, true));
    } else {
      b.q(lx.adv()!);
    }
  }
  return { parts: b.list, text: body, quoted: true };
}
