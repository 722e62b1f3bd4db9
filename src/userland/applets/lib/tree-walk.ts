// Depth-first walking of a file tree for the -R options of chmod, chown and chgrp.
import { S } from '../../../abi/index.js';
import type { AppletContext } from '../../applet.js';
import { listDir, tryStat } from './fsutil.js';
import { joinPath } from './paths.js';

/**
 * Calls `visit` on `path` and, if `recursive` and it is a directory (not a symlink), on
 * everything below it (parents first). `visit` returns false on failure; so does walk.
 */
export async function walkTree(ctx: AppletContext, path: string, recursive: boolean, visit: (p: string) => Promise<boolean>): Promise<boolean> {
  let ok = await visit(path);
  if (!recursive) return ok;
  const r = await tryStat(ctx.libc, path, false);
  if (!r.st || (r.st.mode & S.IFMT) !== S.IFDIR) return ok;
  let names: string[] = [];
  try { names = await listDir(ctx.libc, path); } catch { return false; }
  for (const n of names) ok = (await walkTree(ctx, joinPath(path, n), true, visit)) && ok;
  return ok;
}
