// mkdir and rmdir: create directories (-p parents, -m MODE) and remove empty ones (-p parents).
import { Errno, S } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { tryStat } from './lib/fsutil.js';
import { parseMode } from './lib/mode-parse.js';
import { dirName } from './lib/paths.js';
import { errText, errorMsg, parseArgs, showUsage } from './lib/report.js';
import { ErrnoError } from '../../abi/index.js';

/** mkdir [-m MODE] [-p] DIRECTORY... */
export const mkdir: Applet = async (ctx) => {
  const usage = 'mkdir [-m MODE] [-p] DIRECTORY...';
  const o = await parseArgs(ctx, 'm:pv', usage, { long: { 'mode:': 'm', parents: 'p', verbose: 'v' } });
  if (!o) return 1;
  if (o.operands.length === 0) return showUsage(ctx, usage);
  let mode: number | undefined;
  if (o.has('m')) {
    mode = parseMode(o.get('m')!, 0o777);
    if (mode === undefined) { await errorMsg(ctx, `invalid mode '${o.get('m')}'`); return 1; }
  }
  let status = 0;
  for (const dir of o.operands) {
    try {
      if (o.has('p')) {
        const parts = dir.split('/');
        for (let i = 1; i <= parts.length; i++) {
          const p = parts.slice(0, i).join('/');
          if (p === '' || parts[i - 1] === '') continue;
          const last = i === parts.length || parts.slice(i).every((x) => x === '');
          const r = await ctx.sys.mkdirat(-100, p, last && mode !== undefined ? mode : 0o777);
          if (!r.ok) {
            const st = await tryStat(ctx.libc, p, true);
            if (r.errno !== Errno.EEXIST || !st.st || (st.st.mode & S.IFMT) !== S.IFDIR) throw new ErrnoError(r.errno, 'mkdir', p);
          } else if (last && mode !== undefined) await ctx.libc.chmod(p, mode);
        }
      } else {
        await ctx.libc.mkdir(dir, mode ?? 0o777);
        if (mode !== undefined) await ctx.libc.chmod(dir, mode);
      }
    } catch (e) {
      await errorMsg(ctx, `can't create directory '${dir}': ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};

/** rmdir [-p] DIRECTORY... */
export const rmdir: Applet = async (ctx) => {
  const usage = 'rmdir [-p] DIRECTORY...';
  const o = await parseArgs(ctx, 'pv', usage, { long: { parents: 'p', 'ignore-fail-on-non-empty': 'i' } });
  if (!o) return 1;
  if (o.operands.length === 0) return showUsage(ctx, usage);
  let status = 0;
  for (const dir of o.operands) {
    let path = dir;
    for (;;) {
      try {
        await ctx.libc.rmdir(path);
      } catch (e) {
        await errorMsg(ctx, `'${path}': ${errText(e)}`);
        status = 1;
        break;
      }
      if (!o.has('p')) break;
      const parent = dirName(path);
      if (parent === path || parent === '.' || parent === '/') break;
      path = parent;
    }
  }
  return status;
};
