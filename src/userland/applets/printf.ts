// printf: formats arguments like C printf, reusing FORMAT while arguments remain.
// Busybox rules: numbers may be 0x/0 prefixed or 'C (char code); a bad number prints
// "invalid number 'X'", counts as 0 and makes the exit status 1. Also the shell's builtin.
import type { Applet, AppletContext } from '../applet.js';
import { formatFloat, formatInt, formatString, parseConv } from './lib/cformat.js';
import { expandEscapes, readEscape } from './lib/escapes.js';
import { bbytes, utf8bin } from './lib/io.js';
import { errorMsg, showUsage } from './lib/report.js';

/** strtoll(base 0)-style integer parse of a printf argument; undefined if invalid. */
export function parseCInt(arg: string): bigint | undefined {
  if (arg.startsWith('"') || arg.startsWith("'")) return BigInt(arg.length > 1 ? arg.charCodeAt(1) : 0);
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(arg);
  if (!m) return undefined;
  const body = m[2];
  let v: bigint;
  if (/^0[xX]/.test(body)) v = BigInt(body);
  else if (body.length > 1 && body[0] === '0') v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  return m[1] === '-' ? -v : v;
}

/** strtod-style float parse of a printf argument; undefined if invalid. */
export function parseCFloat(arg: string): number | undefined {
  if (arg.startsWith('"') || arg.startsWith("'")) return arg.length > 1 ? arg.charCodeAt(1) : 0;
  const t = arg.trim();
  if (/^[+-]?(inf(inity)?|nan)$/i.test(t)) return /nan/i.test(t) ? NaN : t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t)) return Number(parseCInt(t));
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(arg.trimStart())) return undefined;
  return Number(t);
}

class Formatter {
  status = 0;
  stopped = false;
  out = '';
  constructor(private readonly ctx: AppletContext, private args: string[]) {}

  get remaining(): number { return this.args.length; }

  private next(): string | undefined { return this.args.shift(); }

  private async int(arg: string | undefined): Promise<bigint> {
    const a = arg ?? '';
    const v = parseCInt(a);
    if (v === undefined) { await this.bad(a); return 0n; }
    return v;
  }

  private async bad(arg: string): Promise<void> {
    await this.flush();
    await errorMsg(this.ctx, `invalid number '${arg}'`);
    this.status = 1;
  }

  async flush(): Promise<void> {
    await this.ctx.out.write(bbytes(this.out));
    this.out = '';
  }

  /** Runs FORMAT once over the arguments; returns false on an invalid directive. */
  async once(fmt: string): Promise<boolean> {
    for (let i = 0; i < fmt.length && !this.stopped;) {
      const ch = fmt[i];
      if (ch === '\\') {
        if (fmt[i + 1] === 'c') { this.stopped = true; break; }
        const r = readEscape(fmt, i);
        this.out += r.ch;
        i = r.next;
        continue;
      }
      if (ch !== '%') { this.out += ch; i++; continue; }
      if (fmt[i + 1] === '%') { this.out += '%'; i += 2; continue; }
      const p = parseConv(fmt, i + 1);
      if (!p || !'diouxXcsbfFeEgG'.includes(p.spec.conv)) {
        await this.flush();
        const rest = fmt.slice(i).replace(/^(%[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d*))?)[hlLjzt]+/, '$1');
        await errorMsg(this.ctx, `${rest}: invalid format`);
        return false;
      }
      const spec = { ...p.spec };
      if (p.starWidth) {
        const w = Number(await this.int(this.next()));
        if (w < 0) { spec.flags += '-'; spec.width = -w; } else spec.width = w;
      }
      if (p.starPrec) {
        const pr = Number(await this.int(this.next()));
        spec.precision = pr < 0 ? undefined : pr;
      }
      const arg = this.next();
      const c = spec.conv;
      if (c === 's') this.out += formatString(arg ?? '', spec);
      else if (c === 'c') this.out += formatString(arg === undefined || arg === '' ? '\0' : arg, spec);
      else if (c === 'b') {
        const r = expandEscapes(arg ?? '');
        this.out += formatString(r.text, { ...spec, conv: 's' });
        if (r.stop) { this.stopped = true; break; }
      } else if ('diouxX'.includes(c)) {
        const v = await this.int(arg);
        this.out += formatInt(v, spec);
      }
      else {
        let v = parseCFloat(arg ?? '');
        if (v === undefined) { await this.bad(arg ?? ''); v = 0; }
        this.out += formatFloat(v, spec);
      }
      i = p.end;
    }
    return true;
  }
}

/** printf FORMAT [ARG]... */
export const printf: Applet = async (ctx) => {
  let args = ctx.argv.slice(1).map(utf8bin);
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) return showUsage(ctx, 'printf FORMAT [ARG]...');
  const fmt = args[0];
  const f = new Formatter(ctx, args.slice(1));
  do {
    const before = f.remaining;
    if (!(await f.once(fmt))) { await f.flush(); return 1; }
    if (f.remaining === before) break;
  } while (f.remaining > 0 && !f.stopped);
  await f.flush();
  return f.status;
};
