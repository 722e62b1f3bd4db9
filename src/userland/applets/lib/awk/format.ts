// awk's printf/sprintf: C conversions applied to awk values.
import { formatFloat, formatInt, formatString, parseConv } from '../cformat.js';
import { toNum, toStr, type Val } from './values.js';

/** Formats `args` by an awk printf format. */
export function awkSprintf(fmt: string, args: Val[], convfmt: string): string {
  let out = '';
  let ai = 0;
  const next = (): Val => args[ai++];
  for (let i = 0; i < fmt.length;) {
    const c = fmt[i];
    if (c !== '%') { out += c; i++; continue; }
    if (fmt[i + 1] === '%') { out += '%'; i += 2; continue; }
    const p = parseConv(fmt, i + 1);
    if (!p) { out += fmt.slice(i); break; }
    const spec = { ...p.spec };
    if (p.starWidth) { const w = Math.trunc(toNum(next())); if (w < 0) { spec.flags += '-'; spec.width = -w; } else spec.width = w; }
    if (p.starPrec) { const pr = Math.trunc(toNum(next())); spec.precision = pr < 0 ? undefined : pr; }
    const v = next();
    switch (spec.conv) {
      case 'd': case 'i': case 'o': case 'x': case 'X': case 'u': {
        const n = toNum(v);
        const t = Number.isFinite(n) ? BigInt(Math.trunc(n)) : 0n;
        out += formatInt(t, { ...spec, conv: spec.conv === 'i' ? 'd' : spec.conv });
        break;
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': out += formatFloat(toNum(v), spec); break;
      case 'c': {
        const s = typeof v === 'number' ? String.fromCharCode(v & 0xff) : toStr(v, convfmt);
        out += formatString(s === '' && typeof v === 'number' ? '\0' : s, spec);
        break;
      }
      case 's': out += formatString(toStr(v, convfmt), spec); break;
      default: out += fmt.slice(i, p.end);
    }
    i = p.end;
  }
  return out;
}
