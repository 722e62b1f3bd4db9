// The container's root filesystem, prepared in the engine's mount namespace before the
// container starts (containerd's snapshotter "prepare"): today a per-container tmpfs filled
// with the image's flattened layers through syscalls. When overlayfs lands, prepareRootfs
// mounts `overlay` (lowerdir = read-only layers, upperdir/workdir in the container dir) instead:
// this file is the one place to change.
import { AT, AT_FDCWD, Errno, ErrnoError, MNT, O, S, makedev, type TreeEntry } from '../abi/index.js';
import type { Libc } from '../userland/libc/index.js';
import { mkdirp } from './fs-util.js';

/** Writes one tree entry below `root` (parents exist: entries come sorted, parents first). */
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

/** Writes a flattened tree (no whiteouts, parents before children) into the directory `root`. */
export async function populateTree(libc: Libc, root: string, entries: readonly TreeEntry[]): Promise<void> {
  const dirs: TreeEntry[] = [];
  for (const e of entries) await writeEntry(libc, root, e, dirs);
  for (const d of dirs.reverse()) {
    const path = `${root}/${d.path}`;
    await libc.chown(path, d.uid, d.gid);
    await libc.chmod(path, d.mode & 0o7777);
    await libc.sys.utimensat(AT_FDCWD, path, d.mtimeMs, d.mtimeMs, 0);
  }
}

/**
 * Prepares `dir` as the container's root: mkdir -p, mount a fresh tmpfs, fill it with the image
 * tree. Idempotent per container only if `dir` is not yet a mount (the engine calls it once, at create).
 */
export async function prepareRootfs(libc: Libc, dir: string, entries: readonly TreeEntry[]): Promise<void> {
  await mkdirp(libc, dir, 0o700);
  const r = await libc.sys.mount('tmpfs', dir, 'tmpfs', 0, 'mode=755');
  if (!r.ok) throw new ErrnoError(r.errno, 'mount', dir);
  const root = entries.find((e) => e.path === '' || e.path === '.');
  await populateTree(libc, dir, entries.filter((e) => e !== root));
  if (root) await libc.chmod(dir, root.mode & 0o7777);
}

/** Unmounts a prepared root (lazily, as a still-referenced mount may be busy) and removes the mount point. */
export async function releaseRootfs(libc: Libc, dir: string): Promise<void> {
  const r = await libc.sys.umount2(dir, MNT.DETACH);
  if (!r.ok && r.errno !== Errno.EINVAL && r.errno !== Errno.ENOENT) throw new ErrnoError(r.errno, 'umount2', dir);
  const d = await libc.sys.unlinkat(AT_FDCWD, dir, AT.REMOVEDIR);
  if (!d.ok && d.errno !== Errno.ENOENT) throw new ErrnoError(d.errno, 'rmdir', dir);
}
