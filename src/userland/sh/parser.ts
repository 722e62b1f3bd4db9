// Recursive-descent parser for the shell grammar, following busybox ash's structure
// (list/andor/pipeline/command/simplecmd with its keyword-checking rules) so that syntax
// errors name the same tokens. Aliases are expanded at the token level.
import type { Assign, CaseItem, Command, Redir, SimpleCommand, Word } from './ast.js';
import { Lexer } from './lexer.js';
import { isGoodFunctionName } from './special-builtins.js';
import { T, ShSyntaxError, endsList, keywordToken, tokenName, type Tok, type Token } from './tokens.js';

const CHKALIAS = 1, CHKKWD = 2, CHKNL = 4, CHKEOFMARK = 8;

/** Parser options: the alias table (looked up by name), if aliases are in use. */
export interface ParserOptions {
  alias?: (name: string) => string | undefined;
}

/** Returned by parseCommandLine at the end of input. */
export const EOF_NODE = Symbol('EOF');

interface QueuedToken extends Token {
  aliases?: Set<string>;
}

export class Parser {
  private checkkwd = 0;
  private pushback = false;
  private last: QueuedToken = { t: T.EOF, line: 0 };
  private readonly queue: QueuedToken[] = [];
  readonly lx: Lexer;

  /** Parses `src` from `pos`; `line` numbers the first line. */
  constructor(src: string, private readonly opts: ParserOptions = {}, pos = 0, line = 1) {
    this.lx = new Lexer(src, (lx, whole) => this.subParse(lx, whole), pos, line);
  }

  /** Parses the next command line (a list ended by a newline); null for a blank line. */
  parseCommandLine(): Command | null | typeof EOF_NODE {
    return this.list(1);
  }

  /** Parses everything to the end of input (all command lines joined). */
  parseAll(): Command | null {
    let all: Command | null = null;
    for (;;) {
      const c = this.parseCommandLine();
      if (c === EOF_NODE) return all;
      if (c) all = all ? { type: 'seq', left: all, right: c } : c;
    }
  }

  /** Position just after what has been parsed (the start of the next command line). */
  get pos(): number {
    return this.lx.pos;
  }

  get line(): number {
    return this.lx.line;
  }

  private subParse(lx: Lexer, whole: boolean): Command | null {
    const sub = new Parser('', this.opts);
    (sub as { lx: Lexer }).lx = lx;
    const n = sub.list(2) as Command | null;
    const t = sub.readtoken();
    if (whole ? t.t !== T.EOF : t.t !== T.RP) sub.unexpected(whole ? -1 : T.RP);
    return n;
  }

  private error(detail: string): ShSyntaxError {
    return new ShSyntaxError(detail, this.lx.line, this.last.t === T.EOF);
  }

  private unexpected(expecting: Tok | -1): never {
    let msg = `unexpected ${tokenName(this.last.t)}`;
    if (expecting >= 0) msg += ` (expecting ${tokenName(expecting as Tok)})`;
    throw this.error(msg);
  }

  private xxread(eofmark: boolean): QueuedToken {
    if (this.pushback) { this.pushback = false; return this.last; }
    const t = this.queue.length ? this.queue.shift()! : this.lx.next(eofmark);
    this.last = t;
    return t;
  }

  /** ash's readtoken: honours pushback, newline skipping, keywords and aliases per checkkwd. */
  private readtoken(): QueuedToken {
    let kwd = this.checkkwd;
    for (;;) {
      let t = this.xxread((kwd & CHKEOFMARK) !== 0);
      if (kwd & CHKNL) {
        while (t.t === T.NL) { this.checkkwd = 0; t = this.xxread(false); }
      }
      kwd |= this.checkkwd;
      this.checkkwd = 0;
      if (t.t !== T.WORD || t.word!.quoted) return t;
      const text = t.word!.text;
      if (kwd & CHKKWD) {
        const k = keywordToken(text);
        if (k !== undefined) { this.last = { ...t, t: k }; return this.last; }
      }
      if (kwd & CHKALIAS && this.opts.alias && !t.aliases?.has(text)) {
        const value = this.opts.alias(text);
        if (value !== undefined) {
          this.queue.unshift(...this.aliasTokens(text, value, t.aliases));
          continue;
        }
      }
      return t;
    }
  }

  private aliasTokens(name: string, value: string, outer?: Set<string>): QueuedToken[] {
    const lx = new Lexer(value, (l, w) => this.subParse(l, w), 0, this.lx.line);
    const aliases = new Set(outer ?? []);
    aliases.add(name);
    const out: QueuedToken[] = [];
    for (;;) {
      const t = lx.next();
      if (t.t === T.EOF) break;
      out.push({ ...t, line: this.lx.line, aliases });
    }
    return out;
  }

  private list(nlflag: number): Command | null | typeof EOF_NODE {
    const chknl = nlflag & 1 ? 0 : CHKNL;
    let n1: Command | null | typeof EOF_NODE = null;
    for (;;) {
      this.checkkwd = chknl | CHKKWD | CHKALIAS;
      let t = this.readtoken();
      if (t.t === T.NL) return n1;
      if (t.t === T.EOF) {
        if (!n1 && !chknl) n1 = EOF_NODE;
        this.pushback = true;
        return n1;
      }
      this.pushback = true;
      if (nlflag === 2 && endsList(t.t)) return n1;
      nlflag |= 2;
      let n2 = this.andor();
      t = this.readtoken();
      if (t.t === T.BACKGND) n2 = { type: 'bg', body: n2 };
      n1 = n1 ? { type: 'seq', left: n1 as Command, right: n2 } : n2;
      switch (t.t) {
        case T.EOF:
          this.pushback = true;
          return n1;
        case T.NL:
          this.pushback = true;
          break;
        case T.BACKGND: case T.SEMI:
          break;
        default:
          if (!chknl) this.unexpected(-1);
          this.pushback = true;
          return n1;
      }
    }
  }

  /** list(0) inside compound commands never returns EOF_NODE. */
  private body(nlflag = 0): Command | null {
    return this.list(nlflag) as Command | null;
  }

  private andor(): Command {
    let n1 = this.pipeline();
    for (;;) {
      const t = this.readtoken();
      if (t.t !== T.AND && t.t !== T.OR) { this.pushback = true; return n1; }
      this.checkkwd = CHKNL | CHKKWD | CHKALIAS;
      const n2 = this.pipeline();
      n1 = { type: 'andor', op: t.t === T.AND ? '&&' : '||', left: n1, right: n2 };
    }
  }

  private pipeline(): Command {
    let bang = false;
    if (this.readtoken().t === T.NOT) {
      bang = true;
      this.checkkwd = CHKKWD | CHKALIAS;
    } else this.pushback = true;
    const cmds = [this.parseCommand()];
    while (this.readtoken().t === T.PIPE) {
      this.checkkwd = CHKNL | CHKKWD | CHKALIAS;
      cmds.push(this.parseCommand());
    }
    this.pushback = true;
    if (!bang && cmds.length === 1) return cmds[0];
    return { type: 'pipeline', bang, cmds };
  }

  private word(t: Token): Word {
    return t.word ?? { parts: [{ type: 'lit', text: TOKEN_TEXT(t.t) }], text: TOKEN_TEXT(t.t), quoted: false };
  }

  private parseCommand(): Command {
    const t0 = this.readtoken();
    const line = t0.line;
    let n1: Command;
    let end: Tok;
    switch (t0.t) {
      case T.IF: {
        const cond = this.body();
        if (this.readtoken().t !== T.THEN) this.unexpected(T.THEN);
        const top: Command & { type: 'if' } = { type: 'if', cond, then: this.body(), else: null };
        let cur = top;
        while (this.readtoken().t === T.ELIF) {
          const c = this.body();
          if (this.readtoken().t !== T.THEN) this.unexpected(T.THEN);
          const next: Command & { type: 'if' } = { type: 'if', cond: c, then: this.body(), else: null };
          cur.else = next;
          cur = next;
        }
        if (this.last.t === T.ELSE) cur.else = this.body();
        else this.pushback = true;
        n1 = top;
        end = T.FI;
        break;
      }
      case T.WHILE: case T.UNTIL: {
        const cond = this.body();
        if (this.readtoken().t !== T.DO) this.unexpected(T.DO);
        n1 = { type: 'loop', until: t0.t === T.UNTIL, cond, body: this.body() };
        end = T.DONE;
        break;
      }
      case T.FOR: {
        const v = this.readtoken();
        if (v.t !== T.WORD || v.word!.quoted || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.word!.text)) {
          throw this.error('bad for loop variable');
        }
        let words: Word[] | null = null;
        this.checkkwd = CHKNL | CHKKWD | CHKALIAS;
        if (this.readtoken().t === T.IN) {
          words = [];
          let w: Token;
          while ((w = this.readtoken()).t === T.WORD) words.push(w.word!);
          if (this.last.t !== T.NL && this.last.t !== T.SEMI) this.unexpected(-1);
        } else if (this.last.t !== T.SEMI) this.pushback = true;
        this.checkkwd = CHKNL | CHKKWD | CHKALIAS;
        if (this.readtoken().t !== T.DO) this.unexpected(T.DO);
        n1 = { type: 'for', line, name: v.word!.text, words, body: this.body() };
        end = T.DONE;
        break;
      }
      case T.CASE:
        return this.redirTail(this.parseCase(line), line);
      case T.LP:
        n1 = { type: 'subshell', body: this.body(), redirs: [] };
        end = T.RP;
        break;
      case T.BEGIN:
        n1 = { type: 'group', body: this.body(), redirs: [] };
        end = T.END;
        break;
      case T.WORD: case T.REDIR: case T.FUNCTION:
        this.pushback = true;
        return this.simpleCommand();
      default:
        this.unexpected(-1);
    }
    if (this.readtoken().t !== end) this.unexpected(end);
    return this.redirTail(n1, line);
  }

  private parseCase(line: number): Command {
    const w = this.readtoken();
    if (w.t !== T.WORD) this.unexpected(T.WORD);
    this.checkkwd = CHKNL | CHKKWD | CHKALIAS;
    if (this.readtoken().t !== T.IN) this.unexpected(T.IN);
    const items: CaseItem[] = [];
    this.checkkwd = CHKNL | CHKKWD;
    let t = this.readtoken();
    while (t.t !== T.ESAC) {
      if (t.t === T.LP) t = this.readtoken();
      const patterns: Word[] = [];
      for (;;) {
        if (t.t !== T.WORD && t.t < T.NOT) this.unexpected(T.WORD);
        patterns.push(this.word(t));
        if (this.readtoken().t !== T.PIPE) break;
        t = this.readtoken();
      }
      if (this.last.t !== T.RP) this.unexpected(T.RP);
      items.push({ patterns, body: this.body(2) });
      this.checkkwd = CHKNL | CHKKWD;
      t = this.readtoken();
      if (t.t !== T.ESAC) {
        if (t.t !== T.ENDCASE) this.unexpected(T.ENDCASE);
        this.checkkwd = CHKNL | CHKKWD;
        t = this.readtoken();
      }
    }
    return { type: 'case', line, word: w.word!, items };
  }

  /** Redirections after a compound command. */
  private redirTail(n1: Command, _line: number): Command {
    const redirs: Redir[] = [];
    this.checkkwd = CHKKWD | CHKALIAS;
    let t: Token;
    while ((t = this.readtoken()).t === T.REDIR) this.parseRedir(t, redirs);
    this.pushback = true;
    if (!redirs.length) return n1;
    if (n1.type === 'subshell') return { ...n1, redirs };
    return { type: 'group', body: n1, redirs };
  }

  /** Reads the target of a redirection token into `out` (two entries for `&>`). */
  private parseRedir(t: Token, out: Redir[]): void {
    const heredoc = t.op === '<<' || t.op === '<<-';
    if (heredoc) this.checkkwd = CHKEOFMARK;
    const w = this.readtoken();
    if (w.t !== T.WORD) this.unexpected(-1);
    const target = w.word!;
    if (t.fd === -2) {
      out.push({ fd: 1, op: '>', target });
      out.push({ fd: 2, op: '>&', target: { parts: [{ type: 'lit', text: '1' }], text: '1', quoted: false } });
      return;
    }
    const r: Redir = { fd: t.fd!, op: t.op!, target };
    if (heredoc) {
      const delim = target.parts.map((p) => (p.type === 'dq' ? p.parts.map((q) => ('text' in q ? q.text : '')).join('') : 'text' in p ? p.text : '')).join('');
      this.lx.heredocs.push({ redir: r, delim, quoted: target.quoted, stripTabs: t.op === '<<-' });
    } else if ((t.op === '<&' || t.op === '>&') && !target.quoted && /^\d+$/.test(target.text) && target.text.length > 9) {
      throw this.error('bad fd number');
    }
    out.push(r);
  }

  private simpleCommand(): Command {
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    let savecheckkwd = CHKALIAS;
    let functionFlag = false;
    let line = -1;
    for (;;) {
      this.checkkwd = savecheckkwd;
      const t = this.readtoken();
      if (line < 0) line = t.line;
      if (t.t === T.FUNCTION) {
        if (this.readtoken().t !== T.WORD) this.unexpected(T.WORD);
        this.pushback = true;
        functionFlag = true;
        continue;
      }
      if (t.t === T.WORD) {
        const w = t.word!;
        const m = savecheckkwd && w.parts[0]?.type === 'lit' ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(w.parts[0].text) : null;
        if (m) {
          assigns.push({ name: m[1], value: stripPrefix(w, m[0].length) });
        } else {
          words.push(w);
          savecheckkwd = 0;
        }
        if (functionFlag) {
          this.checkkwd = CHKNL | CHKKWD;
          const n = this.readtoken();
          this.pushback = true;
          if (n.t === T.BEGIN || n.t === T.IF || n.t === T.CASE || n.t === T.UNTIL || n.t === T.WHILE || n.t === T.FOR) {
            return this.funcDef(words[0].text, true);
          }
          if (n.t === T.LP) { functionFlag = false; continue; }
          this.unexpected(-1);
        }
        continue;
      }
      if (t.t === T.REDIR) { this.parseRedir(t, redirs); continue; }
      if (t.t === T.LP && words.length === 1 && !assigns.length && !redirs.length) {
        return this.funcDef(words[0].text, functionFlag);
      }
      this.pushback = true;
      break;
    }
    const cmd: SimpleCommand = { type: 'simple', line, assigns, words, redirs };
    return cmd;
  }

  private funcDef(name: string, skipParens: boolean): Command {
    if (!skipParens && this.readtoken().t !== T.RP) this.unexpected(T.RP);
    if (!isGoodFunctionName(name)) throw this.error('bad function name');
    this.checkkwd = CHKNL | CHKKWD | CHKALIAS;
    return { type: 'funcdef', name, body: this.parseCommand() };
  }
}

function TOKEN_TEXT(t: Tok): string {
  return keywordNames[t] ?? '';
}
const keywordNames: Record<number, string> = {
  [T.NOT]: '!', [T.CASE]: 'case', [T.DO]: 'do', [T.DONE]: 'done', [T.ELIF]: 'elif', [T.ELSE]: 'else',
  [T.ESAC]: 'esac', [T.FI]: 'fi', [T.FOR]: 'for', [T.FUNCTION]: 'function', [T.IF]: 'if', [T.IN]: 'in',
  [T.THEN]: 'then', [T.UNTIL]: 'until', [T.WHILE]: 'while', [T.BEGIN]: '{', [T.END]: '}',
};

/** The word after `name=`: drops `n` characters of its leading literal part. */
function stripPrefix(w: Word, n: number): Word {
  const first = w.parts[0];
  const rest = w.parts.slice(1);
  const text = first.type === 'lit' ? first.text.slice(n) : '';
  const parts = text ? [{ type: 'lit' as const, text }, ...rest] : rest;
  return { parts, text: w.text.slice(n), quoted: w.quoted };
}

/** Parses a whole script (convenience for tests and `eval`). Throws ShSyntaxError. */
export function parse(src: string, opts: ParserOptions = {}): Command | null {
  return new Parser(src, opts).parseAll();
}
