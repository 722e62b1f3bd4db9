// readlink and realpath: print a symlink's target, or the canonical absolute path (-f).
import { Errno, S, ErrnoError } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { tryStat } from './lib/fsutil.js';
import { errText, errorMsg, parseArgs } from './lib/report.js';

/**
 * Canonicalises `path` by resolving every symlink (like realpath(3)). With `allowMissingLast`,
 * the final component need not exist (readlink -f). Throws ErrnoError.
 */
export async function canonicalize(ctx: AppletContext, path: string, allowMissingLast: boolean): Promise<string> {
  const cwd = path.startsWith('/') ? '' : await ctx.libc.getcwd();
  const todo = `${cwd}/${path}`.split('/').filter(Boolean);
  const done: string[] = [];
  let links = 0;
  while (todo.length) {
    const part = todo.shift()!;
    if (part === '.') continue;
    if (part === '..') { done.pop(); continue; }
    const candidate = `/${[...done, part].join('/')}`;
    const r = await tryStat(ctx.libc, candidate, false);
    if (!r.st) {
      if (allowMissingLast && todo.length === 0 && r.errno === Errno.ENOENT) { done.push(part); break; }
      throw new ErrnoError(r.errno!, 'lstat', path);
    }
    if ((r.st.mode & S.IFMT) === S.IFLNK) {
      if (++links > 40) throw new ErrnoError(Errno.ELOOP, 'readlink', path);
      const target = await ctx.libc.readlink(candidate);
      if (target.startsWith('/')) done.length = 0;
      todo.unshift(...target.split('/').filter(Boolean));
      continue;
    }
    if (todo.length && (r.st.mode & S.IFMT) !== S.IFDIR) throw new ErrnoError(Errno.ENOTDIR, 'lstat', path);
    done.push(part);
  }
  return `/${done.join('/')}`;
}

/** readlink [-fnv] FILE */
export const readlink: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'fnvsqe', 'readlink [-fnv] FILE');
  if (!o) return 1;
  let status = 0;
  for (const f of o.operands) {
    try {
      const v = o.has('f') || o.has('e') ? await canonicalize(ctx, f, o.has('f')) : await ctx.libc.readlink(f);
      await ctx.out.write(o.has('n') ? v : `${v}\n`);
    } catch (e) {
      if (o.has('v')) await errorMsg(ctx, `${f}: ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};

/** realpath FILE... */
export const realpath: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'q', 'realpath FILE...');
  if (!o) return 1;
  let status = 0;
  for (const f of o.operands.length ? o.operands : ['.']) {
    try {
      await ctx.out.write(`${await canonicalize(ctx, f, false)}\n`);
    } catch (e) {
      await errorMsg(ctx, `${f}: ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};
