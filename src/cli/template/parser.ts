// Parser of Go text/template: tokens → tree of text, actions, if/else, range, with
// (including `else if` / `else with` chains, variables, parenthesised pipelines).
import type { Arg, Command, Node, Pipe } from './ast.js';
import { lex, type Token } from './lexer.js';
import { TemplateError } from './template-error.js';

/** Parses template source into its node list. */
export function parseTemplate(src: string): Node[] {
  return new Parser(src).parse();
}

class Parser {
  private tokens: Token[];
  private i = 0;

  constructor(private src: string) {
    this.tokens = lex(src);
  }

  parse(): Node[] {
    const { list, end } = this.list();
    if (end !== 'eof') throw this.error(`unexpected {{${end}}}`);
    return list;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    return this.tokens[this.i++];
  }

  private error(msg: string, pos?: number): TemplateError {
    const at = pos ?? this.peek().pos;
    const line = this.src.slice(0, at).split('\n').length;
    return new TemplateError(`template: :${line}: ${msg}`);
  }

  /** Parses nodes until {{end}}, {{else}} or eof; reports which ended it. */
  private list(): { list: Node[]; end: 'eof' | 'end' | 'else' } {
    const list: Node[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.kind === 'eof') return { list, end: 'eof' };
      if (tok.kind === 'text') { list.push({ t: 'text', text: this.next().value }); continue; }
      // open
      this.next();
      const kw = this.peek();
      if (kw.kind === 'ident') {
        switch (kw.value) {
          case 'end': this.next(); this.expectClose(); return { list, end: 'end' };
          case 'else': return { list, end: 'else' }; // caller consumes
          case 'if': case 'with': case 'range': {
            this.next();
            list.push(this.control(kw.value));
            continue;
          }
          case 'break': case 'continue': this.next(); this.expectClose(); list.push({ t: kw.value }); continue;
          case 'define': case 'template': case 'block':
            throw this.error(`{{${kw.value}}} is not supported`);
        }
      }
      const pipe = this.pipeline(true);
      this.expectClose();
      list.push({ t: 'action', pipe });
    }
  }

  private control(kind: 'if' | 'with' | 'range'): Node {
    const pipe = this.pipeline(true);
    this.expectClose();
    const body = this.list();
    let elseList: Node[] | null = null;
    if (body.end === 'eof') throw this.error(`unexpected EOF`);
    if (body.end === 'else') {
      this.next(); // 'else'
      const after = this.peek();
      if (after.kind === 'ident' && (after.value === 'if' || after.value === 'with') && kind !== 'range') {
        // {{else if ...}}: a nested control that shares our {{end}}
        this.next();
        elseList = [this.control(after.value as 'if' | 'with')];
      } else {
        this.expectClose();
        const rest = this.list();
        if (rest.end !== 'end') throw this.error(rest.end === 'eof' ? 'unexpected EOF' : 'expected end; found {{else}}');
        elseList = rest.list;
      }
    }
    return { t: kind, pipe, list: body.list, elseList };
  }

  private expectClose(): void {
    const tok = this.next();
    if (tok.kind !== 'close') throw this.error(`unexpected "${tok.value}" in command`, tok.pos);
  }

  private pipeline(allowDecl: boolean): Pipe {
    const pos = this.peek().pos;
    const decl: string[] = [];
    let assign = false;
    if (allowDecl && this.peek().kind === 'variable') {
      // $x := / $x = / $i, $e :=
      const save = this.i;
      const names: string[] = [this.next().value];
      if (this.peek().kind === 'comma') { this.next(); if (this.peek().kind === 'variable') names.push(this.next().value); }
      const op = this.peek();
      if (op.kind === 'declare' || op.kind === 'assign') {
        this.next();
        decl.push(...names);
        assign = op.kind === 'assign';
      } else {
        this.i = save;
      }
    }
    const cmds: Command[] = [];
    for (;;) {
      const cmd = this.command();
      cmds.push(cmd);
      if (this.peek().kind === 'pipe') { this.next(); continue; }
      break;
    }
    if (cmds.length === 0 || cmds[0].args.length === 0) throw this.error('missing value for command');
    return { decl, assign, cmds, pos };
  }

  private command(): Command {
    const pos = this.peek().pos;
    const args: Arg[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.kind === 'close' || tok.kind === 'pipe' || tok.kind === 'rparen' || tok.kind === 'eof') break;
      args.push(this.operand());
    }
    if (args.length === 0) throw this.error('missing value for command');
    return { args, pos };
  }

  private operand(): Arg {
    const tok = this.next();
    let arg: Arg;
    switch (tok.kind) {
      case 'field': {
        const names = [tok.value];
        let pos = tok.pos;
        let text = `.${tok.value}`;
        if (this.peek().kind === 'field') pos = this.peek().pos;
        while (this.peek().kind === 'field') { const f = this.next(); names.push(f.value); text += `.${f.value}`; }
        return { t: 'field', names, pos, text };
      }
      case 'dot': arg = { t: 'dot', pos: tok.pos, text: '.' }; break;
      case 'variable': {
        const names: string[] = [];
        let text = tok.value;
        while (this.peek().kind === 'field') { const f = this.next(); names.push(f.value); text += `.${f.value}`; }
        return { t: 'var', name: tok.value, names, pos: tok.pos, text };
      }
      case 'string': arg = { t: 'string', value: tok.value, pos: tok.pos, text: JSON.stringify(tok.value) }; break;
      case 'number': {
        const n = Number(tok.value.replace(/_/g, ''));
        if (Number.isNaN(n)) throw this.error(`bad number syntax: "${tok.value}"`, tok.pos);
        arg = { t: 'number', value: n, pos: tok.pos, text: tok.value };
        break;
      }
      case 'ident':
        if (tok.value === 'true' || tok.value === 'false') { arg = { t: 'bool', value: tok.value === 'true', pos: tok.pos, text: tok.value }; break; }
        if (tok.value === 'nil') { arg = { t: 'nil', pos: tok.pos, text: 'nil' }; break; }
        if (['else', 'end', 'if', 'range', 'with'].includes(tok.value)) throw this.error(`unexpected <${tok.value}> in command`, tok.pos);
        return { t: 'ident', name: tok.value, pos: tok.pos, text: tok.value };
      case 'lparen': {
        const pipe = this.pipeline(false);
        const close = this.next();
        if (close.kind !== 'rparen') throw this.error(`unclosed left paren`, tok.pos);
        const names: string[] = [];
        let text = '(...)';
        while (this.peek().kind === 'field') { const f = this.next(); names.push(f.value); text += `.${f.value}`; }
        return { t: 'pipe', pipe, names, pos: tok.pos, text };
      }
      default:
        throw this.error(`unexpected "${tok.value}" in operand`, tok.pos);
    }
    return arg;
  }
}
