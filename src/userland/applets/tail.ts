// tail: prints the last lines (-n N, or from line N with +N) or bytes (-c) of files; -f keeps
// reading as a file grows (polling once a second, like busybox without inotify).
import type { Applet, AppletContext } from '../applet.js';
import { bbytes, bstr, closeInput, openInput } from './lib/io.js';
import { parseSize } from './lib/number.js';
import { errText, errorMsg, parseArgs } from './lib/report.js';

/** The selected tail of `text` (a binary string). `fromStart` is the +N form. */
export function tailOf(text: string, count: number, bytes: boolean, fromStart: boolean): string {
  if (bytes) return fromStart ? text.slice(Math.max(0, count - 1)) : count === 0 ? '' : text.slice(-count);
  const parts = text.split(/(?<=\n)/).filter((p) => p !== '');
  if (fromStart) return parts.slice(Math.max(0, count - 1)).join('');
  return count === 0 ? '' : parts.slice(-count).join('');
}

async function follow(ctx: AppletContext, fds: { fd: number; name: string }[], headers: boolean): Promise<never> {
  let last = fds[fds.length - 1]?.name;
  for (;;) {
    for (const f of fds) {
      const chunk = await ctx.libc.read(f.fd, 65536);
      if (chunk.length === 0) continue;
      if (headers && last !== f.name) await ctx.out.write(`\n==> ${f.name} <==\n`);
      last = f.name;
      await ctx.out.write(chunk);
      await ctx.out.flush();
    }
    await ctx.out.flush();
    await ctx.libc.sleep(1);
  }
}

/** tail [-fFqv] [-n N] [-c N] [FILE]... */
export const tail: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'fFn:c:qs:v', 'tail [OPTIONS] [FILE]...', { numberFlag: 'n', long: { follow: 'f', 'lines:': 'n', 'bytes:': 'c', quiet: 'q', silent: 'q', verbose: 'v', 'sleep-interval:': 's' } });
  if (!o) return 1;
  const bytes = o.has('c');
  const spec = (bytes ? o.get('c') : o.get('n')) ?? '10';
  const fromStart = spec.startsWith('+');
  const n = parseSize(spec.replace(/^[-+]/, ''));
  if (n === undefined) { await errorMsg(ctx, `invalid number '${spec}'`); return 1; }
  const files = o.operands.length ? o.operands : ['-'];
  const headers = !o.has('q') && (o.has('v') || files.length > 1);
  let status = 0;
  const open: { fd: number; name: string }[] = [];
  for (const f of files) {
    let fd: number;
    try {
      fd = await openInput(ctx.libc, f);
    } catch (e) {
      await errorMsg(ctx, `can't open '${f}': ${errText(e)}`);
      status = 1;
      continue;
    }
    if (headers) await ctx.out.write(`${open.length ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
    try {
      const text = bstr(await ctx.libc.readAll(fd));
      await ctx.out.write(bbytes(tailOf(text, n, bytes, fromStart)));
    } catch (e) {
      await errorMsg(ctx, `read error: ${errText(e)}`);
      status = 1;
    }
    open.push({ fd, name: f });
  }
  if (open.length === 0) { await errorMsg(ctx, 'no files'); return 1; }
  if (o.has('f') || o.has('F')) await follow(ctx, open, headers);
  for (const f of open) await closeInput(ctx.libc, f.fd);
  return status;
};
