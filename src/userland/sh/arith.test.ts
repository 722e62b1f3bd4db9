// Arithmetic unit tests: C operators on wrapped 64-bit integers, variables, errors.
import { describe, expect, it } from 'vitest';
import { ArithError, evalArith, type ArithVars } from './arith.js';

function vars(init: Record<string, string> = {}): ArithVars & { v: Record<string, string> } {
  const v = { ...init };
  return { v, get: (n) => v[n], set: (n, x) => { v[n] = x; } };
}
const ev = (e: string, init?: Record<string, string>): string => String(evalArith(e, vars(init)));

describe('arithmetic', () => {
  it('follows C precedence and associativity', () => {
    expect(ev('1+2*3')).toBe('7');
    expect(ev('(1+2)*3')).toBe('9');
    expect(ev('2**3**2')).toBe('512');
    expect(ev('10-4-3')).toBe('3');
    expect(ev('1 << 2 + 1')).toBe('8');
    expect(ev('5 > 3 == 1')).toBe('1');
    expect(ev('6 & 3 | 8 ^ 1')).toBe('11');
    expect(ev('0 ? 1 : 2 ? 3 : 4')).toBe('3');
    expect(ev('-7/2')).toBe('-3');
    expect(ev('-7%3')).toBe('-1');
    expect(ev('!0 + ~0')).toBe('0');
    expect(ev('1, 2, 3')).toBe('3');
  });

  it('reads decimal, octal, hex and base#digits', () => {
    expect(ev('010 + 0x10 + 2#101 + 16#ff')).toBe(String(8 + 16 + 5 + 255));
  });

  it('wraps at 64 bits', () => {
    expect(ev('9223372036854775807 + 1')).toBe('-9223372036854775808');
    expect(ev('1 << 63')).toBe('-9223372036854775808');
  });

  it('evaluates variables recursively and assigns with all operators', () => {
    const s = vars({ x: '5', y: '3+4', z: '' });
    expect(String(evalArith('x*2 + y + z + unset', s))).toBe('17');
    expect(String(evalArith('a = x += 2', s))).toBe('7');
    expect(s.v).toMatchObject({ a: '7', x: '7' });
    expect(String(evalArith('x++ + ++x', s))).toBe('16');
    expect(s.v.x).toBe('9');
    for (const [op, want] of [['-=', '7'], ['*=', '14'], ['/=', '7'], ['%=', '1'], ['<<=', '4'], ['>>=', '1'], ['|=', '3'], ['&=', '2'], ['^=', '0']]) {
      const t = vars({ n: op === '-=' ? '9' : op === '*=' ? '7' : op === '/=' ? '14' : op === '%=' ? '7' : op === '<<=' ? '1' : op === '>>=' ? '4' : op === '|=' ? '1' : op === '&=' ? '3' : '2' });
      expect(String(evalArith(`n ${op} ${op === '%=' ? 3 : op === '|=' ? 2 : op === '&=' ? 2 : op === '^=' ? 2 : 2}`, t))).toBe(want);
    }
  });

  it('does not evaluate the side not taken by && || ?:', () => {
    const s = vars({ x: '1' });
    evalArith('0 && (x = 5)', s);
    evalArith('1 || (x = 6)', s);
    evalArith('1 ? 0 : (x = 7)', s);
    evalArith('0 && 1/0', s);
    expect(s.v.x).toBe('1');
  });

  it("reports busybox's errors", () => {
    expect(() => ev('1/0')).toThrow(new ArithError('divide by zero'));
    expect(() => ev('1+')).toThrow(new ArithError('arithmetic syntax error'));
    expect(() => ev('2 ** -1')).toThrow(new ArithError('exponent less than 0'));
    expect(() => ev('a', { a: 'a' })).toThrow(new ArithError('expression recursion loop detected'));
    expect(ev('')).toBe('0');
  });
});
