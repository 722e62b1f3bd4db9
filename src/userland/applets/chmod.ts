// chmod: changes permission bits, octal or symbolic; -R recurses (symlinks are not followed
// below the top), -v/-c report changes, -f stays quiet.
import { S, strerror } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { modeString } from './lib/format.js';
import { tryStat } from './lib/fsutil.js';
import { parseMode } from './lib/mode-parse.js';
import { errorMsg, showUsage } from './lib/report.js';
import { walkTree } from './lib/tree-walk.js';

const USAGE = 'chmod [-Rcvf] MODE[,MODE]... FILE...';

/** chmod [-Rcvf] MODE[,MODE]... FILE... */
export const chmod: Applet = async (ctx) => {
  // A mode like -w looks like an option: take the first non-flag word as the mode.
  const args = ctx.argv.slice(1);
  const flags = new Set<string>();
  const rest: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { i++; break; }
    if (/^-[Rcvf]+$/.test(a)) { for (const c of a.slice(1)) flags.add(c); continue; }
    break;
  }
  rest.push(...args.slice(i));
  if (rest.length < 2) return showUsage(ctx, USAGE);
  const [spec, ...files] = rest;
  if (parseMode(spec, 0o100644) === undefined) { await errorMsg(ctx, `invalid mode '${spec}'`); return 1; }
  let status = 0;
  for (const f of files) {
    const ok = await walkTree(ctx, f, flags.has('R'), async (p) => {
      const r = await tryStat(ctx.libc, p, true);
      if (!r.st) {
        await errorMsg(ctx, `${p}: ${strerror(r.errno!)}`); // busybox prints this even with -f
        return false;
      }
      if ((r.st.mode & S.IFMT) === S.IFLNK) return true;
      const mode = parseMode(spec, r.st.mode)!;
      const c = await ctx.sys.fchmodat(-100, p, mode, 0);
      if (!c.ok) {
        if (!flags.has('f')) await errorMsg(ctx, `${p}: ${strerror(c.errno)}`);
        return false;
      }
      const changed = mode !== (r.st.mode & 0o7777);
      if (flags.has('v') || (flags.has('c') && changed)) {
        const octal = mode.toString(8).padStart(4, '0');
        await ctx.out.write(`mode of '${p}' changed to ${octal} (${modeString(mode).slice(1)})\n`);
      }
      return true;
    });
    if (!ok) status = 1;
  }
  return status;
};
