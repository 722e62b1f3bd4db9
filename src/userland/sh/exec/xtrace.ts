// `set -x` output: PS4 then the assignments and arguments, quoted as ash's maybe_single_quote.
import { keywordToken } from '../tokens.js';
import type { Ctx } from './context.js';

/** `'…'` quoting with embedded single quotes as "'" runs (ash's single_quote). */
export function singleQuote(s: string): string {
  return s.split(/('+)/).filter((x, i) => x !== '' || i === 0).map((x) => (x.startsWith("'") ? `"${x}"` : `'${x}'`)).join('');
}

/** Quotes `s` only if it holds characters the shell would interpret. */
export function maybeQuote(s: string): string {
  return /[\x00-\x2a;<=>?`[\\{|}~\x7f-\uffff]/.test(s) ? singleQuote(s) : s;
}

/** Prints the trace line of a command about to run. */
export async function xtrace(ctx: Ctx, assigns: [string, string][], argv: string[]): Promise<void> {
  if (!ctx.st.opts.has('xtrace')) return;
  const items = [
    ...assigns.map(([k, v]) => `${k}=${maybeQuote(v)}`),
    ...argv.map((a) => (keywordToken(a) !== undefined ? singleQuote(a) : maybeQuote(a))),
  ];
  const ps4 = ctx.st.get('PS4') ?? '+ ';
  await ctx.flushOut();
  await ctx.err.write(`${ps4}${items.join(' ')}\n`);
}
