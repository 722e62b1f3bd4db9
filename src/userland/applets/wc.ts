// wc: counts lines, words and bytes (-l -w -c, -L longest line) of files or stdin.
import type { Applet } from '../applet.js';
import { bstr, closeInput, openInput } from './lib/io.js';
import { errText, errorMsg, parseArgs } from './lib/report.js';

/** Counts for one input. */
export interface WcCounts { lines: number; words: number; chars: number; bytes: number; longest: number }

/** Counts a chunked input incrementally (binary strings). */
export class WcCounter {
  readonly c: WcCounts = { lines: 0, words: 0, chars: 0, bytes: 0, longest: 0 };
  private inWord = false;
  private col = 0;

  add(text: string): void {
    const c = this.c;
    c.bytes += text.length;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if ((code & 0xc0) !== 0x80) c.chars++;
      if (code === 10) { c.lines++; if (this.col > c.longest) c.longest = this.col; this.col = 0; }
      else if (code === 9) this.col = (this.col | 7) + 1;
      else if (code >= 32 && (code & 0xc0) !== 0x80) this.col++;
      const space = code === 32 || (code >= 9 && code <= 13);
      if (space) this.inWord = false;
      else if (!this.inWord && code >= 32) { this.inWord = true; c.words++; }
    }
  }

  finish(): WcCounts {
    if (this.col > this.c.longest) this.c.longest = this.col;
    return this.c;
  }
}

/** wc [-cmlwL] [FILE]... */
export const wc: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'cmlwL', 'wc [-cmlwL] [FILE]...', { long: { bytes: 'c', chars: 'm', lines: 'l', words: 'w', 'max-line-length': 'L' } });
  if (!o) return 1;
  let cols = (['l', 'w', 'm', 'c', 'L'] as const).filter((f) => o.has(f));
  if (cols.length === 0) cols = ['l', 'w', 'c'];
  const files = o.operands.length ? o.operands : ['-'];
  const single = cols.length === 1 && files.length <= 1;
  const total: WcCounts = { lines: 0, words: 0, chars: 0, bytes: 0, longest: 0 };
  const pick = (c: WcCounts, f: string): number => f === 'l' ? c.lines : f === 'w' ? c.words : f === 'm' ? c.chars : f === 'c' ? c.bytes : c.longest;
  const line = (c: WcCounts, name: string): string =>
    cols.map((f) => single ? String(pick(c, f)) : String(pick(c, f)).padStart(9)).join(' ') + (name === '-' ? '' : ` ${name}`) + '\n';
  let status = 0;
  for (const f of files) {
    const counter = new WcCounter();
    let fd: number;
    try { fd = await openInput(ctx.libc, f); } catch (e) {
      await errorMsg(ctx, `${f}: ${errText(e)}`);
      status = 1;
      continue;
    }
    try {
      for (;;) {
        const chunk = await ctx.libc.read(fd, 65536);
        if (chunk.length === 0) break;
        counter.add(bstr(chunk));
      }
    } catch (e) {
      await errorMsg(ctx, `${f}: ${errText(e)}`);
      status = 1;
    } finally { await closeInput(ctx.libc, fd); }
    const c = counter.finish();
    total.lines += c.lines; total.words += c.words; total.chars += c.chars; total.bytes += c.bytes;
    total.longest = Math.max(total.longest, c.longest);
    await ctx.out.write(line(c, f));
  }
  if (files.length > 1) await ctx.out.write(line(total, 'total'));
  return status;
};
