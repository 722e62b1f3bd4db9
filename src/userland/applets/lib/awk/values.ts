// awk values: numbers, strings, and "strnums" (input text that compares as a number when it
// looks like one), with awk's conversions between them.
import { formatG, formatFloat, parseConv } from '../cformat.js';

/** Input-derived string (fields, getline, -v, ARGV, ENVIRON, split elements). */
export class StrNum {
  constructor(readonly s: string) {}
}

/** An awk scalar. undefined is the uninitialised value ("" and 0). */
export type Val = number | string | StrNum | undefined;

const NUMERIC = /^[ \t\n\r\f\v]*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|0[xX][0-9a-fA-F]+|inf(inity)?|nan)[ \t\n\r\f\v]*$/i;

/** Whether a string looks like a number (for strnum comparisons). */
export function looksNumeric(s: string): boolean {
  return NUMERIC.test(s) && !/^\s*[+-]?0[xX]/.test(s) && !/(inf|nan)/i.test(s);
}

/** strtod-style leading number of a string (0 if none). */
export function strToNum(s: string): number {
  const m = /^[ \t\n\r\f\v]*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** A value as a number. */
export function toNum(v: Val): number {
  if (typeof v === 'number') return v;
  if (v === undefined) return 0;
  return strToNum(typeof v === 'string' ? v : v.s);
}

/** Formats a number as awk prints it: integers plainly, others with `fmt` (CONVFMT/OFMT). */
export function numToStr(n: number, fmt: string): string {
  if (Number.isInteger(n) && Math.abs(n) < 9.2e18) return Object.is(n, -0) ? '-0' : BigInt(n).toString();
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (fmt === '%.6g') return formatG(n);
  const p = fmt.startsWith('%') ? parseConv(fmt, 1) : undefined;
  return p ? formatFloat(n, p.spec) : formatG(n);
}

/** A value as a string (numbers through CONVFMT). */
export function toStr(v: Val, convfmt = '%.6g'): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  if (typeof v === 'number') return numToStr(v, convfmt);
  return v.s;
}

/** awk truth: non-zero numbers, non-empty strings; strnums by their numeric look. */
export function toBool(v: Val): boolean {
  if (typeof v === 'number') return v !== 0;
  if (v === undefined) return false;
  if (typeof v === 'string') return v !== '';
  return looksNumeric(v.s) ? strToNum(v.s) !== 0 : v.s !== '';
}

const isNumLike = (v: Val): boolean => typeof v === 'number' || v === undefined || (v instanceof StrNum && looksNumeric(v.s));

/** Compares two values the POSIX way: numerically if both are numeric, else as strings. */
export function compareVals(a: Val, b: Val, convfmt: string): number {
  if (isNumLike(a) && isNumLike(b)) {
    const x = toNum(a), y = toNum(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toStr(a, convfmt), y = toStr(b, convfmt);
  return x < y ? -1 : x > y ? 1 : 0;
}
