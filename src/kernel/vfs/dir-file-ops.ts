// FileOps of directories: getdents64 serves a snapshot taken at the first call (and after a
// rewind), with `.` and `..` first; read/write fail with EISDIR.
import { DT, Errno, fail, type Dirent } from '../../abi/index.js';
import type { FileOps, OpenFile } from './open-file.js';
import type { SyscallContext } from '../syscall-table.js';

/** Entries returned per getdents64 call (a 32 KiB buffer's worth). */
const BATCH = 256;

interface Listing {
  entries: Dirent[];
  next: number;
}

function snapshot(file: OpenFile, ctx: SyscallContext): Listing {
  const entries: Dirent[] = [{ ino: file.inode.ino, name: '.', type: DT.DIR }];
  const path = file.path;
  let parentIno = file.inode.ino;
  if (path) {
    let { mnt, dentry } = path;
    while (dentry === mnt.root && mnt.parent && mnt.mountpoint) {
      dentry = mnt.mountpoint;
      mnt = mnt.parent;
    }
    parentIno = (dentry.parent ?? dentry).inode.ino;
  }
  entries.push({ ino: parentIno, name: '..', type: DT.DIR });
  for (const e of file.inode.readdir(ctx)) entries.push({ ino: e.ino, name: e.name, type: e.type });
  return { entries, next: 0 };
}

/** The shared ops object of directories. */
export const dirFileOps: FileOps = {
  read() {
    return fail(Errno.EISDIR);
  },
  write() {
    return fail(Errno.EISDIR);
  },
  getdents(file, ctx) {
    let listing = file.private as Listing | undefined;
    if (!listing) file.private = listing = snapshot(file, ctx);
    const batch = listing.entries.slice(listing.next, listing.next + BATCH);
    listing.next += batch.length;
    file.pos = listing.next;
    return { ok: true, value: batch };
  },
  seeked(file) {
    if (file.pos === 0) file.private = undefined;
    else if (file.private) (file.private as Listing).next = file.pos;
  },
};
