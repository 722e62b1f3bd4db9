// cut: prints selected bytes (-b), characters (-c) or fields (-f, with -d DELIM and -s).
import type { Applet } from '../applet.js';
import { bbytes, readInput, splitLines, utf8bin } from './lib/io.js';
import { errText, errorMsg, parseArgs, showUsage } from './lib/report.js';

/** A list like `1,3-5,7-` as inclusive 1-based ranges (end Infinity for open ranges). */
export function parseList(spec: string): { from: number; to: number }[] | undefined {
  const out: { from: number; to: number }[] = [];
  for (const part of spec.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '') ) return undefined;
    const from = m[1] ? Number(m[1]) : 1;
    const to = m[2] ? (m[3] ? Number(m[3]) : Infinity) : from;
    if (from < 1 || to < from) return undefined;
    out.push({ from, to });
  }
  return out;
}

/**
 * Joins the selected fields the way busybox does: ranges in ascending order, and once a range
 * starts past the last field a single trailing delimiter is added if anything was printed.
 */
export function selectFields(fields: string[], ranges: { from: number; to: number }[], delim: string): string {
  let out = '';
  let printed = false;
  let last = 0;
  for (const r of ranges) {
    if (r.from > fields.length) {
      if (printed) out += delim;
      break;
    }
    for (let i = Math.max(r.from, last + 1); i <= Math.min(r.to, fields.length); i++) {
      out += (printed ? delim : '') + fields[i - 1];
      printed = true;
      last = i;
    }
  }
  return out;
}

const inList = (ranges: { from: number; to: number }[], n: number): boolean => ranges.some((r) => n >= r.from && n <= r.to);

/** cut [-b LIST | -c LIST | -f LIST [-d SEP] [-s]] [FILE]... */
export const cut: Applet = async (ctx) => {
  const usage = 'cut [OPTIONS] [FILE]...';
  const o = await parseArgs(ctx, 'b:c:f:d:snO:D', usage);
  if (!o) return 1;
  const mode = ['b', 'c', 'f'].filter((f) => o.has(f));
  if (mode.length !== 1) {
    if (mode.length === 0) { await errorMsg(ctx, 'expected a list of bytes, characters, or fields'); return 1; }
    await errorMsg(ctx, 'only one type of list may be specified');
    return 1;
  }
  const ranges = parseList(o.get(mode[0])!);
  if (!ranges) return showUsage(ctx, usage);
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const delim = o.has('d') ? utf8bin(o.get('d')!) : '\t';
  if (delim.length !== 1) { await errorMsg(ctx, 'the delimiter must be a single character'); return 1; }
  let status = 0;
  for (const f of o.operands.length ? o.operands : ['-']) {
    let text: string;
    try { text = await readInput(ctx.libc, f); } catch (e) {
      await errorMsg(ctx, `${f}: ${errText(e)}`);
      status = 1;
      continue;
    }
    let out = '';
    for (const line of splitLines(text)) {
      if (mode[0] === 'f') {
        const fields = line.split(delim);
        if (fields.length === 1) { if (!o.has('s')) out += `${line}\n`; continue; }
        out += `${selectFields(fields, sorted, delim)}\n`;
      } else {
        let s = '';
        for (let i = 0; i < line.length; i++) if (inList(ranges, i + 1)) s += line[i];
        out += `${s}\n`;
      }
    }
    await ctx.out.write(bbytes(out));
  }
  return status;
};
