// xargs: builds command lines from stdin words (quotes and backslashes honoured; -0 for NUL
// separated input) and runs them: -n MAX args, -I REPL per line, -r skip when empty, -t trace.
import { Errno } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { Libc } from '../libc/index.js';
import { bstr, binutf8 } from './lib/io.js';
import { parseArgs } from './lib/report.js';
import { exitCodeOf, WIFSIGNALED } from '../../abi/index.js';

/** Splits xargs input into arguments (POSIX quoting rules, or NUL-separated). */
export function splitArgs(text: string, nul: boolean, delim?: string): string[] {
  if (nul) return text.split('\0').filter((s, i, a) => s !== '' || i < a.length - 1);
  if (delim !== undefined) return text.split(delim).filter((s, i, a) => !(s === '' && i === a.length - 1));
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") { quote = c; has = true; continue; }
    if (c === '\\' && i + 1 < text.length) { cur += text[++i]; has = true; continue; }
    if (c === ' ' || c === '\t' || c === '\n') {
      if (has) { out.push(cur); cur = ''; has = false; }
      continue;
    }
    cur += c;
    has = true;
  }
  if (has) out.push(cur);
  return out;
}

async function runOnce(ctx: AppletContext, argv: string[], trace: boolean): Promise<number> {
  if (trace) await ctx.err.write(`${argv.join(' ')}\n`);
  await ctx.out.flush();
  let failure: number | undefined;
  const pid = await ctx.libc.fork(async (sys) => {
    const libc = new Libc(sys);
    const err = await libc.execvp(argv[0], argv, ctx.envp);
    await libc.writeAll(2, `xargs: ${argv[0]}: ${err.message}\n`);
    return err.errno === Errno.ENOENT ? 127 : 126;
  });
  const st = (await ctx.libc.waitpid(pid)).status;
  if (WIFSIGNALED(st)) failure = 125;
  else {
    const code = exitCodeOf(st);
    if (code === 127 || code === 126) failure = code;
    else if (code === 255) failure = 124;
    else if (code !== 0) failure = 123;
  }
  return failure ?? 0;
}

/** xargs [-0rtx] [-n N] [-s N] [-I STR] [-d DELIM] [PROG ARGS] */
export const xargs: Applet = async (ctx) => {
  const o = await parseArgs(ctx, '0rtxpn:s:I:d:E:P:a:', 'xargs [OPTIONS] [PROG ARGS]', { stopAtOperand: true });
  if (!o) return 1;
  const cmd = o.operands.length ? o.operands : ['echo'];
  let input: string;
  if (o.has('a')) input = bstr(await ctx.libc.readFile(o.get('a')!));
  else input = bstr(await ctx.libc.readAll(0));
  let status = 0;
  const record = (code: number): void => { if (code > status) status = code; };
  if (o.has('I')) {
    const repl = o.get('I')!;
    const lines = input.split('\n').filter((l) => l.trim() !== '');
    for (const l of lines) {
      const arg = binutf8(l.replace(/^[ \t]+/, ''));
      record(await runOnce(ctx, cmd.map((c) => c.split(repl).join(arg)), o.has('t')));
      if (status >= 124) return status;
    }
    return status;
  }
  let args = splitArgs(input, o.has('0'), o.has('d') ? o.get('d') : undefined).map(binutf8);
  if (o.has('E')) { const i = args.indexOf(o.get('E')!); if (i >= 0) args = args.slice(0, i); }
  if (args.length === 0) {
    if (o.has('r')) return 0;
    return runOnce(ctx, cmd, o.has('t'));
  }
  const max = o.has('n') ? Math.max(1, Number(o.get('n'))) : Infinity;
  const maxChars = o.has('s') ? Number(o.get('s')) : 128 * 1024;
  while (args.length) {
    const batch: string[] = [];
    let len = cmd.reduce((n, c) => n + c.length + 1, 0);
    while (args.length && batch.length < max && (batch.length === 0 || len + args[0].length + 1 <= maxChars)) {
      len += args[0].length + 1;
      batch.push(args.shift()!);
    }
    record(await runOnce(ctx, [...cmd, ...batch], o.has('t')));
    if (status >= 124) break;
  }
  return status;
};
