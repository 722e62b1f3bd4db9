// cat: concatenates files (or stdin) to stdout, byte for byte; -n/-b number lines and
// -v/-e/-t/-A show non-printing characters the way busybox does.
import type { Applet, AppletContext } from '../applet.js';
import type { Options } from './lib/getopt.js';
import { bbytes, bstr, closeInput, openInput } from './lib/io.js';
import { errorMsg, errText, parseArgs } from './lib/report.js';

/** The `-v` rendering of one byte (^X, M-x, ^?). */
export function visible(code: number, tabs: boolean): string {
  let s = '';
  if (code >= 128) { s = 'M-'; code -= 128; }
  if (code === 9 && !tabs) return s + '\t';
  if (code < 32) return `${s}^${String.fromCharCode(code + 64)}`;
  if (code === 127) return `${s}^?`;
  return s + String.fromCharCode(code);
}

class Decorator {
  private line = 1;
  private atStart = true;
  constructor(private readonly o: Options) {}

  apply(text: string): string {
    const o = this.o;
    const showEnd = o.has('e') || o.has('A');
    const showTab = o.has('t') || o.has('A');
    const showV = o.has('v') || showEnd || showTab;
    let out = '';
    for (const ch of text) {
      if (this.atStart && (o.has('n') || o.has('b'))) {
        if (!(o.has('b') && ch === '\n')) out += `${String(this.line++).padStart(6)}\t`;
      }
      this.atStart = ch === '\n';
      if (ch === '\n') { out += showEnd ? '$\n' : '\n'; continue; }
      out += showV ? visible(ch.charCodeAt(0), showTab) : ch;
    }
    return out;
  }
}

async function copy(ctx: AppletContext, fd: number, deco?: Decorator): Promise<void> {
  for (;;) {
    const chunk = await ctx.libc.read(fd, 65536);
    if (chunk.length === 0) return;
    await ctx.out.write(deco ? bbytes(deco.apply(bstr(chunk))) : chunk);
  }
}

/** cat [-nbvteA] [FILE]... */
export const cat: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'nbvteAu', 'cat [-nbvteA] [FILE]...');
  if (!o) return 1;
  const deco = ['n', 'b', 'v', 't', 'e', 'A'].some((f) => o.has(f)) ? new Decorator(o) : undefined;
  let status = 0;
  for (const f of o.operands.length ? o.operands : ['-']) {
    let fd: number;
    try {
      fd = await openInput(ctx.libc, f);
    } catch (e) {
      await errorMsg(ctx, `can't open '${f}': ${errText(e)}`);
      status = 1;
      continue;
    }
    try {
      await copy(ctx, fd, deco);
    } catch (e) {
      await errorMsg(ctx, `read error: ${errText(e)}`);
      status = 1;
    } finally {
      await closeInput(ctx.libc, fd);
    }
  }
  return status;
};
