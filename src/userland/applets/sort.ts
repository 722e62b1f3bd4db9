// sort: sorts lines of files (-n numeric, -g general numeric, -r reverse, -u unique, -f fold
// case, -b ignore leading blanks, -k KEY fields, -t SEP, -s stable, -c check, -o OUTPUT).
import { O } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { strcmp } from './lib/fsutil.js';
import { bbytes, readInput, splitLines, utf8bin } from './lib/io.js';
import { errText, errorMsg, parseArgs } from './lib/report.js';

/** One -k key: fields and characters are 1-based; end 0 means end of line. */
export interface SortKey {
  startField: number; startChar: number; endField: number; endChar: number;
  flags: string;
}

/** Parses a -k spec like `2,2nr` or `1.3`. */
export function parseKey(spec: string): SortKey | undefined {
  const m = /^(\d+)(?:\.(\d+))?([bdfgiMnrsu]*)(?:,(\d+)(?:\.(\d+))?([bdfgiMnrsu]*))?$/.exec(spec);
  if (!m) return undefined;
  return {
    startField: Number(m[1]), startChar: Number(m[2] ?? 1),
    endField: Number(m[4] ?? 0), endChar: Number(m[5] ?? 0), flags: (m[3] ?? '') + (m[6] ?? ''),
  };
}

/** The leading number of a string the way strtod reads it (0 if none). */
export function leadingNumber(s: string): number {
  const m = /^\s*([+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(s);
  return m ? Number(m[1]) : 0;
}

function fieldsOf(line: string, sep: string | undefined): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (sep !== undefined) {
    let start = 0;
    for (;;) {
      const i = line.indexOf(sep, start);
      if (i < 0) { out.push({ start, end: line.length }); break; }
      out.push({ start, end: i });
      start = i + sep.length;
    }
    return out;
  }
  // Default: a field is leading blanks plus non-blanks.
  let i = 0;
  while (i < line.length) {
    const start = i;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
    out.push({ start, end: i });
  }
  return out;
}

function keyText(line: string, key: SortKey, sep: string | undefined, skipBlanks: boolean): string {
  const f = fieldsOf(line, sep);
  const sf = f[key.startField - 1];
  if (!sf) return '';
  let start = sf.start;
  if (skipBlanks) while (start < sf.end && (line[start] === ' ' || line[start] === '\t')) start++;
  start = Math.min(start + key.startChar - 1, sf.end);
  let end = line.length;
  if (key.endField > 0) {
    const ef = f[key.endField - 1];
    if (ef) end = key.endChar > 0 ? Math.min(ef.start + key.endChar, ef.end) : ef.end;
  }
  return line.slice(start, Math.max(start, end));
}

/** sort [-nrugfbsc] [-k KEY] [-t SEP] [-o FILE] [FILE]... */
export const sort: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'nrugfbscdMhVzk:t:o:S:T:', 'sort [-nrughMcszbdfiokt] [-o FILE] [-k START[.OFS][OPTS][,END[.OFS][OPTS]] [-t CHAR] [FILE]...');
  if (!o) return 1;
  const sep = o.has('t') ? utf8bin(o.get('t')!) : undefined;
  const keys: SortKey[] = [];
  for (const k of o.values.k ?? []) {
    const key = parseKey(k);
    if (!key) { await errorMsg(ctx, `invalid number '${k}'`); return 2; }
    keys.push(key);
  }
  let lines: string[] = [];
  for (const f of o.operands.length ? o.operands : ['-']) {
    try {
      lines.push(...splitLines(await readInput(ctx.libc, f)));
    } catch (e) {
      await errorMsg(ctx, `${f}: ${errText(e)}`);
      return 2;
    }
  }
  const global = ['n', 'g', 'r', 'f', 'b', 'd', 'h', 'M'].filter((f) => o.has(f)).join('');
  const compareText = (a: string, b: string, flags: string): number => {
    let r: number;
    if (flags.includes('n') || flags.includes('g') || flags.includes('h')) r = leadingNumber(a) - leadingNumber(b);
    else {
      let x = a, y = b;
      if (flags.includes('b')) { x = x.trimStart(); y = y.trimStart(); }
      if (flags.includes('d')) { x = x.replace(/[^A-Za-z0-9 \t]/g, ''); y = y.replace(/[^A-Za-z0-9 \t]/g, ''); }
      if (flags.includes('f')) { x = x.toUpperCase(); y = y.toUpperCase(); }
      r = strcmp(x, y);
    }
    return flags.includes('r') ? -r : r;
  };
  const cmp = (a: string, b: string): number => {
    if (keys.length === 0) {
      const r = compareText(a, b, global);
      if (r !== 0 || o.has('s') || o.has('u')) return r;
      return o.has('r') ? -strcmp(a, b) : strcmp(a, b);
    }
    for (const k of keys) {
      const flags = k.flags.replace(/[sub]/g, '') ? k.flags : k.flags + global;
      const r = compareText(keyText(a, k, sep, flags.includes('b')), keyText(b, k, sep, flags.includes('b')), flags);
      if (r !== 0) return r;
    }
    if (o.has('s') || o.has('u')) return 0;
    return o.has('r') ? -strcmp(a, b) : strcmp(a, b);
  };
  if (o.has('c')) {
    for (let i = 1; i < lines.length; i++) {
      if (cmp(lines[i - 1], lines[i]) > 0 || (o.has('u') && cmp(lines[i - 1], lines[i]) === 0)) {
        await ctx.out.flush();
        await ctx.err.write(`Check line ${i}\n`);
        return 1;
      }
    }
    return 0;
  }
  lines.sort(cmp);
  if (o.has('u')) lines = lines.filter((l, i) => i === 0 || cmp(lines[i - 1], l) !== 0);
  const text = lines.map((l) => `${l}\n`).join('');
  if (o.has('o')) await ctx.libc.writeFile(o.get('o')!, bbytes(text), 0o666, O.WRONLY | O.CREAT | O.TRUNC);
  else await ctx.out.write(bbytes(text));
  return 0;
};
