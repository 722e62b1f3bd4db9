// kill: sends a signal to processes (`kill [-s SIG | -SIG] PID...`) or lists signals (`kill -l`).
// Also the shell's builtin (which resolves %jobs itself before calling it).
import { SIG, strerror } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { errorMsg, showUsage } from './lib/report.js';
import { sigName, sigNumber } from './lib/signals.js';

const USAGE = 'kill [-l] [-SIG] PID...';

async function list(ctx: AppletContext, args: string[]): Promise<number> {
  if (args.length === 0) {
    let text = '';
    for (let n = 1; n <= 31; n++) text += `${String(n).padStart(2)}) ${sigName(n)}\n`;
    await ctx.out.write(text);
    return 0;
  }
  let status = 0;
  for (const a of args) {
    if (/^\d+$/.test(a)) {
      let n = Number(a);
      if (n > 128) n -= 128;
      await ctx.out.write(`${sigName(n) ?? n}\n`);
    } else {
      const n = sigNumber(a);
      if (n === undefined) { await errorMsg(ctx, `bad signal name '${a}'`); status = 1; continue; }
      await ctx.out.write(`${n}\n`);
    }
  }
  return status;
}

/** kill [-l] [-s SIG | -SIG] PID... */
export const kill: Applet = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[0] === '-l' || args[0] === '-L') return list(ctx, args.slice(1));
  let sig: number = SIG.TERM;
  let i = 0;
  if (args[0] === '-s' || args[0] === '-n') {
    if (args[1] === undefined) return showUsage(ctx, USAGE, `option requires an argument -- '${args[0][1]}'`);
    const n = sigNumber(args[1]);
    if (n === undefined) { await errorMsg(ctx, `bad signal name '${args[1]}'`); return 1; }
    sig = n;
    i = 2;
  } else if (args[0] !== undefined && args[0].length > 1 && args[0].startsWith('-') && args[0] !== '--') {
    const n = sigNumber(args[0].slice(1));
    if (n === undefined) { await errorMsg(ctx, `bad signal name '${args[0].slice(1)}'`); return 1; }
    sig = n;
    i = 1;
  }
  if (args[i] === '--') i++;
  const targets = args.slice(i);
  if (targets.length === 0) { await errorMsg(ctx, 'you need to specify whom to kill'); return 1; }
  let status = 0;
  for (const t of targets) {
    if (!/^-?\d+$/.test(t)) { await errorMsg(ctx, `invalid number '${t}'`); status = 1; continue; }
    const r = await ctx.sys.kill(Number(t), sig);
    if (!r.ok) {
      await errorMsg(ctx, `can't kill pid ${t}: ${strerror(r.errno)}`);
      status = 1;
    }
  }
  return status;
};
