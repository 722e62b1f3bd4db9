// hexdump: the default two-byte hex layout, -C canonical hex+ASCII, -b/-c/-d/-o/-x one-liners;
// -s SKIP, -n LENGTH, -v (no "*" for repeated lines).
import type { Applet } from '../applet.js';
import { formatUnit, readAllInputs, type DumpType } from './lib/dump.js';
import { parseSize } from './lib/number.js';
import { parseArgs } from './lib/report.js';

/** hexdump [-bcdoxCv] [-s OFFSET] [-n LENGTH] [FILE]... */
export const hexdump: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'bcdoxCvs:n:e:f:R', 'hexdump [-bcdoxCv] [-e FMT] [-f FMT_FILE] [-n LENGTH] [-s OFFSET] [FILE]...');
  if (!o) return 1;
  const skip = o.has('s') ? parseSize(o.get('s')!) ?? 0 : 0;
  const limit = o.has('n') ? parseSize(o.get('n')!) ?? Infinity : Infinity;
  const { data, failed } = await readAllInputs(ctx, o.operands, skip, limit);
  const canonical = o.has('C');
  let out = '';
  let prev: string | undefined;
  let starred = false;
  const addr = (n: number): string => (n + skip).toString(16).padStart(canonical ? 8 : 7, '0');
  const lineFor = (chunk: Uint8Array, off: number): string => {
    if (canonical) {
      let hex = '';
      for (let i = 0; i < 16; i++) {
        hex += i < chunk.length ? ` ${chunk[i].toString(16).padStart(2, '0')}` : '   ';
        if (i === 7) hex += ' ';
      }
      const ascii = Array.from(chunk, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
      return `${addr(off)} ${hex}  |${ascii}|\n`;
    }
    const types: [DumpType, number][] = [];
    if (o.has('b')) types.push([{ kind: 'o', size: 1 }, 3]);
    if (o.has('c')) types.push([{ kind: 'c', size: 1 }, 3]);
    if (o.has('d')) types.push([{ kind: 'u', size: 2 }, 5]);
    if (o.has('o')) types.push([{ kind: 'o', size: 2 }, 6]);
    if (o.has('x') || !types.length) types.push([{ kind: 'x', size: 2 }, 4]);
    let s = '';
    for (const [t] of types) {
      let line = addr(off);
      for (let i = 0; i < 16; i += t.size) {
        const u = formatUnit(t, chunk, i);
        const cell = t.kind === 'x' && !o.has('x') ? ` ${u}` : t.kind === 'c' ? ` ${u.padStart(3)}` : `  ${u}`;
        line += i < chunk.length ? cell : ' '.repeat(cell.length);
      }
      s += `${line}\n`;
    }
    return s;
  };
  for (let off = 0; off < data.length; off += 16) {
    const chunk = data.subarray(off, Math.min(off + 16, data.length));
    const key = chunk.length === 16 ? Array.from(chunk).join(',') : undefined;
    if (!o.has('v') && key !== undefined && key === prev) {
      if (!starred) out += '*\n';
      starred = true;
      continue;
    }
    prev = key;
    starred = false;
    out += lineFor(chunk, off);
  }
  if (data.length > 0 || !canonical) out += data.length > 0 ? `${addr(data.length)}\n` : '';
  await ctx.out.write(out);
  return failed ? 1 : 0;
};
