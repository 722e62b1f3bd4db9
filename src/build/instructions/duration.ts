// Go's time.ParseDuration ("1m30s", "1.5h", "300ms"), which HEALTHCHECK flags use; the result
// is in nanoseconds, the unit of Docker's image config.
import { BuildSyntaxError } from '../errors.js';

const UNITS: Record<string, number> = {
  ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};

/** Parses a Go duration string into nanoseconds; errors read like Go's (`time: invalid duration "x"`). */
export function parseGoDuration(text: string): number {
  const quoted = JSON.stringify(text);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new BuildSyntaxError(`time: invalid duration ${quoted}`);
  let total = 0;
  while (s !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (num[0] === '' || num[0] === '.') throw new BuildSyntaxError(`time: invalid duration ${quoted}`);
    s = s.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === '') throw new BuildSyntaxError(`time: missing unit in duration ${quoted}`);
    const scale = UNITS[unit];
    if (scale === undefined) throw new BuildSyntaxError(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    s = s.slice(unit.length);
    const value = Number(`${num[1] || '0'}.${num[2] || '0'}`);
    total += Math.round(value * scale);
  }
  return sign * total;
}
