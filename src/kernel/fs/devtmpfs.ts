// devtmpfs: a tmpfs (mode 755) populated with the standard character devices — null, zero,
// full, random, urandom, tty, console, ptmx — plus /dev/shm, /dev/pts and the fd/stdin/stdout/stderr
// symlinks. Device behaviour comes from the rdev (vfs/char-devices.ts), not from this fs.
import { S, makedev, type SysResult } from '../../abi/index.js';
import type { FileSystemType, MountRequest } from '../vfs/fs-type-registry.js';
import { makeTmpfs, type TmpfsSuperBlock } from './tmpfs.js';

/** The standard devices: name, major, minor, permission bits. */
export const STANDARD_DEVICES: readonly [string, number, number, number][] = [
  ['null', 1, 3, 0o666], ['zero', 1, 5, 0o666], ['full', 1, 7, 0o666], ['random', 1, 8, 0o666],
  ['urandom', 1, 9, 0o666], ['tty', 5, 0, 0o666], ['console', 5, 1, 0o600], ['ptmx', 5, 2, 0o666],
];


/** Populates a tmpfs root with the standard /dev content. */
export function populateDev(sb: TmpfsSuperBlock): void {
  const root = sb.rootInode;
  for (const [name, maj, min, perm] of STANDARD_DEVICES) root.create(name, S.IFCHR | perm, makedev(maj, min), 0, 0);
  root.create('shm', S.IFDIR | 0o1777, 0, 0, 0);
  root.create('pts', S.IFDIR | 0o755, 0, 0, 0);
  root.symlink('fd', '/proc/self/fd', 0, 0);
  root.symlink('stdin', '/proc/self/fd/0', 0, 0);
  root.symlink('stdout', '/proc/self/fd/1', 0, 0);
  root.symlink('stderr', '/proc/self/fd/2', 0, 0);
}

/** Mounts a fresh devtmpfs (each mount is its own instance, unlike Linux's single one). */
export function makeDevtmpfs(req: MountRequest): SysResult<TmpfsSuperBlock> {
  const r = makeTmpfs({ ...req, data: req.data ? `mode=755,${req.data}` : 'mode=755' }, 'devtmpfs');
  if (r.ok) populateDev(r.value);
  return r;
}

/** The devtmpfs filesystem type (initial user namespace only, as in Linux). */
export const devtmpfsType: FileSystemType = {
  name: 'devtmpfs',
  mount: makeDevtmpfs,
};
