// rm: removes files, and directories recursively with -r; -f ignores missing files.
import { Errno, S } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { listDir, tryStat } from './lib/fsutil.js';
import { baseName, joinPath } from './lib/paths.js';
import { errorMsg, parseArgs, showUsage } from './lib/report.js';
import { strerror } from '../../abi/index.js';

/** Removes `path` (recursively if `recursive`); prints busybox errors; returns false on failure. */
export async function removePath(ctx: AppletContext, path: string, recursive: boolean, force: boolean): Promise<boolean> {
  const r = await tryStat(ctx.libc, path, false);
  if (!r.st) {
    if (force && r.errno === Errno.ENOENT) return true;
    await errorMsg(ctx, `can't remove '${path}': ${strerror(r.errno!)}`);
    return false;
  }
  if ((r.st.mode & S.IFMT) === S.IFDIR) {
    if (!recursive) { await errorMsg(ctx, `'${path}' is a directory`); return false; }
    let ok = true;
    let names: string[] = [];
    try { names = await listDir(ctx.libc, path); } catch (e) {
      await errorMsg(ctx, `can't remove '${path}': ${(e as Error).message}`);
      return false;
    }
    for (const n of names) ok = (await removePath(ctx, joinPath(path, n), true, force)) && ok;
    const d = await ctx.sys.unlinkat(-100, path, 0x200);
    if (!d.ok) { await errorMsg(ctx, `can't remove '${path}': ${strerror(d.errno)}`); return false; }
    return ok;
  }
  const u = await ctx.sys.unlinkat(-100, path, 0);
  if (!u.ok) {
    if (force && u.errno === Errno.ENOENT) return true;
    await errorMsg(ctx, `can't remove '${path}': ${strerror(u.errno)}`);
    return false;
  }
  return true;
}

/** rm [-irf] FILE... */
export const rm: Applet = async (ctx) => {
  const usage = 'rm [-irf] FILE...';
  const o = await parseArgs(ctx, 'fiRrv', usage, { long: { force: 'f', interactive: 'i', recursive: 'r', verbose: 'v' } });
  if (!o) return 1;
  const force = o.has('f');
  if (o.operands.length === 0) return force ? 0 : showUsage(ctx, usage);
  let status = 0;
  for (const p of o.operands) {
    const b = baseName(p);
    if (b === '.' || b === '..') { await errorMsg(ctx, "can't remove '.' or '..'"); status = 1; continue; }
    if (!(await removePath(ctx, p, o.has('r') || o.has('R'), force))) status = 1;
  }
  return status;
};
