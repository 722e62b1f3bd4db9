// Small filesystem helpers over libc used by the runtime and the engine: mkdir -p, rm -rf,
// existence checks. Everything goes through syscalls of the calling process.
import { AT, AT_FDCWD, Errno, ErrnoError, DT } from '../abi/index.js';
import type { Libc } from '../userland/libc/index.js';

/**
 * mkdir -p: creates missing components with `mode`; existing directories are fine. Like Go's
 * MkdirAll it tries the whole path first and walks up only on ENOENT, so the usual case (the
 * parents exist) is one mkdirat, not one per component.
 */
export async function mkdirp(libc: Libc, path: string, mode = 0o755): Promise<void> {
  const parts = path.split('/').filter(Boolean);
  const prefix = path.startsWith('/') ? '' : '.';
  const upTo = (n: number) => `${prefix}/${parts.slice(0, n).join('/')}`;
  // The deepest component that exists or was made; components below it are made in order.
  let n = parts.length;
  for (; n > 0; n--) {
    const r = await libc.sys.mkdirat(AT_FDCWD, upTo(n), mode);
    if (r.ok || r.errno === Errno.EEXIST) break;
    if (r.errno !== Errno.ENOENT) throw new ErrnoError(r.errno, 'mkdir', upTo(n));
  }
  if (n === parts.length) return;
  for (n++; n <= parts.length; n++) {
    const r = await libc.sys.mkdirat(AT_FDCWD, upTo(n), mode);
    if (!r.ok && r.errno !== Errno.EEXIST) throw new ErrnoError(r.errno, 'mkdir', upTo(n));
  }
}

/** rm -rf: removes `path` and everything below it; absent is fine. Does not cross into mounts it cannot remove. */
export async function removeAll(libc: Libc, path: string): Promise<void> {
  const st = await libc.statOrUndefined(path, false);
  if (!st) return;
  if ((st.mode & 0o170000) === 0o040000) {
    for (const d of await libc.readdir(path)) {
      if (d.name === '.' || d.name === '..') continue;
      const child = `${path}/${d.name}`;
      if (d.type === DT.DIR) await removeAll(libc, child);
      else {
        const r = await libc.sys.unlinkat(AT_FDCWD, child, 0);
        if (!r.ok && r.errno === Errno.EISDIR) await removeAll(libc, child);
        else if (!r.ok && r.errno !== Errno.ENOENT) throw new ErrnoError(r.errno, 'unlink', child);
      }
    }
    const r = await libc.sys.unlinkat(AT_FDCWD, path, AT.REMOVEDIR);
    if (!r.ok && r.errno !== Errno.ENOENT) throw new ErrnoError(r.errno, 'rmdir', path);
  } else {
    const r = await libc.sys.unlinkat(AT_FDCWD, path, 0);
    if (!r.ok && r.errno !== Errno.ENOENT) throw new ErrnoError(r.errno, 'unlink', path);
  }
}

/** Whether `path` exists (lstat). */
export async function exists(libc: Libc, path: string): Promise<boolean> {
  return (await libc.statOrUndefined(path, false)) !== undefined;
}

/** Symlinks followed at most (Linux's MAXSYMLINKS). */
const MAX_SYMLINKS = 40;

/**
 * `path` inside `root` with every symlink resolved as if `root` were `/` (the securejoin runc
 * uses for mount destinations): an image's `/data -> /` or `../../x` can never point a mount at
 * the engine's own filesystem. Components that do not exist are kept as they are.
 */
export async function resolveInRoot(libc: Libc, root: string, path: string): Promise<string> {
  const resolved: string[] = [];
  const pending = path.split('/').filter(Boolean);
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '.') continue;
    if (part === '..') { resolved.pop(); continue; }
    const candidate = `${root}/${[...resolved, part].join('/')}`;
    const st = await libc.statOrUndefined(candidate, false);
    if (!st || (st.mode & 0o170000) !== 0o120000) { resolved.push(part); continue; }
    if (++links > MAX_SYMLINKS) throw new ErrnoError(Errno.ELOOP, 'resolve', path);
    const target = await libc.readlink(candidate);
    if (target.startsWith('/')) resolved.length = 0;
    pending.unshift(...target.split('/').filter(Boolean));
  }
  return `${root}/${resolved.join('/')}`;
}
