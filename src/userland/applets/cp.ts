// cp: copies files and (with -r/-a) directory trees; -p/-a preserve mode, owner and times.
import type { Applet } from '../applet.js';
import { copyPath, isDirectory } from './lib/copy.js';
import { baseName, joinPath } from './lib/paths.js';
import { errorMsg, parseArgs, showUsage } from './lib/report.js';

const USAGE = 'cp [-arPLHpfinlsTu] SOURCE... DEST';

/** cp [-arPLHpfinlsTu] SOURCE... DEST */
export const cp: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'arRPLHpfinlsTudvt:', USAGE, { long: { archive: 'a', recursive: 'R', dereference: 'L', force: 'f', 'no-clobber': 'n', 'target-directory:': 't', preserve: 'p', verbose: 'v' } });
  if (!o) return 1;
  const args = [...o.operands];
  if (o.has('t')) args.push(o.get('t')!);
  if (args.length < 2) return showUsage(ctx, USAGE);
  const dest = args.pop()!;
  const archive = o.has('a');
  const recursive = archive || o.has('r') || o.has('R');
  const noDeref = archive || o.has('P') || o.has('d') || (recursive && !o.has('L'));
  const opts = {
    recursive,
    deref: !noDeref || o.has('L'),
    derefTop: !noDeref || o.has('L') || o.has('H'),
    preserve: archive || o.has('p'),
    force: o.has('f'),
    noClobber: o.has('n'),
  };
  const destDir = !o.has('T') && (await isDirectory(ctx, dest));
  if (args.length > 1 && !destDir) { await errorMsg(ctx, `'${dest}' is not a directory`); return 1; }
  let status = 0;
  for (const src of args) {
    const target = destDir ? joinPath(dest, baseName(src)) : dest;
    if (!(await copyPath(ctx, src, target, opts))) status = 1;
  }
  return status;
};
