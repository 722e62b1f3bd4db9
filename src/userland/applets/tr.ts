// tr: translates, deletes (-d) or squeezes (-s) characters; -c complements SET1. Sets take
// ranges (a-z), classes ([:upper:]), repeats ([x*N]) and backslash escapes.
import type { Applet } from '../applet.js';
import { readEscape } from './lib/escapes.js';
import { bbytes, bstr, utf8bin } from './lib/io.js';
import { parseArgs, showUsage } from './lib/report.js';

const CLASSES: Record<string, (c: number) => boolean> = {
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  upper: (c) => c >= 65 && c <= 90,
  lower: (c) => c >= 97 && c <= 122,
  digit: (c) => c >= 48 && c <= 57,
  alnum: (c) => CLASSES.alpha(c) || CLASSES.digit(c),
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  blank: (c) => c === 32 || c === 9,
  punct: (c) => c > 32 && c < 127 && !CLASSES.alnum(c),
  print: (c) => c >= 32 && c < 127,
  graph: (c) => c > 32 && c < 127,
  cntrl: (c) => c < 32 || c === 127,
  xdigit: (c) => CLASSES.digit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
};

function readOne(set: string, i: number): { code: number; next: number } {
  if (set[i] === '\\' && i + 1 < set.length) {
    const r = readEscape(set, i);
    if (r.next === i + 1) return { code: set.charCodeAt(i + 1), next: i + 2 };
    return { code: r.ch.charCodeAt(0), next: r.next };
  }
  return { code: set.charCodeAt(i), next: i + 1 };
}

/** Expands a tr SET into its list of byte codes. */
export function expandSet(set: string): number[] {
  const chars: number[] = [];
  for (let i = 0; i < set.length;) {
    const cls = /^\[:([a-z]+):\]/.exec(set.slice(i));
    if (cls && CLASSES[cls[1]]) {
      for (let c = 0; c < 256; c++) if (CLASSES[cls[1]](c)) chars.push(c);
      i += cls[0].length;
      continue;
    }
    const rep = /^\[(.)\*(\d*)\]/.exec(set.slice(i));
    if (rep) {
      const n = rep[2] ? Number(rep[2]) : 0;
      for (let k = 0; k < (n || 1); k++) chars.push(rep[1].charCodeAt(0));
      i += rep[0].length;
      continue;
    }
    const first = readOne(set, i);
    i = first.next;
    const code = first.code;
    if (set[i] === '-' && i + 1 < set.length) {
      const last = readOne(set, i + 1);
      i = last.next;
      for (let c = code; c <= last.code; c++) chars.push(c);
      continue;
    }
    chars.push(code);
  }
  return chars;
}

/** tr [-cds] STRING1 [STRING2] */
export const tr: Applet = async (ctx) => {
  const usage = 'tr [-cds] STRING1 [STRING2]';
  const o = await parseArgs(ctx, 'cCdst', usage);
  if (!o) return 1;
  const [s1, s2] = o.operands.map(utf8bin);
  if (s1 === undefined || (!o.has('d') && !o.has('s') && s2 === undefined)) return showUsage(ctx, usage);
  let set1 = expandSet(s1);
  if (o.has('c') || o.has('C')) {
    const inSet = new Set(set1);
    set1 = [];
    for (let c = 0; c < 256; c++) if (!inSet.has(c)) set1.push(c);
  }
  const in1 = new Set(set1);
  const set2 = s2 !== undefined ? expandSet(s2) : [];
  const map = new Map<number, number>();
  if (!o.has('d') && set2.length) {
    for (let i = 0; i < set1.length; i++) map.set(set1[i], set2[Math.min(i, set2.length - 1)]);
  }
  const squeeze = new Set(o.has('d') ? set2 : set2.length ? set2 : set1);
  let last = -1;
  for (;;) {
    const chunk = await ctx.libc.read(0, 65536);
    if (chunk.length === 0) break;
    const text = bstr(chunk);
    let out = '';
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (o.has('d') && in1.has(c)) continue;
      if (map.has(c)) c = map.get(c)!;
      if (o.has('s') && c === last && squeeze.has(c)) continue;
      last = c;
      out += String.fromCharCode(c);
    }
    await ctx.out.write(bbytes(out));
  }
  return 0;
};
