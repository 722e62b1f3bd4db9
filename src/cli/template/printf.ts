// Go's fmt.Sprintf for the verbs templates use: %v %s %d %q %f %g %e %t %x %X %o %c %%,
// with flags (- + 0 space #), width and precision.
import { goNumber, printValue } from './go-value.js';

/** Formats like Go's fmt.Sprintf. */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argi = 0;
  const re = /%([-+ 0#]*)(\d+|\*)?(?:\.(\d+|\*)?)?([a-zA-Z%])/g;
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, flags, widthSpec, precSpec, verb] = m;
    if (verb === '%') { out += '%'; continue; }
    let width = widthSpec === '*' ? Number(args[argi++]) : widthSpec ? Number(widthSpec) : undefined;
    const hasPrec = m[0].includes('.');
    let prec = precSpec === '*' ? Number(args[argi++]) : precSpec ? Number(precSpec) : hasPrec ? 0 : undefined;
    if (argi >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    const arg = args[argi++];
    let s = formatOne(verb, arg, flags, prec);
    if (width !== undefined && [...s].length < width) {
      const pad = width - [...s].length;
      if (flags.includes('-')) s = s + ' '.repeat(pad);
      else if (flags.includes('0') && typeof arg === 'number' && !'sqv'.includes(verb)) {
        const sign = /^[+-]/.test(s) ? s[0] : '';
        s = sign + '0'.repeat(pad) + s.slice(sign.length);
      } else s = ' '.repeat(pad) + s;
    }
    width = undefined;
    prec = undefined;
    out += s;
  }
  out += format.slice(last);
  if (argi < args.length) out += `%!(EXTRA ${args.slice(argi).map((a) => `${goTypeOf(a)}=${printValue(a)}`).join(', ')})`;
  return out;
}

function goTypeOf(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'interface {}';
}

function formatOne(verb: string, arg: unknown, flags: string, prec: number | undefined): string {
  const plus = flags.includes('+');
  const space = flags.includes(' ');
  const sign = (n: number, s: string) => (n >= 0 && plus ? '+' + s : n >= 0 && space ? ' ' + s : s);
  switch (verb) {
    case 'v': case 's': {
      const s = printValue(arg);
      return prec !== undefined && verb === 's' ? [...s].slice(0, prec).join('') : s;
    }
    case 'q':
      if (typeof arg === 'string') return JSON.stringify(arg);
      if (typeof arg === 'number') return `'${String.fromCodePoint(arg)}'`;
      return `%!q(${goTypeOf(arg)}=${printValue(arg)})`;
    case 'd':
      if (typeof arg !== 'number') return `%!d(${goTypeOf(arg)}=${printValue(arg)})`;
      return sign(arg, String(Math.trunc(arg)));
    case 'f': case 'F':
      if (typeof arg !== 'number') return `%!${verb}(${goTypeOf(arg)}=${printValue(arg)})`;
      return sign(arg, arg.toFixed(prec ?? 6));
    case 'e':
      if (typeof arg !== 'number') return `%!e(${goTypeOf(arg)}=${printValue(arg)})`;
      return sign(arg, arg.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2'));
    case 'g':
      if (typeof arg !== 'number') return `%!g(${goTypeOf(arg)}=${printValue(arg)})`;
      return sign(arg, prec === undefined ? goNumber(arg) : String(Number(arg.toPrecision(prec))));
    case 't':
      return typeof arg === 'boolean' ? String(arg) : `%!t(${goTypeOf(arg)}=${printValue(arg)})`;
    case 'x': case 'X': {
      let s: string;
      if (typeof arg === 'number') s = Math.trunc(arg).toString(16);
      else if (typeof arg === 'string') s = Buffer.from(arg, 'utf8').toString('hex');
      else return `%!${verb}(${goTypeOf(arg)}=${printValue(arg)})`;
      if (flags.includes('#')) s = '0x' + s;
      return verb === 'X' ? s.toUpperCase() : s;
    }
    case 'o':
      return typeof arg === 'number' ? Math.trunc(arg).toString(8) : `%!o(${goTypeOf(arg)}=${printValue(arg)})`;
    case 'c':
      return typeof arg === 'number' ? String.fromCodePoint(arg) : `%!c(${goTypeOf(arg)}=${printValue(arg)})`;
    default:
      return `%!${verb}(${goTypeOf(arg)}=${printValue(arg)})`;
  }
}
