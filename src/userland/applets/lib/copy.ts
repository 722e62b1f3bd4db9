// Recursive copying shared by cp and mv (mv falls back to it across filesystems): regular
// files, directories, symlinks, device nodes and FIFOs, optionally preserving mode, owner and times.
import { AT_FDCWD, O, S, type Stat } from '../../../abi/index.js';
import type { AppletContext } from '../../applet.js';
import { listDir, tryStat } from './fsutil.js';
import { joinPath } from './paths.js';
import { errText, errorMsg } from './report.js';
import { strerror } from '../../../abi/index.js';

/** How to copy. */
export interface CopyOptions {
  recursive: boolean;
  /** Follow symlinks in the source tree (else copy them as symlinks). */
  deref: boolean;
  /** Follow a symlink given as the source operand itself. */
  derefTop: boolean;
  preserve: boolean;
  /** Remove a destination that cannot be opened, and retry (-f). */
  force: boolean;
  /** Do not overwrite an existing destination (-n). */
  noClobber: boolean;
}

async function preserve(ctx: AppletContext, dst: string, st: Stat, isLink: boolean): Promise<void> {
  const flags = isLink ? 0x100 : 0;
  await ctx.sys.fchownat(AT_FDCWD, dst, st.uid, st.gid, flags);
  if (!isLink) await ctx.sys.fchmodat(AT_FDCWD, dst, st.mode & 0o7777, 0);
  await ctx.sys.utimensat(AT_FDCWD, dst, st.atime.sec * 1000 + st.atime.nsec / 1e6, st.mtime.sec * 1000 + st.mtime.nsec / 1e6, flags);
}

async function copyFile(ctx: AppletContext, src: string, dst: string, st: Stat, opts: CopyOptions): Promise<boolean> {
  let inFd: number;
  try { inFd = await ctx.libc.open(src, O.RDONLY); } catch (e) {
    await errorMsg(ctx, `can't open '${src}': ${errText(e)}`);
    return false;
  }
  try {
    let r = await ctx.sys.openat(AT_FDCWD, dst, O.WRONLY | O.CREAT | O.TRUNC, st.mode & 0o7777);
    if (!r.ok && opts.force) {
      await ctx.sys.unlinkat(AT_FDCWD, dst, 0);
      r = await ctx.sys.openat(AT_FDCWD, dst, O.WRONLY | O.CREAT | O.TRUNC, st.mode & 0o7777);
    }
    if (!r.ok) { await errorMsg(ctx, `can't create '${dst}': ${strerror(r.errno)}`); return false; }
    const outFd = r.value;
    try {
      for (;;) {
        const chunk = await ctx.libc.read(inFd, 65536);
        if (chunk.length === 0) break;
        await ctx.libc.writeAll(outFd, chunk);
      }
    } finally {
      await ctx.sys.close(outFd);
    }
  } finally {
    await ctx.sys.close(inFd);
  }
  if (opts.preserve) await preserve(ctx, dst, st, false);
  return true;
}

/** Copies `src` to `dst` (dst is the final name). Prints busybox errors; false on any failure. */
export async function copyPath(ctx: AppletContext, src: string, dst: string, opts: CopyOptions, top = true): Promise<boolean> {
  const follow = top ? opts.derefTop : opts.deref;
  const s = await tryStat(ctx.libc, src, follow);
  if (!s.st) { await errorMsg(ctx, `can't stat '${src}': ${strerror(s.errno!)}`); return false; }
  const st = s.st;
  const d = await tryStat(ctx.libc, dst, false);
  if (d.st && d.st.dev === st.dev && d.st.ino === st.ino) {
    await errorMsg(ctx, `'${src}' and '${dst}' are the same file`);
    return false;
  }
  if (d.st && opts.noClobber) return true;
  const fmt = st.mode & S.IFMT;
  if (fmt === S.IFDIR) {
    if (!opts.recursive) { await errorMsg(ctx, `omitting directory '${src}'`); return false; }
    if (!d.st) {
      const r = await ctx.sys.mkdirat(AT_FDCWD, dst, (st.mode & 0o7777) | 0o700);
      if (!r.ok) { await errorMsg(ctx, `can't create directory '${dst}': ${strerror(r.errno)}`); return false; }
    } else if ((d.st.mode & S.IFMT) !== S.IFDIR) {
      await errorMsg(ctx, `can't create directory '${dst}': File exists`);
      return false;
    }
    let ok = true;
    let names: string[];
    try { names = await listDir(ctx.libc, src); } catch (e) {
      await errorMsg(ctx, `can't open '${src}': ${errText(e)}`);
      return false;
    }
    for (const n of names) ok = (await copyPath(ctx, joinPath(src, n), joinPath(dst, n), opts, false)) && ok;
    if (opts.preserve) await preserve(ctx, dst, st, false);
    else if (!d.st) await ctx.sys.fchmodat(AT_FDCWD, dst, st.mode & 0o777, 0);
    return ok;
  }
  if (fmt === S.IFLNK) {
    const target = await ctx.libc.readlink(src);
    if (d.st) await ctx.sys.unlinkat(AT_FDCWD, dst, 0);
    const r = await ctx.sys.symlinkat(target, AT_FDCWD, dst);
    if (!r.ok) { await errorMsg(ctx, `can't create symlink '${dst}' to '${target}': ${strerror(r.errno)}`); return false; }
    if (opts.preserve) await preserve(ctx, dst, st, true);
    return true;
  }
  if (fmt === S.IFREG) return copyFile(ctx, src, dst, st, opts);
  if (d.st) await ctx.sys.unlinkat(AT_FDCWD, dst, 0);
  const r = await ctx.sys.mknodat(AT_FDCWD, dst, st.mode, st.rdev);
  if (!r.ok) { await errorMsg(ctx, `can't create '${dst}': ${strerror(r.errno)}`); return false; }
  if (opts.preserve) await preserve(ctx, dst, st, false);
  return true;
}

/** Whether `path` names an existing directory (following symlinks). */
export async function isDirectory(ctx: AppletContext, path: string): Promise<boolean> {
  const r = await tryStat(ctx.libc, path, true);
  return !!r.st && (r.st.mode & S.IFMT) === S.IFDIR;
}
