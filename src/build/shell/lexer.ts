// The word lexer behind variable expansion: quotes, escapes and `$VAR`/`${VAR...}` forms, as
// BuildKit's shell package does them (a small, deliberate subset of POSIX sh). expand.ts wraps
// it in the public expand()/expandWords(); the parser uses it raw to find heredoc words.
import { BuildSyntaxError } from '../errors.js';
import { isGoSpace } from './go-space.js';
import { replacePattern, trimPatternPrefix, trimPatternSuffix } from './pattern.js';

/** Where variable values come from: `get` returns undefined for an unset variable. */
export interface EnvLookup {
  get(name: string): string | undefined;
}

/** Lexer switches, named like BuildKit's. */
export interface LexOptions {
  /** Escape character: `\` (default) or a backtick, from the `# escape=` directive. */
  escapeToken?: string;
  /** Keep quote characters in the output. */
  rawQuotes?: boolean;
  /** Keep escape characters in the output. */
  rawEscapes?: boolean;
  /** Quotes are ordinary characters (used to expand heredoc bodies). */
  skipProcessQuotes?: boolean;
  /** Leave references to unset variables as written. */
  skipUnsetEnv?: boolean;
}

/** Result of lexing one word. */
export interface LexResult {
  /** The word expanded as one string (spaces kept). */
  result: string;
  /** The word split into fields after expansion, quotes respected. */
  words: string[];
  /** Variables that were looked up and set. */
  matched: Set<string>;
  /** Variables that were looked up and unset. */
  unmatched: Set<string>;
}

const EOF = '';

/** Collects fields: unquoted whitespace splits, quoted or escaped text never does. */
class Fields {
  buf = '';
  words: string[] = [];
  inWord = false;

  addChar(ch: string): void {
    if (isGoSpace(ch)) {
      if (this.inWord && this.buf.length !== 0) {
        this.words.push(this.buf);
        this.buf = '';
        this.inWord = false;
      }
    } else {
      this.addRaw(ch);
    }
  }

  addRaw(s: string): void {
    this.buf += s;
    this.inWord = true;
  }

  addString(s: string): void {
    for (const ch of s) this.addChar(ch);
  }

  finish(): string[] {
    if (this.buf.length > 0) {
      this.words.push(this.buf);
      this.buf = '';
      this.inWord = false;
    }
    return this.words;
  }
}

/** One pass over one word. Not reentrant: make a new one per word. */
export class WordLexer {
  private readonly chars: string[];
  private pos = 0;
  private readonly escape: string;
  private rawEscapes: boolean;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();

  constructor(private readonly source: string, private readonly env: EnvLookup, private readonly opts: LexOptions = {}) {
    this.chars = Array.from(source);
    this.escape = opts.escapeToken ?? '\\';
    this.rawEscapes = opts.rawEscapes ?? false;
  }

  /** Lexes the whole word; errors read `failed to process "<word>": <reason>` as in Docker. */
  run(): LexResult {
    try {
      const { result, words } = this.processStopOn(EOF, this.rawEscapes);
      return { result, words, matched: this.matched, unmatched: this.unmatched };
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      throw new BuildSyntaxError(`failed to process ${JSON.stringify(this.source)}: ${msg}`);
    }
  }

  private peek(): string {
    return this.pos < this.chars.length ? this.chars[this.pos] : EOF;
  }

  private next(): string {
    return this.pos < this.chars.length ? this.chars[this.pos++] : EOF;
  }

  private processStopOn(stop: string, rawEscapes: boolean): { result: string; words: string[] } {
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      let result = '';
      const fields = new Fields();
      while (this.peek() !== EOF) {
        let ch = this.peek();
        if (stop !== EOF && ch === stop) {
          this.next();
          return { result, words: fields.finish() };
        }
        const special = this.special(ch);
        if (special) {
          const text = special();
          result += text;
          if (ch === '$') fields.addString(text);
          else fields.addRaw(text);
          continue;
        }
        ch = this.next();
        if (ch === this.escape) {
          if (this.rawEscapes) {
            fields.addRaw(ch);
            result += ch;
          }
          ch = this.next();
          if (ch === EOF) break;
          fields.addRaw(ch);
        } else {
          fields.addChar(ch);
        }
        result += ch;
      }
      if (stop !== EOF) throw new BuildSyntaxError(`unexpected end of statement while looking for matching ${stop}`);
      return { result, words: fields.finish() };
    } finally {
      this.rawEscapes = saved;
    }
  }

  private special(ch: string): (() => string) | undefined {
    if (ch === '$') return () => this.processDollar();
    if (ch === '<') return () => this.processPossibleHeredoc();
    if (!this.opts.skipProcessQuotes) {
      if (ch === "'") return () => this.processSingleQuote();
      if (ch === '"') return () => this.processDoubleQuote();
    }
    return undefined;
  }

  private processSingleQuote(): string {
    let out = '';
    const open = this.next();
    if (this.opts.rawQuotes) out += open;
    for (;;) {
      const ch = this.next();
      if (ch === EOF) throw new BuildSyntaxError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") {
        if (this.opts.rawQuotes) out += ch;
        return out;
      }
      out += ch;
    }
  }

  private processDoubleQuote(): string {
    let out = '';
    const open = this.next();
    if (this.opts.rawQuotes) out += open;
    for (;;) {
      const peek = this.peek();
      if (peek === EOF) throw new BuildSyntaxError('unexpected end of statement while looking for matching double-quote');
      if (peek === '"') {
        const ch = this.next();
        if (this.opts.rawQuotes) out += ch;
        return out;
      }
      if (peek === '$') {
        out += this.processDollar();
        continue;
      }
      let ch = this.next();
      if (ch === this.escape) {
        if (this.rawEscapes) out += ch;
        const after = this.peek();
        if (after === EOF) continue; // a lone escape at the end is dropped
        if (after === '"' || after === '$' || after === this.escape) ch = this.next();
      }
      out += ch;
    }
  }

  private processPossibleHeredoc(): string {
    this.next();
    if (this.peek() !== '<') return '<';
    this.next();
    let space = '';
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === '\r') space += this.next();
    return '<<' + space;
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const value = this.lookup(name);
      if (value === undefined && this.opts.skipUnsetEnv) return '$' + name;
      return value ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === EOF) throw new BuildSyntaxError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new BuildSyntaxError('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    // At end of input Go's scanner yields EOF, which prints as U+FFFD in Docker's message.
    let modifier = ch === EOF ? '\uFFFD' : ch;
    switch (ch) {
      case '}': {
        const value = this.lookup(name);
        if (value === undefined && this.opts.skipUnsetEnv) return '${' + name + '}';
        return value ?? '';
      }
      case ':':
      case '+': case '-': case '?': case '#': case '%': {
        const nullIsUnset = ch === ':';
        if (nullIsUnset) {
          ch = this.next();
          modifier += ch === EOF ? '\uFFFD' : ch;
        }
        const trims = ch === '#' || ch === '%';
        if (nullIsUnset && trims) throw new BuildSyntaxError(`unsupported modifier (${modifier}) in substitution`);
        const word = this.nested('}', trims, "syntax error: missing '}'");
        const value = this.lookup(name);
        if (value === undefined && this.opts.skipUnsetEnv) return '${' + name + modifier + word + '}';
        const unset = value === undefined || (nullIsUnset && value === '');
        switch (ch) {
          case '-': return unset ? word : value!;
          case '+': return unset ? '' : word;
          case '?':
            if (value === undefined) throw new BuildSyntaxError(`${name}: ${word || 'is not allowed to be unset'}`);
            if (nullIsUnset && value === '') throw new BuildSyntaxError(`${name}: ${word || 'is not allowed to be empty'}`);
            return value;
          case '%': case '#': {
            const greedy = word.startsWith(ch);
            const pattern = greedy ? word.slice(1) : word;
            return ch === '%' ? trimPatternSuffix(pattern, value ?? '', greedy) : trimPatternPrefix(pattern, value ?? '', greedy);
          }
          default:
            throw new BuildSyntaxError(`unsupported modifier (${modifier}) in substitution`);
        }
      }
      case '/': {
        const all = this.peek() === '/';
        if (all) this.next();
        const pattern = this.nested('/', true, "syntax error: missing '/' in ${}");
        const replacement = this.nested('}', true, "syntax error: missing '}'");
        const value = this.lookup(name);
        if (value === undefined && this.opts.skipUnsetEnv) return '${' + name + '/' + pattern + '/' + replacement + '}';
        return replacePattern(pattern, value ?? '', replacement, all);
      }
      default:
        throw new BuildSyntaxError(`unsupported modifier (${modifier}) in substitution`);
    }
  }

  /** Lexes up to `stop` inside ${...}; at end of input the error is `missingMessage`. */
  private nested(stop: string, rawEscapes: boolean, missingMessage: string): string {
    try {
      return this.processStopOn(stop, rawEscapes).result;
    } catch (err) {
      if (this.peek() === EOF) throw new BuildSyntaxError(missingMessage);
      throw err;
    }
  }

  /** A variable name: letters, digits and `_`; or a run of digits; or one special parameter. */
  private processName(): string {
    let name = '';
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (name === '' && /^\p{Nd}$/u.test(ch)) {
        while (this.peek() !== EOF && /^\p{Nd}$/u.test(this.peek())) name += this.next();
        return name;
      }
      if (name === '' && '@*#?-$!0'.includes(ch)) return this.next();
      if (!/^[\p{L}\p{Nd}_]$/u.test(ch)) break;
      name += this.next();
    }
    return name;
  }

  private lookup(name: string): string | undefined {
    const value = this.env.get(name);
    if (value !== undefined) this.matched.add(name);
    else this.unmatched.add(name);
    return value;
  }
}
