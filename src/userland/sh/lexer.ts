// The shell tokenizer: operators, newlines (reading pending here-documents), redirections
// with their IO number, and words. Word contents (quotes, $-expansions, backquotes) are read
// by word-reader.ts; `$( )` calls back into the parser through `subParse`.
import type { Command, Redir } from './ast.js';
import { T, ShSyntaxError, type Token } from './tokens.js';
import { readHeredocBody, readWord } from './word-reader.js';

/** A here-document waiting for its body (read after the next newline). */
export interface PendingHeredoc {
  redir: Redir;
  delim: string;
  quoted: boolean;
  stripTabs: boolean;
}

/** Parses a command substitution at the lexer's position: through the closing `)`, or (`whole`) to the end. */
export type SubParse = (lexer: Lexer, whole: boolean) => Command | null;

const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);

/** True for characters that end an unquoted word. */
export function isMeta(c: string | undefined): boolean {
  return c === undefined || META.has(c);
}

export class Lexer {
  pos: number;
  line: number;
  readonly heredocs: PendingHeredoc[] = [];

  constructor(readonly src: string, readonly subParse: SubParse, pos = 0, line = 1) {
    this.pos = pos;
    this.line = line;
  }

  peek(k = 0): string | undefined {
    return this.src[this.pos + k];
  }

  /** Consumes one character, counting lines. */
  adv(): string | undefined {
    const c = this.src[this.pos++];
    if (c === '\n') this.line++;
    return c;
  }

  atEof(): boolean {
    return this.pos >= this.src.length;
  }

  error(detail: string, eof = false): ShSyntaxError {
    return new ShSyntaxError(detail, this.line, eof);
  }

  /** Skips backslash-newline pairs (line continuations) at the cursor. */
  skipContinuations(): void {
    while (this.peek() === '\\' && this.peek(1) === '\n') { this.adv(); this.adv(); }
  }

  /** Peeks the next character after any line continuations. */
  peekEatBnl(): string | undefined {
    this.skipContinuations();
    return this.peek();
  }

  /** Reads the next token. `eofmark` reads a here-document delimiter (no expansions). */
  next(eofmark = false): Token {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t') { this.pos++; continue; }
      if (c === '\\' && this.peek(1) === '\n') { this.adv(); this.adv(); continue; }
      if (c === '#') {
        while (!this.atEof() && this.peek() !== '\n') this.pos++;
        continue;
      }
      break;
    }
    const line = this.line;
    const c = this.peek();
    if (c === undefined) {
      if (this.heredocs.length) this.readHeredocs();
      return { t: T.EOF, line };
    }
    switch (c) {
      case '\n':
        this.adv();
        this.readHeredocs();
        return { t: T.NL, line };
      case '&':
        this.pos++;
        if (this.peekEatBnl() === '&') { this.pos++; return { t: T.AND, line }; }
        if (this.peek() === '>') { this.pos++; return this.redirToken(-2, '>', line); }
        return { t: T.BACKGND, line };
      case '|':
        this.pos++;
        if (this.peekEatBnl() === '|') { this.pos++; return { t: T.OR, line }; }
        return { t: T.PIPE, line };
      case ';':
        this.pos++;
        if (this.peekEatBnl() === ';') { this.pos++; return { t: T.ENDCASE, line }; }
        return { t: T.SEMI, line };
      case '(':
        this.pos++;
        return { t: T.LP, line };
      case ')':
        this.pos++;
        return { t: T.RP, line };
      case '<': case '>':
        this.pos++;
        return this.redirToken(-1, c, line);
    }
    const word = readWord(this, eofmark);
    const stop = this.peek();
    if ((stop === '<' || stop === '>') && !word.quoted && /^\d+$/.test(word.text)) {
      this.pos++;
      return this.redirToken(Number(word.text), stop, line);
    }
    return { t: T.WORD, word, line };
  }

  /** Reads the rest of a redirection operator whose first character was consumed. fd -2 is `&>`. */
  private redirToken(fd: number, first: string, line: number): Token {
    const c = this.peekEatBnl();
    if (fd === -2) return { t: T.REDIR, op: '>', fd: -2, line };
    if (first === '<') {
      if (c === '<') {
        this.pos++;
        if (this.peekEatBnl() === '-') { this.pos++; return { t: T.REDIR, op: '<<-', fd: fd < 0 ? 0 : fd, line }; }
        return { t: T.REDIR, op: '<<', fd: fd < 0 ? 0 : fd, line };
      }
      if (c === '&') { this.pos++; return { t: T.REDIR, op: '<&', fd: fd < 0 ? 0 : fd, line }; }
      if (c === '>') { this.pos++; return { t: T.REDIR, op: '<>', fd: fd < 0 ? 0 : fd, line }; }
      return { t: T.REDIR, op: '<', fd: fd < 0 ? 0 : fd, line };
    }
    const out = fd < 0 ? 1 : fd;
    if (c === '>') { this.pos++; return { t: T.REDIR, op: '>>', fd: out, line }; }
    if (c === '&') { this.pos++; return { t: T.REDIR, op: '>&', fd: out, line }; }
    if (c === '|') { this.pos++; return { t: T.REDIR, op: '>|', fd: out, line }; }
    return { t: T.REDIR, op: '>', fd: out, line };
  }

  /** Reads the bodies of all pending here-documents (the cursor is just after a newline). */
  readHeredocs(): void {
    const pending = this.heredocs.splice(0);
    for (const h of pending) {
      const lines: string[] = [];
      const startLine = this.line;
      for (;;) {
        if (this.atEof()) break;
        const nl = this.src.indexOf('\n', this.pos);
        const end = nl < 0 ? this.src.length : nl;
        let text = this.src.slice(this.pos, end);
        this.pos = nl < 0 ? end : end + 1;
        if (nl >= 0) this.line++;
        if (h.stripTabs) text = text.replace(/^\t+/, '');
        if (text === h.delim) break;
        lines.push(nl < 0 ? text : `${text}\n`);
      }
      const body = lines.join('');
      h.redir.heredoc = {
        quoted: h.quoted,
        body: h.quoted
          ? { parts: [{ type: 'quoted', text: body }], text: body, quoted: true }
          : readHeredocBody(body, this.subParse, startLine),
      };
    }
  }
}
