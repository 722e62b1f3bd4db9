// The per-container init layer (moby's "<id>-init"): the mount points and files the runtime
// needs, on top of the image's layers and below the container's writable layer, so they never
// show in `docker diff` or a commit — whatever the image holds (even `hello-world`).
import type { TreeEntry } from '../../abi/index.js';

/** The init layer's entries, with `mtimeMs` as every entry's mtime. */
export function initLayerEntries(mtimeMs: number): TreeEntry[] {
  const dir = (path: string): TreeEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs });
  const file = (path: string, mode = 0o755): TreeEntry => ({ path, type: 'file', mode, uid: 0, gid: 0, mtimeMs, data: new Uint8Array() });
  return [
    file('.dockerenv'), dir('dev'), file('dev/console'), dir('dev/pts'), dir('dev/shm'), dir('etc'),
    file('etc/hostname', 0o644), file('etc/hosts', 0o644), { path: 'etc/mtab', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtimeMs, linkname: '/proc/mounts' },
    file('etc/resolv.conf', 0o644), dir('proc'), dir('sys'),
  ];
}
