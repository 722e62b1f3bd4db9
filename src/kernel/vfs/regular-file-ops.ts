// FileOps of regular files: read and write through the inode's readAt/writeAt.
import type { FileOps } from './open-file.js';

/** The shared ops object of every regular file (no per-open state). */
export const regularFileOps: FileOps = {
  read(file, _ctx, count, pos) {
    return { ok: true, value: file.inode.readAt(pos, count) };
  },
  write(file, ctx, data, pos) {
    return file.inode.writeAt(pos, data, ctx);
  },
};
