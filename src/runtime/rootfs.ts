// The container's root filesystem, prepared in the engine's mount namespace before the
// container starts (containerd's snapshotter "prepare"): image layers extracted once each into
// read-only directories (extractLayer), and per container an overlay mount of them with its own
// upper and work directories (prepareRootfs). Which layers a container gets is the engine's call.
import { AT, AT_FDCWD, Errno, ErrnoError, MNT, O, S, makedev, type TreeEntry } from '../abi/index.js';
import type { Libc } from '../userland/libc/index.js';
import { mkdirp, removeAll } from './fs-util.js';

/** Writes one tree entry below `root` (its parent exists). Directories are collected in `dirs`. */
async function writeEntry(libc: Libc, root: string, e: TreeEntry, dirs: TreeEntry[]): Promise<void> {
  const sys = libc.sys;
  const path = `${root}/${e.path}`;
  const fail = (r: { ok: boolean; errno?: number }, call: string) => {
    if (!r.ok) throw new ErrnoError(r.errno ?? Errno.EIO, call, path);
  };
  switch (e.type) {
    case 'dir': {
      const r = await sys.mkdirat(AT_FDCWD, path, 0o700);
      if (!r.ok && r.errno !== Errno.EEXIST) fail(r, 'mkdir');
      dirs.push(e); // mode/owner set after the children are written (a 0555 dir must stay writable until then)
      return;
    }
    case 'file': {
      const fd = await libc.open(path, O.WRONLY | O.CREAT | O.TRUNC | O.CLOEXEC, 0o600);
      try {
        if (e.data && e.data.length > 0) await libc.writeAll(fd, e.data);
      } finally {
        await sys.close(fd);
      }
      break;
    }
    case 'symlink':
      fail(await sys.symlinkat(e.linkname ?? '', AT_FDCWD, path), 'symlink');
      fail(await sys.fchownat(AT_FDCWD, path, e.uid, e.gid, AT.SYMLINK_NOFOLLOW), 'lchown');
      return;
    case 'hardlink':
      fail(await sys.linkat(AT_FDCWD, `${root}/${e.linkname}`, AT_FDCWD, path, 0), 'link');
      return;
    case 'chardev': case 'blockdev': case 'fifo': {
      const type = e.type === 'chardev' ? S.IFCHR : e.type === 'blockdev' ? S.IFBLK : S.IFIFO;
      fail(await sys.mknodat(AT_FDCWD, path, type | (e.mode & 0o7777), makedev(e.devmajor ?? 0, e.devminor ?? 0)), 'mknod');
      break;
    }
  }
  fail(await sys.fchownat(AT_FDCWD, path, e.uid, e.gid, 0), 'chown');
  fail(await sys.fchmodat(AT_FDCWD, path, e.mode & 0o7777, 0), 'chmod');
  await sys.utimensat(AT_FDCWD, path, e.mtimeMs, e.mtimeMs, 0);
}

const parentOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

/**
 * Writes a tree into the existing directory `root`: entries in any order (sorted here, parents
 * first; hard links after their targets; missing parent directories made 0755). The root entry
 * ('' or '.') sets the attributes of `root` itself. A 0/0 character device is written as one
 * (an overlay whiteout), so this also writes extracted layers.
 */
export async function populateTree(libc: Libc, root: string, entries: readonly TreeEntry[]): Promise<void> {
  const rootEntry = entries.find((e) => e.path === '' || e.path === '.');
  const sorted = entries.filter((e) => e !== rootEntry).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const dirs: TreeEntry[] = [];
  const made = new Set<string>(['']);
  const ensureParent = async (path: string) => {
    const parent = parentOf(path);
    if (made.has(parent)) return;
    await mkdirp(libc, `${root}/${parent}`, 0o755);
    for (let p = parent; p !== '' && !made.has(p); p = parentOf(p)) made.add(p);
  };
  for (const e of sorted) {
    if (e.type === 'hardlink') continue;
    await ensureParent(e.path);
    await writeEntry(libc, root, e, dirs);
    if (e.type === 'dir') made.add(e.path);
  }
  for (const e of sorted) {
    if (e.type !== 'hardlink') continue;
    await ensureParent(e.path);
    await writeEntry(libc, root, e, dirs);
  }
  for (const d of dirs.reverse()) {
    const path = `${root}/${d.path}`;
    await libc.chown(path, d.uid, d.gid);
    await libc.chmod(path, d.mode & 0o7777);
    await libc.sys.utimensat(AT_FDCWD, path, d.mtimeMs, d.mtimeMs, 0);
  }
  if (rootEntry) {
    await libc.chown(root, rootEntry.uid, rootEntry.gid);
    await libc.chmod(root, rootEntry.mode & 0o7777);
  }
}

/**
 * Extracts a layer (overlay form: deletions as 0/0 character devices, opaque directories holding
 * a `.wh..wh..opq` entry) into `dir`, unless `dir` exists already. Written into `<dir>.partial`
 * and renamed, so an existing `dir` is always complete. Returns whether it extracted.
 * Precondition: one extraction of `dir` at a time (the engine single-flights them).
 */
export async function extractLayer(libc: Libc, dir: string, entries: readonly TreeEntry[]): Promise<boolean> {
  if (await libc.statOrUndefined(dir, false)) return false;
  const partial = `${dir}.partial`;
  await removeAll(libc, partial);
  await mkdirp(libc, partial, 0o755);
  await populateTree(libc, partial, entries);
  await libc.rename(partial, dir);
  return true;
}

/** Where a container's overlay root lives. */
export interface RootfsLayout {
  /** The mount point (the container's root). */
  rootfs: string;
  /** Read-only layer directories, topmost first (the init layer, then the image's newest layer...). */
  lowerdirs: readonly string[];
  /** The container's writable layer (kept while the container exists: restarts keep its changes). */
  upperdir: string;
  /** overlay's scratch directory, on the same filesystem as upperdir. */
  workdir: string;
}

/** Escapes `\`, `:` and `,` in an overlay option path (Linux's escaping). */
const escapeOpt = (p: string) => p.replace(/[\\:,]/g, (c) => `\\${c}`);

/**
 * Mounts the container's root: mkdir -p the mount point, upper and work directories, then
 * mount("overlay", rootfs, "overlay", 0, "lowerdir=...,upperdir=...,workdir=..."). An existing
 * upper directory is reused (a restarted container sees its changes).
 */
export async function prepareRootfs(libc: Libc, layout: RootfsLayout): Promise<void> {
  if (layout.lowerdirs.length === 0) throw new Error('prepareRootfs: an overlay needs at least one lower layer');
  await mkdirp(libc, layout.rootfs, 0o700);
  await mkdirp(libc, layout.upperdir, 0o755);
  await mkdirp(libc, layout.workdir, 0o700);
  const data = `lowerdir=${layout.lowerdirs.map(escapeOpt).join(':')},upperdir=${escapeOpt(layout.upperdir)},workdir=${escapeOpt(layout.workdir)}`;
  const r = await libc.sys.mount('overlay', layout.rootfs, 'overlay', 0, data);
  if (!r.ok) throw new ErrnoError(r.errno, 'mount overlay', layout.rootfs);
}

/** Unmounts a prepared root (lazily, as a still-referenced mount may be busy) and removes the mount point. */
export async function releaseRootfs(libc: Libc, dir: string): Promise<void> {
  const r = await libc.sys.umount2(dir, MNT.DETACH);
  if (!r.ok && r.errno !== Errno.EINVAL && r.errno !== Errno.ENOENT) throw new ErrnoError(r.errno, 'umount2', dir);
  const d = await libc.sys.unlinkat(AT_FDCWD, dir, AT.REMOVEDIR);
  if (!d.ok && d.errno !== Errno.ENOENT) throw new ErrnoError(d.errno, 'rmdir', dir);
}
