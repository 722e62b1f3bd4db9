// mv: renames files; across filesystems (EXDEV) it copies the tree (preserving everything)
// and then removes the source, as busybox does.
import { AT_FDCWD, Errno, strerror } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { copyPath, isDirectory } from './lib/copy.js';
import { tryStat } from './lib/fsutil.js';
import { baseName, joinPath } from './lib/paths.js';
import { errorMsg, parseArgs, showUsage } from './lib/report.js';
import { removePath } from './rm.js';

const USAGE = 'mv [-fin] SOURCE DEST\nor: mv [-fin] SOURCE... DIRECTORY';

/** mv [-fin] SOURCE... DEST */
export const mv: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'finTvt:', USAGE, { long: { force: 'f', interactive: 'i', 'no-clobber': 'n', 'target-directory:': 't', verbose: 'v' } });
  if (!o) return 1;
  const args = [...o.operands];
  if (o.has('t')) args.push(o.get('t')!);
  if (args.length < 2) return showUsage(ctx, USAGE);
  const dest = args.pop()!;
  const destDir = !o.has('T') && (await isDirectory(ctx, dest));
  if (args.length > 1 && !destDir) { await errorMsg(ctx, `'${dest}' is not a directory`); return 1; }
  let status = 0;
  for (const src of args) {
    const target = destDir ? joinPath(dest, baseName(src)) : dest;
    if (o.has('n') && (await tryStat(ctx.libc, target, false)).st) continue;
    const r = await ctx.sys.renameat2(AT_FDCWD, src, AT_FDCWD, target, 0);
    if (r.ok) continue;
    if (r.errno !== Errno.EXDEV) {
      await errorMsg(ctx, `can't rename '${src}': ${strerror(r.errno)}`);
      status = 1;
      continue;
    }
    const ok = await copyPath(ctx, src, target, { recursive: true, deref: false, derefTop: false, preserve: true, force: true, noClobber: false });
    if (!ok || !(await removePath(ctx, src, true, true))) status = 1;
  }
  return status;
};
