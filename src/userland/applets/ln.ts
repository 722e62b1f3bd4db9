// ln: makes hard links, or symbolic links with -s; -f replaces existing targets, -n treats a
// symlink to a directory as a plain file.
import { S } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { tryStat } from './lib/fsutil.js';
import { baseName, joinPath } from './lib/paths.js';
import { errText, errorMsg, parseArgs, showUsage } from './lib/report.js';

/** ln [-sfnbtv] [-S SUF] TARGET... LINK|DIR */
export const ln: Applet = async (ctx) => {
  const usage = 'ln [-sfnbtv] [-S SUF] TARGET... LINK|DIR';
  const o = await parseArgs(ctx, 'sfnbS:vT', usage);
  if (!o) return 1;
  const args = o.operands;
  if (args.length === 0) return showUsage(ctx, usage);
  let targets: string[];
  let dest: string;
  if (args.length === 1) { targets = args; dest = baseName(args[0]); }
  else { targets = args.slice(0, -1); dest = args[args.length - 1]; }
  const dst = await tryStat(ctx.libc, dest, !o.has('n'));
  const destIsDir = !!dst.st && (dst.st.mode & S.IFMT) === S.IFDIR && !o.has('T');
  if (targets.length > 1 && !destIsDir) { await errorMsg(ctx, `${dest}: not a directory`); return 1; }
  let status = 0;
  for (const t of targets) {
    const link = destIsDir && args.length > 1 ? joinPath(dest, baseName(t)) : dest;
    try {
      if (!o.has('s')) await ctx.libc.stat(t);
      if (o.has('f')) await ctx.sys.unlinkat(-100, link, 0);
      if (o.has('s')) await ctx.libc.symlink(t, link);
      else await ctx.libc.link(t, link);
    } catch (e) {
      await errorMsg(ctx, `${(e as { path?: string }).path ?? link}: ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};
