// mknod: creates device nodes and FIFOs (TYPE b, c/u with MAJOR MINOR, or p), -m MODE.
import { S, makedev, strerror } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { parseMode } from './lib/mode-parse.js';
import { errorMsg, parseArgs, showUsage } from './lib/report.js';

/** mknod [-m MODE] NAME TYPE [MAJOR MINOR] */
export const mknod: Applet = async (ctx) => {
  const usage = 'mknod [-m MODE] NAME TYPE [MAJOR MINOR]';
  const o = await parseArgs(ctx, 'm:Z:', usage);
  if (!o) return 1;
  const [name, type, maj, min] = o.operands;
  const kinds: Record<string, number> = { b: S.IFBLK, c: S.IFCHR, u: S.IFCHR, p: S.IFIFO };
  if (!name || !type || !(type in kinds)) return showUsage(ctx, usage);
  const needsDev = type !== 'p';
  if (needsDev ? o.operands.length !== 4 || !/^\d+$/.test(maj) || !/^\d+$/.test(min) : o.operands.length !== 2) return showUsage(ctx, usage);
  const perm = o.has('m') ? parseMode(o.get('m')!, 0o666) : 0o666;
  if (perm === undefined) { await errorMsg(ctx, `invalid mode '${o.get('m')}'`); return 1; }
  const r = await ctx.sys.mknodat(-100, name, kinds[type] | perm, needsDev ? makedev(Number(maj), Number(min)) : 0);
  if (!r.ok) { await errorMsg(ctx, `${name}: ${strerror(r.errno)}`); return 1; }
  if (o.has('m')) await ctx.sys.fchmodat(-100, name, perm, 0);
  return 0;
};
