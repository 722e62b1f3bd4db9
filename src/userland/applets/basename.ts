// basename and dirname: strip directory or last component from a path (POSIX rules).
import type { Applet } from '../applet.js';
import { baseName, dirName } from './lib/paths.js';
import { parseArgs, showUsage } from './lib/report.js';

/** basename FILE [SUFFIX] | basename -a [-s SUFFIX] FILE... */
export const basename: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'as:', 'basename FILE [SUFFIX] | -a FILE... | -s SUFFIX FILE...');
  if (!o) return 1;
  const args = o.operands;
  if (args.length === 0) return showUsage(ctx, 'basename FILE [SUFFIX] | -a FILE... | -s SUFFIX FILE...');
  if (o.has('a') || o.has('s')) {
    for (const a of args) await ctx.out.write(`${baseName(a, o.get('s'))}\n`);
    return 0;
  }
  if (args.length > 2) return showUsage(ctx, 'basename FILE [SUFFIX]');
  await ctx.out.write(`${baseName(args[0], args[1])}\n`);
  return 0;
};

/** dirname FILENAME */
export const dirname: Applet = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a, i) => !(i === 0 && a === '--'));
  if (args.length !== 1) return showUsage(ctx, 'dirname FILENAME');
  await ctx.out.write(`${dirName(args[0])}\n`);
  return 0;
};
