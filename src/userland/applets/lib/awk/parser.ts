// The awk parser: recursive descent over lexer tokens into the AST of ast.ts, following the
// POSIX grammar's precedence (assignment, ?:, ||, &&, in, ~, relational, concatenation, + -,
// * / %, unary, ^, ++/--, $) and its newline rules.
import { DieError } from '../report.js';
import type { AwkFunction, AwkProgram, Dest, Expr, LValue, Rule, Stmt } from './ast.js';
import { lex, type Tok } from './lexer.js';

const isLValue = (e: Expr): e is LValue => e.t === 'var' || e.t === 'field' || e.t === 'index';

class Parser {
  private p = 0;
  /** Inside print's expression list: `>` is redirection, not comparison. */
  private noGt = false;
  /** Inside for(...in...) head parsing: `in` not consumed as operator. */
  private noIn = false;

  constructor(private readonly toks: Tok[]) {}

  private get tok(): Tok { return this.toks[this.p]; }
  private is(kind: Tok['kind'], value?: string): boolean {
    return this.tok.kind === kind && (value === undefined || this.tok.value === value);
  }
  private isOp(v: string): boolean { return this.is('op', v); }
  private advance(): Tok { return this.toks[this.p++]; }
  private fail(): never {
    const t = this.tok;
    throw new DieError(`cmd. line:${t.line}: Unexpected token`);
  }
  private expectOp(v: string): void { if (!this.isOp(v)) this.fail(); this.p++; }
  private nls(): void { while (this.is('nl')) this.p++; }
  private terms(): void { while (this.is('nl') || this.isOp(';')) this.p++; }

  program(): AwkProgram {
    const rules: Rule[] = [];
    const functions = new Map<string, AwkFunction>();
    this.terms();
    while (!this.is('eof')) {
      if (this.is('kw', 'function')) {
        this.p++;
        const name = this.advance();
        if (name.kind !== 'name' && name.kind !== 'func') this.fail();
        this.expectOp('(');
        const params: string[] = [];
        while (!this.isOp(')')) {
          const n = this.advance();
          if (n.kind !== 'name') this.fail();
          params.push(n.value);
          if (this.isOp(',')) { this.p++; this.nls(); }
        }
        this.p++;
        this.nls();
        functions.set(name.value, { name: name.value, params, body: this.block() });
      } else if (this.is('kw', 'BEGIN') || this.is('kw', 'END')) {
        const kind = this.advance().value === 'BEGIN' ? 'begin' : 'end';
        this.nls();
        rules.push({ kind, action: this.block() });
      } else {
        const rule: Rule = { kind: 'main' };
        if (!this.isOp('{')) {
          rule.pattern = this.expr();
          if (this.isOp(',')) { this.p++; this.nls(); rule.pattern2 = this.expr(); }
        }
        if (this.isOp('{')) rule.action = this.block();
        rules.push(rule);
      }
      this.terms();
    }
    return { rules, functions };
  }

  private block(): Stmt[] {
    this.expectOp('{');
    const body: Stmt[] = [];
    this.terms();
    while (!this.isOp('}')) {
      if (this.is('eof')) this.fail();
      body.push(this.stmt());
      this.terms();
    }
    this.p++;
    return body;
  }

  private endSimple(): void {
    if (this.isOp(';') || this.is('nl')) { this.p++; return; }
    if (this.isOp('}') || this.is('eof')) return;
    this.fail();
  }

  private stmt(): Stmt {
    if (this.isOp('{')) return { t: 'block', body: this.block() };
    if (this.isOp(';')) { this.p++; return { t: 'block', body: [] }; }
    if (this.is('kw')) {
      const k = this.tok.value;
      switch (k) {
        case 'if': {
          this.p++;
          this.expectOp('(');
          const c = this.expr();
          this.expectOp(')');
          this.nls();
          const a = this.stmt();
          const save = this.p;
          this.terms();
          if (this.is('kw', 'else')) {
            this.p++;
            this.nls();
            return { t: 'if', c, a, b: this.stmt() };
          }
          this.p = save;
          return { t: 'if', c, a };
        }
        case 'while': {
          this.p++;
          this.expectOp('(');
          const c = this.expr();
          this.expectOp(')');
          if (this.isOp(';')) { this.p++; return { t: 'while', c, body: { t: 'block', body: [] } }; }
          this.nls();
          return { t: 'while', c, body: this.stmt() };
        }
        case 'do': {
          this.p++;
          this.nls();
          const body = this.stmt();
          this.terms();
          if (!this.is('kw', 'while')) this.fail();
          this.p++;
          this.expectOp('(');
          const c = this.expr();
          this.expectOp(')');
          this.endSimple();
          return { t: 'do', body, c };
        }
        case 'for': return this.forStmt();
        case 'next': case 'nextfile': case 'break': case 'continue':
          this.p++;
          this.endSimple();
          return { t: k };
        case 'exit': case 'return': {
          this.p++;
          let e: Expr | undefined;
          if (!this.isOp(';') && !this.is('nl') && !this.isOp('}') && !this.is('eof')) e = this.expr();
          this.endSimple();
          return { t: k, e };
        }
        case 'delete': {
          this.p++;
          const n = this.advance();
          if (n.kind !== 'name') this.fail();
          let subs: Expr[] | undefined;
          if (this.isOp('[')) { this.p++; subs = this.exprList(); this.expectOp(']'); }
          this.endSimple();
          return { t: 'delete', name: n.value, subs };
        }
        case 'print': case 'printf': {
          const s = this.printStmt();
          this.endSimple();
          return s;
        }
      }
    }
    const s = this.simple();
    this.endSimple();
    return s;
  }

  private simple(): Stmt {
    if (this.is('kw', 'print') || this.is('kw', 'printf')) return this.printStmt();
    return { t: 'expr', e: this.expr() };
  }

  private forStmt(): Stmt {
    this.p++;
    this.expectOp('(');
    // for (k in arr)
    if (this.is('name') && this.toks[this.p + 1]?.kind === 'kw' && this.toks[this.p + 1].value === 'in'
      && this.toks[this.p + 2]?.kind === 'name' && this.toks[this.p + 3]?.value === ')') {
      const v = this.advance().value;
      this.p++;
      const arr = this.advance().value;
      this.p++;
      this.nls();
      return { t: 'forin', v: { t: 'var', name: v }, arr, body: this.stmt() };
    }
    const init = this.isOp(';') ? undefined : this.simple();
    this.expectOp(';');
    this.nls();
    const c = this.isOp(';') ? undefined : this.expr();
    this.expectOp(';');
    this.nls();
    const step = this.isOp(')') ? undefined : this.simple();
    this.expectOp(')');
    if (this.isOp(';')) { this.p++; return { t: 'for', init, c, step, body: { t: 'block', body: [] } }; }
    this.nls();
    return { t: 'for', init, c, step, body: this.stmt() };
  }

  private printStmt(): Stmt {
    const t = this.advance().value as 'print' | 'printf';
    let args: Expr[] = [];
    const saved = this.noGt;
    this.noGt = true;
    if (!this.isOp(';') && !this.is('nl') && !this.isOp('}') && !this.isOp('>') && !this.isOp('>>') && !this.isOp('|') && !this.is('eof')) {
      args = this.exprList();
      // print (a, b) parses as a grouping list.
      if (args.length === 1 && args[0].t === 'group' && (args[0] as { list?: Expr[] }).list) args = (args[0] as unknown as { list: Expr[] }).list;
    }
    this.noGt = saved;
    let dest: Dest | undefined;
    if (this.isOp('>') || this.isOp('>>') || this.isOp('|')) {
      const mode = this.advance().value as Dest['mode'];
      const s2 = this.noGt;
      this.noGt = true;
      dest = { mode, e: this.ternary() };
      this.noGt = s2;
    }
    return { t, args, dest };
  }

  private exprList(): Expr[] {
    const list = [this.expr()];
    while (this.isOp(',')) { this.p++; this.nls(); list.push(this.expr()); }
    return list;
  }

  expr(): Expr {
    const lhs = this.ternary();
    if (this.is('op') && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(this.tok.value) && isLValue(lhs)) {
      const op = this.advance().value;
      this.nls();
      return { t: 'assign', op, lhs, rhs: this.expr() };
    }
    return lhs;
  }

  private ternary(): Expr {
    const c = this.or();
    if (!this.isOp('?')) return c;
    this.p++;
    this.nls();
    const a = this.expr();
    this.nls();
    this.expectOp(':');
    this.nls();
    return { t: 'cond', c, a, b: this.expr() };
  }

  private or(): Expr {
    let a = this.and();
    while (this.isOp('||')) { this.p++; this.nls(); a = { t: 'or', a, b: this.and() }; }
    return a;
  }

  private and(): Expr {
    let a = this.inExpr();
    while (this.isOp('&&')) { this.p++; this.nls(); a = { t: 'and', a, b: this.inExpr() }; }
    return a;
  }

  private inExpr(): Expr {
    let a = this.matchExpr();
    while (this.is('kw', 'in') && !this.noIn) {
      this.p++;
      const n = this.advance();
      if (n.kind !== 'name') this.fail();
      const subs = a.t === 'group' && (a as { list?: Expr[] }).list ? (a as unknown as { list: Expr[] }).list : [a];
      a = { t: 'in', subs, name: n.value };
    }
    return a;
  }

  private matchExpr(): Expr {
    let a = this.compare();
    while (this.isOp('~') || this.isOp('!~')) {
      const neg = this.advance().value === '!~';
      a = { t: 'match', neg, a, re: this.compare() };
    }
    return a;
  }

  private compare(): Expr {
    const a = this.pipeGetline();
    const ops = this.noGt ? ['<', '<=', '!=', '==', '>='] : ['<', '<=', '!=', '==', '>', '>='];
    if (this.is('op') && ops.includes(this.tok.value)) {
      const op = this.advance().value;
      return { t: 'bin', op, a, b: this.pipeGetline() };
    }
    return a;
  }

  private pipeGetline(): Expr {
    let a = this.concat();
    while (this.isOp('|') && this.toks[this.p + 1]?.kind === 'kw' && this.toks[this.p + 1].value === 'getline') {
      this.p += 2;
      const lv = this.optLValue();
      a = { t: 'getline', cmd: a, lv };
    }
    return a;
  }

  private startsConcat(): boolean {
    const t = this.tok;
    if (t.kind === 'num' || t.kind === 'str' || t.kind === 'ere' || t.kind === 'name' || t.kind === 'func' || t.kind === 'builtin') return true;
    if (t.kind === 'op') return ['$', '(', '++', '--'].includes(t.value);
    if (t.kind === 'kw') return t.value === 'getline';
    return false;
  }

  concat(): Expr {
    let a = this.additive();
    while (this.startsConcat() && !(this.is('kw', 'in'))) a = { t: 'concat', a, b: this.additive() };
    return a;
  }

  private additive(): Expr {
    let a = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.advance().value;
      a = { t: 'bin', op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Expr {
    let a = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.advance().value;
      a = { t: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.isOp('!')) { this.p++; return { t: 'unary', op: '!', a: this.unary() }; }
    if (this.isOp('-') || this.isOp('+')) { const op = this.advance().value; return { t: 'unary', op, a: this.unary() }; }
    return this.power();
  }

  private power(): Expr {
    const a = this.postfix();
    if (this.isOp('^')) {
      this.p++;
      const b = this.isOp('-') || this.isOp('+') || this.isOp('!') ? this.unary() : this.power();
      return { t: 'bin', op: '^', a, b };
    }
    return a;
  }

  private postfix(): Expr {
    const a = this.primary();
    if ((this.isOp('++') || this.isOp('--')) && isLValue(a)) {
      const op = this.advance().value as '++' | '--';
      return { t: 'incdec', op, prefix: false, lv: a };
    }
    return a;
  }

  private optLValue(): LValue | undefined {
    if (this.isOp('$')) { this.p++; return { t: 'field', e: this.fieldOperand() }; }
    if (this.is('name')) return this.nameRef();
    return undefined;
  }

  private nameRef(): LValue {
    const name = this.advance().value;
    if (this.isOp('[')) {
      this.p++;
      const subs = this.exprList();
      this.expectOp(']');
      return { t: 'index', name, subs };
    }
    return { t: 'var', name };
  }

  private fieldOperand(): Expr {
    if (this.isOp('++') || this.isOp('--')) {
      const op = this.advance().value as '++' | '--';
      const lv = this.primary();
      if (!isLValue(lv)) this.fail();
      return { t: 'incdec', op, prefix: true, lv };
    }
    if (this.isOp('-') || this.isOp('+') || this.isOp('!')) { const op = this.advance().value; return { t: 'unary', op, a: this.fieldOperand() }; }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.kind) {
      case 'num': this.p++; return { t: 'num', v: t.num! };
      case 'str': this.p++; return { t: 'str', v: t.value };
      case 'ere': this.p++; return { t: 're', src: t.value };
      case 'name': return this.nameRef();
      case 'func': {
        this.p++;
        this.expectOp('(');
        const args = this.isOp(')') ? [] : this.exprList();
        this.nls();
        this.expectOp(')');
        return { t: 'call', name: t.value, args };
      }
      case 'builtin': {
        this.p++;
        if (!this.isOp('(')) return { t: 'builtin', name: t.value, args: [] };
        this.p++;
        const saved = this.noGt;
        this.noGt = false;
        const args = this.isOp(')') ? [] : this.exprList();
        this.noGt = saved;
        this.nls();
        this.expectOp(')');
        return { t: 'builtin', name: t.value, args };
      }
      case 'kw':
        if (t.value === 'getline') {
          this.p++;
          const lv = this.optLValue();
          if (this.isOp('<')) { this.p++; return { t: 'getline', lv, file: this.primaryNoConcat() }; }
          return { t: 'getline', lv };
        }
        break;
      case 'op':
        if (t.value === '$') { this.p++; return { t: 'field', e: this.fieldOperand() }; }
        if (t.value === '(') {
          this.p++;
          const saved = this.noGt;
          this.noGt = false;
          this.nls();
          const list = this.exprList();
          this.nls();
          this.noGt = saved;
          this.expectOp(')');
          const g: Expr = { t: 'group', e: list[0] };
          if (list.length > 1) (g as unknown as { list: Expr[] }).list = list;
          return g;
        }
        if (t.value === '++' || t.value === '--') {
          this.p++;
          const lv = this.primary();
          if (!isLValue(lv)) this.fail();
          return { t: 'incdec', op: t.value, prefix: true, lv };
        }
        if (t.value === '-' || t.value === '+' || t.value === '!') {
          this.p++;
          return { t: 'unary', op: t.value, a: this.unary() };
        }
        break;
    }
    return this.fail();
  }

  private primaryNoConcat(): Expr {
    return this.primary();
  }
}

/** Parses an awk program; throws DieError with a syntax message. */
export function parseAwk(src: string): AwkProgram {
  return new Parser(lex(src)).program();
}
