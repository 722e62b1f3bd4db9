// awk: pattern scanning and processing. Program text → lib/awk/parser.ts → lib/awk/interp.ts.
// Supports -F FS, -v VAR=VAL, -f PROGFILE, and VAR=VAL operands.
import type { Applet } from '../applet.js';
import { parseAwk } from './lib/awk/parser.js';
import { AwkInterp } from './lib/awk/interp.js';
import { readInput, utf8bin } from './lib/io.js';
import { errText, errorMsg, parseArgs, showUsage } from './lib/report.js';

/** awk [-F SEP] [-v VAR=VAL] [-f PROGFILE | 'PROGRAM'] [FILE]... */
export const awk: Applet = async (ctx) => {
  const usage = "awk [OPTIONS] [AWK_PROGRAM] [FILE]...";
  const o = await parseArgs(ctx, 'F:v:f:e:W:', usage, { stopAtOperand: true });
  if (!o) return 1;
  const operands = o.operands.map(utf8bin);
  let src: string;
  if (o.has('f') || o.has('e')) {
    const parts: string[] = [];
    for (const f of o.values.f ?? []) {
      try { parts.push(await readInput(ctx.libc, f)); } catch (e) {
        await errorMsg(ctx, `can't open '${f}': ${errText(e)}`);
        return 1;
      }
    }
    parts.push(...(o.values.e ?? []).map(utf8bin));
    src = parts.join('\n');
  } else {
    if (!operands.length) return showUsage(ctx, usage);
    src = operands.shift()!;
  }
  const assigns: [string, string][] = [];
  for (const v of o.values.v ?? []) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(utf8bin(v));
    if (!m) { await errorMsg(ctx, `invalid -v argument '${v}'`); return 1; }
    assigns.push([m[1], m[2]]);
  }
  if (o.has('F')) {
    let fs = utf8bin(o.get('F')!);
    if (fs === 't') fs = '\t';
    assigns.push(['FS', fs]);
  }
  const prog = parseAwk(src);
  const interp = new AwkInterp(ctx, prog, ['awk', ...operands], assigns);
  try {
    return await interp.run();
  } finally {
    await interp.flushOut();
  }
};
