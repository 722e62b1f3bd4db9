// uniq: collapses adjacent duplicate lines (-c count, -d only repeated, -u only unique,
// -i ignore case, -f N skip fields, -s N skip chars, -w N compare N chars).
import { O } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { bbytes, readInput, splitLines } from './lib/io.js';
import { errText, errorMsg, parseArgs } from './lib/report.js';

/** uniq [-cduiz] [-f,s,w N] [INPUT [OUTPUT]] */
export const uniq: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'cduif:s:w:z', 'uniq [-cduiz] [-f,s,w N] [FILE [OUTFILE]]');
  if (!o) return 1;
  const input = o.operands[0] ?? '-';
  let text: string;
  try { text = await readInput(ctx.libc, input); } catch (e) {
    await errorMsg(ctx, `can't open '${input}': ${errText(e)}`);
    return 1;
  }
  const skipFields = Number(o.get('f') ?? 0);
  const skipChars = Number(o.get('s') ?? 0);
  const width = o.has('w') ? Number(o.get('w')) : undefined;
  const keyOf = (l: string): string => {
    let s = l;
    for (let i = 0; i < skipFields; i++) s = s.replace(/^[ \t]*[^ \t]*/, '');
    s = s.slice(skipChars);
    if (width !== undefined) s = s.slice(0, width);
    return o.has('i') ? s.toLowerCase() : s;
  };
  const lines = splitLines(text);
  let out = '';
  for (let i = 0; i < lines.length;) {
    let j = i + 1;
    while (j < lines.length && keyOf(lines[j]) === keyOf(lines[i])) j++;
    const n = j - i;
    if (!(o.has('d') && n === 1) && !(o.has('u') && n > 1)) out += o.has('c') ? `${String(n).padStart(7)} ${lines[i]}\n` : `${lines[i]}\n`;
    i = j;
  }
  if (o.operands[1]) await ctx.libc.writeFile(o.operands[1], bbytes(out), 0o666, O.WRONLY | O.CREAT | O.TRUNC);
  else await ctx.out.write(bbytes(out));
  return 0;
};
