// chroot and pivot_root: change the root directory of this process (then run PROG, default
// $SHELL -i), or move the root mount of this mount namespace.
import { strerror } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { defaultShell, execOrFail } from './lib/exec.js';
import { errorMsg, showUsage } from './lib/report.js';

/** chroot NEWROOT [PROG ARGS] */
export const chroot: Applet = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) return showUsage(ctx, 'chroot NEWROOT [PROG ARGS]');
  const r = await ctx.sys.chroot(args[0]);
  if (!r.ok) { await errorMsg(ctx, `can't change root directory to '${args[0]}': ${strerror(r.errno)}`); return 1; }
  const c = await ctx.sys.chdir('/');
  if (!c.ok) { await errorMsg(ctx, `can't change directory to '/': ${strerror(c.errno)}`); return 1; }
  return execOrFail(ctx, args.length > 1 ? args.slice(1) : defaultShell(ctx.envp));
};

/** pivot_root NEW_ROOT PUT_OLD */
export const pivotRoot: Applet = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length !== 2) return showUsage(ctx, 'pivot_root NEW_ROOT PUT_OLD');
  const r = await ctx.sys.pivot_root(args[0], args[1]);
  if (!r.ok) { await errorMsg(ctx, `pivot_root: ${strerror(r.errno)}`); return 1; }
  return 0;
};
