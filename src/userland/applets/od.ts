// od: dumps files in octal (default), hex, decimal or characters; -t TYPE, -A RADIX, -j SKIP,
// -N COUNT, -v (no "*" for repeated lines), -w WIDTH.
import type { Applet } from '../applet.js';
import { formatUnit, readAllInputs, type DumpType } from './lib/dump.js';
import { errorMsg, parseArgs } from './lib/report.js';
import { parseSize } from './lib/number.js';

const SIZES: Record<string, number> = { C: 1, S: 2, I: 4, L: 8 };

/** Parses a -t spec such as `x1`, `d2`, `c`, `o4`, `u`, `xz` into types. */
export function parseTypes(spec: string): DumpType[] | undefined {
  const out: DumpType[] = [];
  let i = 0;
  while (i < spec.length) {
    const k = spec[i++];
    if (k === 'c' || k === 'a') { out.push({ kind: k, size: 1 }); continue; }
    if (!'oxduf'.includes(k)) return undefined;
    let size = k === 'f' ? 8 : 4;
    const m = /^(\d+|[CSIL])/.exec(spec.slice(i));
    if (m) { size = SIZES[m[1]] ?? Number(m[1]); i += m[1].length; }
    if (spec[i] === 'z') i++;
    if (![1, 2, 4, 8].includes(size)) return undefined;
    out.push({ kind: k as DumpType['kind'], size });
  }
  return out;
}

/** od [-abcdfhilovxs] [-t TYPE] [-A RADIX] [-N SIZE] [-j SKIP] [-w WIDTH] [FILE]... */
export const od: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'abcdfhilovxsA:t:N:j:w:S:', 'od [-abcdfhilovxs] [-t TYPE] [-A RADIX] [-N SIZE] [-j SKIP] [-S MINSTR] [-w WIDTH] [--traditional] [FILE]...');
  if (!o) return 1;
  const types: DumpType[] = [];
  const letters: Record<string, DumpType> = {
    a: { kind: 'a', size: 1 }, b: { kind: 'o', size: 1 }, c: { kind: 'c', size: 1 }, d: { kind: 'u', size: 2 }, f: { kind: 'f', size: 4 },
    h: { kind: 'x', size: 2 }, i: { kind: 'd', size: 4 }, l: { kind: 'd', size: 8 }, o: { kind: 'o', size: 2 }, x: { kind: 'x', size: 2 }, s: { kind: 'd', size: 2 },
  };
  for (const a of ctx.argv.slice(1)) {
    if (!/^-[a-zA-Z]+$/.test(a) || a === '--') continue;
    for (const c of a.slice(1)) { if (c in letters) types.push(letters[c]); if ('AtNjwS'.includes(c)) break; }
  }
  for (const t of o.values.t ?? []) {
    const p = parseTypes(t);
    if (!p) { await errorMsg(ctx, `invalid type string '${t}'`); return 1; }
    types.push(...p);
  }
  if (!types.length) types.push({ kind: 'o', size: 2 });
  const radix = o.get('A') ?? 'o';
  if (!'doxn'.includes(radix) || radix.length !== 1) { await errorMsg(ctx, `bad output address radix '${radix}' (choose from [doxn])`); return 1; }
  const skip = o.has('j') ? parseSize(o.get('j')!) ?? 0 : 0;
  const limit = o.has('N') ? parseSize(o.get('N')!) ?? Infinity : Infinity;
  const { data, failed } = await readAllInputs(ctx, o.operands, skip, limit);
  if (failed && data.length === 0) return 1;
  const width = o.has('w') ? Number(o.get('w')) || 32 : 16;
  const addrWidth = radix === 'x' ? 6 : 7;
  const addr = (n: number): string => radix === 'n' ? '' : (n + skip).toString(radix === 'o' ? 8 : radix === 'x' ? 16 : 10).padStart(addrWidth, '0');
  const maxUnit = Math.max(...types.map((t) => t.size));
  let out = '';
  let prev: string | undefined;
  let starred = false;
  for (let off = 0; off < data.length; off += width) {
    const chunk = data.subarray(off, Math.min(off + width, data.length));
    const key = chunk.length === width ? Array.from(chunk).join(',') : undefined;
    if (!o.has('v') && key !== undefined && key === prev) {
      if (!starred) out += '*\n';
      starred = true;
      continue;
    }
    prev = key;
    starred = false;
    types.forEach((t, ti) => {
      let line = ti === 0 ? addr(off) : ' '.repeat(radix === 'n' ? 0 : addrWidth);
      const pad = Math.ceil(chunk.length / t.size) * t.size;
      for (let i = 0; i < pad && i < Math.ceil(chunk.length / maxUnit) * maxUnit; i += t.size) line += ` ${formatUnit(t, chunk, i)}`;
      out += `${line}\n`;
    });
  }
  if (radix !== 'n') out += `${addr(data.length)}\n`;
  await ctx.out.write(out);
  return failed ? 1 : 0;
};
