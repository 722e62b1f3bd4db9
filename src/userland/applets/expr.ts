// expr: evaluates an expression given as separate arguments (| & comparisons + - * / % : and
// match/substr/index/length). Exit 0 if the result is neither null nor 0, 1 if it is, 2 on error.
import type { Applet } from '../applet.js';
import { compileRegex, RegexError } from './lib/regex.js';
import { DieError } from './lib/report.js';

type V = bigint | string;

const isInt = (v: V): boolean => typeof v === 'bigint' || /^[+-]?\d+$/.test(v);
const toInt = (v: V): bigint => {
  if (typeof v === 'bigint') return v;
  if (!/^[+-]?\d+$/.test(v)) throw new DieError('non-numeric argument', 2);
  return BigInt(v);
};
const str = (v: V): string => (typeof v === 'bigint' ? v.toString() : v);
const isNull = (v: V): boolean => (typeof v === 'bigint' ? v === 0n : v === '' || (/^[+-]?\d+$/.test(v) && BigInt(v) === 0n));

/** Evaluates expr's argument list. */
export function evalExpr(args: string[]): V {
  let p = 0;
  const peek = (): string | undefined => args[p];
  const syntax = (): never => { throw new DieError('syntax error', 2); };
  const operand = (): V => {
    const t = args[p++];
    if (t === undefined) syntax();
    return t;
  };
  function primary(): V {
    const t = peek();
    if (t === undefined) syntax();
    if (t === '(') {
      p++;
      const v = orExpr();
      if (args[p++] !== ')') syntax();
      return v;
    }
    if (t === 'length' && p + 1 < args.length) { p++; return BigInt(str(primary()).length); }
    if (t === 'match' && p + 2 < args.length) { p++; const a = primary(); return match(a, primary()); }
    if (t === 'substr' && p + 3 < args.length) {
      p++;
      const s = str(primary());
      const pos = Number(toInt(primary()));
      const len = Number(toInt(primary()));
      return pos < 1 || len < 1 ? '' : s.substr(pos - 1, len);
    }
    if (t === 'index' && p + 2 < args.length) {
      p++;
      const s = str(primary());
      const chars = str(primary());
      let best = 0;
      for (let i = 0; i < s.length; i++) if (chars.includes(s[i])) { best = i + 1; break; }
      return BigInt(best);
    }
    if (t === '+' && p + 1 < args.length) { p++; return operand(); }
    return operand();
  }
  function match(a: V, pat: V): V {
    let re: RegExp;
    try {
      re = compileRegex(str(pat), { extended: false });
    } catch (e) {
      if (e instanceof RegexError) throw new DieError(`bad regex '${str(pat)}'`, 2);
      throw e;
    }
    const m = new RegExp(`^(?:${re.source})`, 's').exec(str(a));
    if (/\\\(/.test(str(pat))) return m && m[1] !== undefined ? m[1] : '';
    return BigInt(m ? m[0].length : 0);
  }
  function colon(): V {
    let a = primary();
    while (peek() === ':') { p++; a = match(a, primary()); }
    return a;
  }
  function mul(): V {
    let a = colon();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const op = args[p++];
      const b = colon();
      const x = toInt(a), y = toInt(b);
      if (op !== '*' && y === 0n) throw new DieError('division by zero', 2);
      a = op === '*' ? x * y : op === '/' ? x / y : x % y;
    }
    return a;
  }
  function add(): V {
    let a = mul();
    while (peek() === '+' || peek() === '-') {
      const op = args[p++];
      const b = mul();
      a = op === '+' ? toInt(a) + toInt(b) : toInt(a) - toInt(b);
    }
    return a;
  }
  function cmp(): V {
    let a = add();
    while (['<', '<=', '=', '==', '!=', '>=', '>'].includes(peek()!)) {
      const op = args[p++];
      const b = add();
      let r: number;
      if (isInt(a) && isInt(b)) { const x = toInt(a), y = toInt(b); r = x < y ? -1 : x > y ? 1 : 0; }
      else r = str(a) < str(b) ? -1 : str(a) > str(b) ? 1 : 0;
      const ok = op === '<' ? r < 0 : op === '<=' ? r <= 0 : op === '>' ? r > 0 : op === '>=' ? r >= 0 : op === '!=' ? r !== 0 : r === 0;
      a = ok ? 1n : 0n;
    }
    return a;
  }
  function andExpr(): V {
    let a = cmp();
    while (peek() === '&') {
      p++;
      const b = cmp();
      a = isNull(a) || isNull(b) ? 0n : a;
    }
    return a;
  }
  function orExpr(): V {
    let a = andExpr();
    while (peek() === '|') {
      p++;
      const b = andExpr();
      a = !isNull(a) ? a : !isNull(b) ? b : 0n;
    }
    return a;
  }
  const v = orExpr();
  if (p < args.length) syntax();
  return v;
}

/** expr EXPRESSION */
export const expr: Applet = async (ctx) => {
  let args = ctx.argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) throw new DieError('too few arguments', 2);
  const v = evalExpr(args);
  await ctx.out.write(`${str(v)}\n`);
  return isNull(v) ? 1 : 0;
};
