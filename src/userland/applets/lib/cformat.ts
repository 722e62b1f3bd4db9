// C printf conversions (%d %i %u %o %x %X %c %s %f %F %e %E %g %G) with flags, width and
// precision, as glibc formats them. Used by printf, awk, seq and stat.

/** One parsed conversion: `%[flags][width][.precision]conv`. */
export interface ConvSpec {
  flags: string;
  width?: number;
  precision?: number;
  conv: string;
}

/** Parses a conversion spec at `fmt[i]` (just after '%'); `*` widths come back as -1 markers. */
export function parseConv(fmt: string, i: number): { spec: ConvSpec; end: number; starWidth: boolean; starPrec: boolean } | undefined {
  let j = i;
  let flags = '';
  while (j < fmt.length && '-+ #0\''.includes(fmt[j])) flags += fmt[j++];
  let width: number | undefined;
  let starWidth = false;
  if (fmt[j] === '*') { starWidth = true; j++; } else {
    const m = /^\d+/.exec(fmt.slice(j));
    if (m) { width = Number(m[0]); j += m[0].length; }
  }
  let precision: number | undefined;
  let starPrec = false;
  if (fmt[j] === '.') {
    j++;
    if (fmt[j] === '*') { starPrec = true; j++; } else {
      const m = /^\d+/.exec(fmt.slice(j));
      precision = m ? Number(m[0]) : 0;
      if (m) j += m[0].length;
    }
  }
  while (j < fmt.length && 'hlLjzt'.includes(fmt[j])) j++;
  if (j >= fmt.length) return undefined;
  return { spec: { flags, width, precision, conv: fmt[j] }, end: j + 1, starWidth, starPrec };
}

function pad(body: string, spec: ConvSpec, zeroOk: boolean): string {
  const w = spec.width ?? 0;
  if (body.length >= w) return body;
  if (spec.flags.includes('-')) return body + ' '.repeat(w - body.length);
  if (zeroOk && spec.flags.includes('0')) {
    const m = /^([+\- ]|0[xX])?/.exec(body)!;
    const sign = m[0];
    return sign + '0'.repeat(w - body.length) + body.slice(sign.length);
  }
  return ' '.repeat(w - body.length) + body;
}

/** Formats a string conversion (%s, %c uses only the first char). */
export function formatString(s: string, spec: ConvSpec): string {
  let body = spec.conv === 'c' ? s.slice(0, 1) : s;
  if (spec.conv !== 'c' && spec.precision !== undefined) body = body.slice(0, spec.precision);
  return pad(body, spec, false);
}

/** Formats an integer conversion (d i u o x X). `v` is taken modulo 2^64 for unsigned ones. */
export function formatInt(v: bigint, spec: ConvSpec): string {
  const c = spec.conv;
  let digits: string;
  let sign = '';
  if (c === 'd' || c === 'i') {
    if (v < 0n) { sign = '-'; v = -v; } else if (spec.flags.includes('+')) sign = '+'; else if (spec.flags.includes(' ')) sign = ' ';
    digits = v.toString();
  } else {
    if (v < 0n) v = (1n << 64n) + v;
    digits = v.toString(c === 'o' ? 8 : c === 'x' || c === 'X' ? 16 : 10);
    if (c === 'X') digits = digits.toUpperCase();
  }
  if (spec.precision !== undefined) {
    if (spec.precision === 0 && v === 0n) digits = '';
    digits = digits.padStart(spec.precision, '0');
  }
  if (spec.flags.includes('#')) {
    if (c === 'o' && !digits.startsWith('0')) digits = '0' + digits;
    if ((c === 'x' || c === 'X') && v !== 0n) sign = c === 'x' ? '0x' : '0X';
  }
  return pad(sign + digits, spec, spec.precision === undefined);
}

function expForm(v: number, prec: number, upper: boolean): string {
  const s = v.toExponential(prec);
  const [mant, exp] = s.split('e');
  const n = Number(exp);
  const e = `e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  return mant + (upper ? e.toUpperCase() : e);
}

function fixedForm(v: number, prec: number): string {
  if (Math.abs(v) < 1e21) return v.toFixed(prec);
  // toFixed switches to exponent form for huge numbers; spell the digits out.
  const int = BigInt(Math.round(v)).toString();
  return prec > 0 ? `${int}.${'0'.repeat(prec)}` : int;
}

/** Formats a floating point conversion (f F e E g G). */
export function formatFloat(v: number, spec: ConvSpec): string {
  const c = spec.conv;
  const upper = c === 'E' || c === 'G' || c === 'F';
  let sign = '';
  if (v < 0 || Object.is(v, -0)) { sign = '-'; v = -v; } else if (spec.flags.includes('+')) sign = '+'; else if (spec.flags.includes(' ')) sign = ' ';
  if (!Number.isFinite(v)) {
    const body = Number.isNaN(v) ? 'nan' : 'inf';
    return pad(sign + (upper ? body.toUpperCase() : body), spec, false);
  }
  const alt = spec.flags.includes('#');
  let body: string;
  if (c === 'f' || c === 'F') {
    body = fixedForm(v, spec.precision ?? 6);
    if (alt && !body.includes('.')) body += '.';
  } else if (c === 'e' || c === 'E') {
    body = expForm(v, spec.precision ?? 6, upper);
  } else {
    const p = spec.precision === undefined ? 6 : spec.precision === 0 ? 1 : spec.precision;
    const x = v === 0 ? 0 : Number(v.toExponential(p - 1).split('e')[1]);
    if (p > x && x >= -4) body = fixedForm(v, p - 1 - x);
    else body = expForm(v, p - 1, upper);
    if (!alt) {
      const [m, e] = body.split(/(?=[eE])/);
      const trimmed = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
      body = trimmed + (e ?? '');
    }
  }
  return pad(sign + body, spec, true);
}

/** `%.6g`-style number to string, as awk's CONVFMT/OFMT default prints non-integers. */
export function formatG(v: number, precision = 6): string {
  return formatFloat(v, { flags: '', precision, conv: 'g' });
}
