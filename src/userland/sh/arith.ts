// Shell arithmetic $(( )): C operators on signed 64-bit integers (BigInt, wrapped), variables
// (whose values are themselves evaluated, as busybox ash does), assignment operators, ?:, and
// busybox's error messages ("arithmetic syntax error", "divide by zero").

/** An arithmetic error; the message is what ash prints after `sh: `. */
export class ArithError extends Error {}

/** How arithmetic reads and writes shell variables. */
export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

const wrap = (n: bigint): bigint => BigInt.asIntN(64, n);

type Tok = { k: 'num'; v: bigint } | { k: 'name'; v: string } | { k: 'op'; v: string };

const OPS = ['<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=',
  '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '!', '~', '?', ':', '(', ')', '=', ','];

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    if (/[0-9]/.test(c)) {
      let j = i;
      while (j < s.length && /[0-9A-Za-z_#@]/.test(s[j])) j++;
      out.push({ k: 'num', v: parseNumber(s.slice(i, j)) });
      i = j;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < s.length && /[A-Za-z0-9_]/.test(s[j])) j++;
      out.push({ k: 'name', v: s.slice(i, j) });
      i = j;
      continue;
    }
    const op = OPS.find((o) => s.startsWith(o, i));
    if (!op) throw new ArithError('arithmetic syntax error');
    out.push({ k: 'op', v: op });
    i += op.length;
  }
  return out;
}

function parseNumber(t: string): bigint {
  let m: RegExpExecArray | null;
  if ((m = /^0[xX]([0-9a-fA-F]+)$/.exec(t))) return wrap(BigInt(`0x${m[1]}`));
  if (/^0[0-7]*$/.test(t)) return wrap(BigInt(`0o${t.slice(1) || '0'}`));
  if (/^[1-9][0-9]*$/.test(t)) return wrap(BigInt(t));
  if ((m = /^([0-9]+)#([0-9A-Za-z@_]+)$/.exec(t))) {
    const base = Number(m[1]);
    if (base < 2 || base > 64) throw new ArithError('arithmetic syntax error');
    let v = 0n;
    for (const ch of m[2]) {
      const d = base <= 36 ? parseInt(ch, 36) : '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@_'.indexOf(ch);
      if (Number.isNaN(d) || d < 0 || d >= base) throw new ArithError('arithmetic syntax error');
      v = v * BigInt(base) + BigInt(d);
    }
    return wrap(v);
  }
  throw new ArithError('arithmetic syntax error');
}

const BINARY: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '<=': 7, '>': 7, '>=': 7,
  '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10, '**': 11,
};

/** Evaluates an arithmetic expression; an empty expression is 0. */
export function evalArith(expr: string, vars: ArithVars, depth = 0): bigint {
  if (depth > 100) throw new ArithError('expression recursion loop detected');
  const toks = tokenize(expr);
  if (toks.length === 0) return 0n;
  let pos = 0;
  let noeval = 0;
  const peek = (): Tok | undefined => toks[pos];
  const isOp = (v: string): boolean => { const t = toks[pos]; return t?.k === 'op' && t.v === v; };
  const syntax = (): never => { throw new ArithError('arithmetic syntax error'); };

  const varValue = (name: string): bigint => {
    if (noeval) return 0n;
    const v = vars.get(name);
    if (v === undefined || v === '') return 0n;
    return evalArith(v, vars, depth + 1);
  };
  const assign = (name: string, v: bigint): bigint => {
    if (!noeval) vars.set(name, String(v));
    return v;
  };

  const binop = (op: string, a: bigint, b: bigint): bigint => {
    switch (op) {
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/': case '%':
        if (b === 0n) { if (noeval) return 0n; throw new ArithError('divide by zero'); }
        if (a === -(2n ** 63n) && b === -1n) return op === '/' ? a : 0n;
        return op === '/' ? wrap(a / b) : wrap(a % b);
      case '**': {
        if (b < 0n) { if (noeval) return 0n; throw new ArithError('exponent less than 0'); }
        let r = 1n;
        for (let i = 0n; i < b && i < 200n; i++) r = wrap(r * a);
        return r;
      }
      case '<<': return wrap(a << (b & 63n));
      case '>>': return wrap(a >> (b & 63n));
      case '<': return a < b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '&': return wrap(a & b);
      case '^': return wrap(a ^ b);
      case '|': return wrap(a | b);
    }
    return syntax();
  };

  const primary = (): bigint => {
    const t = peek();
    if (!t) return syntax();
    if (t.k === 'num') { pos++; return t.v; }
    if (t.k === 'name') {
      pos++;
      if (isOp('++') || isOp('--')) {
        const op = (toks[pos++] as { v: string }).v;
        const v = varValue(t.v);
        assign(t.v, wrap(op === '++' ? v + 1n : v - 1n));
        return v;
      }
      const a = peek();
      if (a?.k === 'op' && (a.v === '=' || (a.v.endsWith('=') && a.v.length > 1 && !['==', '!=', '<=', '>='].includes(a.v)))) {
        pos++;
        const rhs = assignment();
        if (a.v === '=') return assign(t.v, rhs);
        return assign(t.v, binop(a.v.slice(0, -1), varValue(t.v), rhs));
      }
      return varValue(t.v);
    }
    if (t.v === '(') {
      pos++;
      const v = comma();
      if (!isOp(')')) syntax();
      pos++;
      return v;
    }
    return syntax();
  };

  const unary = (): bigint => {
    const t = peek();
    if (t?.k === 'op') {
      if (t.v === '++' || t.v === '--') {
        pos++;
        const n = peek();
        if (n?.k !== 'name') return syntax();
        pos++;
        return assign(n.v, wrap(varValue(n.v) + (t.v === '++' ? 1n : -1n)));
      }
      if (t.v === '-') { pos++; return wrap(-unary()); }
      if (t.v === '+') { pos++; return unary(); }
      if (t.v === '!') { pos++; return unary() === 0n ? 1n : 0n; }
      if (t.v === '~') { pos++; return wrap(~unary()); }
    }
    return primary();
  };

  const binary = (minPrec: number): bigint => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t?.k !== 'op') return left;
      const prec = BINARY[t.v];
      if (prec === undefined || prec < minPrec) return left;
      pos++;
      if (t.v === '&&' || t.v === '||') {
        const short = t.v === '&&' ? left === 0n : left !== 0n;
        if (short) noeval++;
        const right = binary(prec + 1);
        if (short) noeval--;
        left = short ? (t.v === '||' ? 1n : 0n) : right !== 0n ? 1n : 0n;
        continue;
      }
      const right = t.v === '**' ? binary(prec) : binary(prec + 1);
      left = binop(t.v, left, right);
    }
  };

  const ternary = (): bigint => {
    const c = binary(1);
    if (!isOp('?')) return c;
    pos++;
    if (c === 0n) noeval++;
    const a = comma();
    if (c === 0n) noeval--;
    if (!isOp(':')) throw new ArithError('malformed ?: operator');
    pos++;
    if (c !== 0n) noeval++;
    const b = assignment();
    if (c !== 0n) noeval--;
    return c !== 0n ? a : b;
  };

  const assignment = (): bigint => ternary();

  const comma = (): bigint => {
    let v = assignment();
    while (isOp(',')) { pos++; v = assignment(); }
    return v;
  };

  const result = comma();
  if (pos < toks.length) syntax();
  return result;
}
