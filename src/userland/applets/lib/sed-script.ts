// The sed script parser: turns script text into a flat command list with addresses, where
// `{`/`}` become jumps. Messages follow busybox ("unsupported command z", "unmatched '/'").
import { DieError } from './report.js';
import { compileRegex, RegexError } from './regex.js';

/** A sed address. `re` undefined in a 're' address means "the last regex used". */
export type SedAddr =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 're'; re?: RegExp }
  | { kind: 'plus'; n: number };

/** One parsed command. */
export interface SedCmd {
  a1?: SedAddr;
  a2?: SedAddr;
  neg: boolean;
  name: string;
  /** s: regex (undefined = last regex), replacement, flags. */
  re?: RegExp;
  emptyRe?: boolean;
  replacement?: string;
  global?: boolean;
  occurrence?: number;
  print?: number;
  /** a/i/c text, b/t/: labels, r/w file names, y tables, q exit code. */
  text?: string;
  map?: Map<string, string>;
  exitCode?: number;
  /** `{`: index of the matching `}`. b/t: resolved target index. */
  jump?: number;
  /** Range state while executing. */
  active?: boolean;
  endLine?: number;
}

class Reader {
  i = 0;
  constructor(readonly s: string) {}
  peek(): string | undefined { return this.s[this.i]; }
  next(): string | undefined { return this.s[this.i++]; }
  eof(): boolean { return this.i >= this.s.length; }
  skipSpace(): void { while (this.peek() === ' ' || this.peek() === '\t') this.i++; }
  skipSpaceNl(): void { while (this.peek() !== undefined && /[ \t\n;]/.test(this.peek()!)) this.i++; }
}

/** Reads text delimited by `delim` (a `\delim` stands for delim; `\n` becomes newline in patterns). */
function delimited(r: Reader, delim: string, isRegex: boolean): string {
  let out = '';
  for (;;) {
    const c = r.next();
    if (c === undefined) throw new DieError(`unmatched '${delim}'`);
    if (c === delim) return out;
    if (c === '\\') {
      const n = r.next();
      if (n === undefined) throw new DieError(`unmatched '${delim}'`);
      if (n === delim) out += delim === '&' && !isRegex ? '\\&' : delim;
      else if (n === 'n' && isRegex) out += '\n';
      else if (n === '\n') out += '\n';
      else out += `\\${n}`;
      continue;
    }
    if (c === '\n' && isRegex) throw new DieError(`unmatched '${delim}'`);
    if (c === '[' && isRegex) {
      // Bracket expressions may contain the delimiter.
      out += c;
      let j = r.i;
      if (r.s[j] === '^') j++;
      if (r.s[j] === ']') j++;
      while (j < r.s.length && r.s[j] !== ']') j++;
      if (j < r.s.length && !r.s.slice(r.i, j).includes('\n')) { out += r.s.slice(r.i, j + 1); r.i = j + 1; }
      continue;
    }
    out += c;
  }
}

function regex(src: string, extended: boolean, icase: boolean): RegExp | undefined {
  if (src === '') return undefined;
  try {
    return compileRegex(src, { extended, icase });
  } catch (e) {
    if (e instanceof RegexError) throw new DieError(`bad regex '${src}': ${e.message}`);
    throw e;
  }
}

function address(r: Reader, extended: boolean): SedAddr | undefined {
  const c = r.peek();
  if (c === undefined) return undefined;
  if (/\d/.test(c)) {
    let n = '';
    while (/\d/.test(r.peek() ?? '')) n += r.next();
    return { kind: 'line', n: Number(n) };
  }
  if (c === '$') { r.next(); return { kind: 'last' }; }
  if (c === '/' || c === '\\') {
    r.next();
    const delim = c === '/' ? '/' : r.next()!;
    const src = delimited(r, delim, true);
    let icase = false;
    while (r.peek() === 'I') { r.next(); icase = true; }
    return { kind: 're', re: regex(src, extended, icase) };
  }
  return undefined;
}

function restOfLine(r: Reader): string {
  let out = '';
  while (!r.eof() && r.peek() !== '\n') out += r.next();
  r.next();
  return out;
}

function label(r: Reader): string {
  r.skipSpace();
  let out = '';
  while (!r.eof() && r.peek() !== '\n' && r.peek() !== ';') out += r.next();
  return out.trim();
}

/** a/i/c text: GNU one-line form `a text`, or `a\` followed by lines ending in `\`. */
function textArg(r: Reader): string {
  r.skipSpace();
  if (r.peek() === '\\') {
    r.next();
    if (r.peek() === '\n') r.next();
  }
  let out = '';
  for (;;) {
    const c = r.next();
    if (c === undefined || c === '\n') break;
    if (c === '\\') {
      const n = r.next();
      if (n === undefined) break;
      out += n === 't' ? '\t' : n;
      continue;
    }
    out += c;
  }
  return out;
}

/** Parses a whole script (the -e pieces joined with newlines). */
export function parseSed(script: string, extended: boolean): SedCmd[] {
  const r = new Reader(script);
  const cmds: SedCmd[] = [];
  const open: number[] = [];
  for (;;) {
    r.skipSpaceNl();
    if (r.eof()) break;
    const cmd: SedCmd = { neg: false, name: '' };
    cmd.a1 = address(r, extended);
    if (cmd.a1 && r.peek() === ',') {
      r.next();
      r.skipSpace();
      if (r.peek() === '+') {
        r.next();
        let n = '';
        while (/\d/.test(r.peek() ?? '')) n += r.next();
        cmd.a2 = { kind: 'plus', n: Number(n) };
      } else {
        cmd.a2 = address(r, extended);
        if (!cmd.a2) throw new DieError('unexpected \',\'');
      }
    }
    r.skipSpace();
    while (r.peek() === '!') { r.next(); cmd.neg = true; r.skipSpace(); }
    const name = r.next();
    if (name === undefined) throw new DieError('missing command');
    cmd.name = name;
    switch (name) {
      case '{': open.push(cmds.length); break;
      case '}':
        if (!open.length) throw new DieError("unexpected '}'");
        cmds[open.pop()!].jump = cmds.length;
        break;
      case 's': {
        const delim = r.next();
        if (delim === undefined || delim === '\n' || delim === '\\') throw new DieError('bad format in substitution expression');
        const src = delimited(r, delim, true);
        cmd.replacement = delimited(r, delim, false);
        let icase = false;
        for (;;) {
          const f = r.peek();
          if (f === 'g') { cmd.global = true; r.next(); } else if (f === 'p') { cmd.print = (cmd.print ?? 0) + 1; r.next(); }
          else if (f === 'i' || f === 'I') { icase = true; r.next(); }
          else if (f !== undefined && /\d/.test(f)) {
            let n = '';
            while (/\d/.test(r.peek() ?? '')) n += r.next();
            cmd.occurrence = Number(n);
          } else if (f === 'w') { r.next(); r.skipSpace(); cmd.text = restOfLine(r); break; }
          else break;
        }
        cmd.re = regex(src, extended, icase);
        cmd.emptyRe = src === '';
        break;
      }
      case 'y': {
        const delim = r.next()!;
        const from = delimited(r, delim, false).replace(/\\\\/g, '\\');
        const to = delimited(r, delim, false).replace(/\\\\/g, '\\');
        if (from.length !== to.length) throw new DieError("strings for y command are different lengths");
        cmd.map = new Map([...from].map((c, i) => [c, to[i]]));
        break;
      }
      case 'a': case 'i': case 'c': cmd.text = textArg(r); break;
      case 'b': case 't': case 'T': case ':': {
        cmd.text = label(r);
        if (name === ':' && !cmd.text) throw new DieError("':' lacks a label");
        break;
      }
      case 'r': case 'w': r.skipSpace(); cmd.text = restOfLine(r); break;
      case 'q': case 'Q': {
        r.skipSpace();
        let n = '';
        while (/\d/.test(r.peek() ?? '')) n += r.next();
        cmd.exitCode = n ? Number(n) : 0;
        break;
      }
      case '=': case 'd': case 'D': case 'g': case 'G': case 'h': case 'H': case 'l': case 'n':
      case 'N': case 'p': case 'P': case 'x': case '#':
        if (name === '#') { restOfLine(r); continue; }
        break;
      default: throw new DieError(`unsupported command ${name}`);
    }
    cmds.push(cmd);
    r.skipSpace();
    if (r.peek() === ';' || r.peek() === '\n') r.next();
  }
  // Unclosed `{` blocks run to the end of the script, as busybox allows.
  for (const i of open) cmds[i].jump = cmds.length;
  for (const c of cmds) {
    if (c.name === 'b' || c.name === 't' || c.name === 'T') {
      if (!c.text) c.jump = cmds.length;
      else {
        const target = cmds.findIndex((x) => x.name === ':' && x.text === c.text);
        if (target < 0) throw new DieError(`can't find label for jump to '${c.text}'`);
        c.jump = target;
      }
    }
  }
  return cmds;
}
