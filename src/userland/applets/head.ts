// head: prints the first lines (-n N, or all but the last N with -n -N) or bytes (-c N) of files.
import type { Applet, AppletContext } from '../applet.js';
import { bbytes, bstr, closeInput, openInput } from './lib/io.js';
import { parseSize } from './lib/number.js';
import { errText, errorMsg, parseArgs } from './lib/report.js';

/** The selected part of `text` (a binary string). */
export function headOf(text: string, count: number, bytes: boolean, allBut: boolean): string {
  if (bytes) return allBut ? text.slice(0, Math.max(0, text.length - count)) : text.slice(0, count);
  const parts = text.split(/(?<=\n)/);
  if (allBut) return parts.slice(0, Math.max(0, parts.length - count)).join('');
  return parts.slice(0, count).join('');
}

/** Copies the first `count` lines or bytes of `fd`, stopping as soon as they are out (so
 * `yes | head` ends). */
async function streamHead(ctx: AppletContext, fd: number, count: number, bytes: boolean): Promise<void> {
  let left = count;
  let pending = '';
  while (left > 0) {
    const chunk = bstr(await ctx.libc.read(fd, 65536));
    if (chunk === '') break;
    if (bytes) {
      const part = chunk.slice(0, left);
      left -= part.length;
      pending += part;
    } else {
      let i = 0;
      while (left > 0) {
        const nl = chunk.indexOf('\n', i);
        if (nl < 0) { pending += chunk.slice(i); break; }
        pending += chunk.slice(i, nl + 1);
        i = nl + 1;
        left--;
      }
    }
    await ctx.out.write(bbytes(pending));
    pending = '';
  }
}

async function run(ctx: AppletContext, files: string[], count: number, bytes: boolean, allBut: boolean, headers: boolean): Promise<number> {
  let status = 0;
  let first = true;
  for (const f of files) {
    let fd: number;
    try {
      fd = await openInput(ctx.libc, f);
    } catch (e) {
      await errorMsg(ctx, `${f}: ${errText(e)}`);
      status = 1;
      continue;
    }
    try {
      if (headers) await ctx.out.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
      first = false;
      if (allBut) await ctx.out.write(bbytes(headOf(bstr(await ctx.libc.readAll(fd)), count, bytes, true)));
      else await streamHead(ctx, fd, count, bytes);
    } catch (e) {
      await errorMsg(ctx, `${f}: ${errText(e)}`);
      status = 1;
    } finally {
      await closeInput(ctx.libc, fd);
    }
  }
  return status;
}

/** head [-n N] [-c N] [-qv] [FILE]... */
export const head: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'n:c:qv', 'head [OPTIONS] [FILE]...', { numberFlag: 'n', long: { 'lines:': 'n', 'bytes:': 'c', quiet: 'q', silent: 'q', verbose: 'v' } });
  if (!o) return 1;
  const bytes = o.has('c');
  const spec = (bytes ? o.get('c') : o.get('n')) ?? '10';
  const allBut = spec.startsWith('-');
  const n = parseSize(spec.replace(/^[-+]/, ''));
  if (n === undefined) { await errorMsg(ctx, `invalid number '${spec}'`); return 1; }
  const files = o.operands.length ? o.operands : ['-'];
  return run(ctx, files, n, bytes, allBut, !o.has('q') && (o.has('v') || files.length > 1));
};
