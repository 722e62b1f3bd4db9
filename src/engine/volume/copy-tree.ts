// Copies a directory tree inside the machine, through the engine's syscalls: files, directories
// and symlinks (never followed) with their owners and modes. Used to fill a new volume from the
// image (Docker's copy-up of a volume's destination).
import { S } from '../../abi/index.js';
import type { Libc } from '../../userland/libc/index.js';

/** Copies the entries of directory `from` into existing directory `to`. Special files are skipped. */
export async function copyTree(libc: Libc, from: string, to: string): Promise<void> {
  for (const d of await libc.readdir(from)) {
    if (d.name === '.' || d.name === '..') continue;
    const src = `${from}/${d.name}`;
    const dst = `${to}/${d.name}`;
    const st = await libc.lstat(src);
    const type = st.mode & S.IFMT;
    if (type === S.IFDIR) {
      await libc.mkdir(dst, 0o700);
      await copyTree(libc, src, dst);
    } else if (type === S.IFREG) {
      await libc.writeFile(dst, await libc.readFile(src), 0o600);
    } else if (type === S.IFLNK) {
      await libc.symlink(await libc.readlink(src), dst);
    } else {
      continue;
    }
    await libc.chown(dst, st.uid, st.gid, false);
    if (type !== S.IFLNK) await libc.chmod(dst, st.mode & 0o7777);
  }
}
