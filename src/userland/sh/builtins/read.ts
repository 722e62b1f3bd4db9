// read [-r] [-p prompt] [-t secs] [-n count] [-s] [name...]: reads one line from stdin a byte
// at a time (so the rest stays for the next reader) and splits it over the names by IFS.
import { IOCTL } from '../../../abi/index.js';
import { ShellError } from '../exec/control.js';
import type { Builtin } from './types.js';

const WS = ' \t\n';

/** Splits `chars` (with escaped flags) over `n` names as read(1) does. */
export function splitRead(chars: { c: string; esc: boolean }[], n: number, ifs: string): string[] {
  const isIfs = (x: { c: string; esc: boolean }): boolean => !x.esc && ifs.includes(x.c);
  const isWs = (x: { c: string; esc: boolean }): boolean => isIfs(x) && WS.includes(x.c);
  let i = 0;
  const out: string[] = [];
  while (i < chars.length && isWs(chars[i])) i++;
  for (let k = 0; k < n - 1; k++) {
    let f = '';
    while (i < chars.length && !isIfs(chars[i])) f += chars[i++].c;
    out.push(f);
    while (i < chars.length && isWs(chars[i])) i++;
    if (i < chars.length && isIfs(chars[i])) {
      i++;
      while (i < chars.length && isWs(chars[i])) i++;
    }
  }
  let end = chars.length;
  while (end > i && isWs(chars[end - 1])) end--;
  out.push(chars.slice(i, end).map((x) => x.c).join(''));
  return out;
}

export const readBuiltin: Builtin = async (ctx, argv) => {
  let raw = false;
  let prompt: string | undefined;
  let count = Infinity;
  let i = 1;
  for (; i < argv.length && argv[i].startsWith('-') && argv[i].length > 1; i++) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === 'r' || c === 's') { if (c === 'r') raw = true; continue; }
      if ('ptnu'.includes(c)) {
        const v = a.slice(j + 1) || argv[++i];
        if (v === undefined) { await ctx.msg(`-${c}: requires an argument`); throw new ShellError(2); }
        if (c === 'p') prompt = v;
        if (c === 'n') count = Number(v);
        break;
      }
      await ctx.msg(`read: illegal option -${c}`);
      throw new ShellError(2);
    }
  }
  const names = argv.slice(i);
  if (!names.length) names.push('REPLY');
  if (prompt !== undefined && (await ctx.sys.ioctl(0, IOCTL.TCGETS)).ok) { await ctx.flushOut(); await ctx.err.write(prompt); }
  const chars: { c: string; esc: boolean }[] = [];
  let eof = false;
  const bytes: number[] = [];
  const dec = new TextDecoder();
  let pendingEsc = false;
  while (chars.length < count) {
    const r = await ctx.sys.read(0, 1);
    if (!r.ok || r.value.length === 0) { eof = true; break; }
    bytes.push(r.value[0]);
    const s = dec.decode(new Uint8Array(bytes), { stream: true });
    if (!s) continue;
    bytes.length = 0;
    if (pendingEsc) {
      pendingEsc = false;
      if (s !== '\n') chars.push({ c: s, esc: true });
      continue;
    }
    if (s === '\n') break;
    if (s === '\\' && !raw) { pendingEsc = true; continue; }
    chars.push({ c: s, esc: false });
  }
  const values = splitRead(chars, names.length, ctx.st.get('IFS') ?? ' \t\n');
  for (let k = 0; k < names.length; k++) {
    if (!ctx.st.set(names[k], values[k] ?? '')) {
      await ctx.msg(`${names[k]}: is read only`);
      throw new ShellError(2);
    }
  }
  return eof ? 1 : 0;
};
