// A neutral record of one file in a filesystem tree: what a layer tar holds and what the kernel
// can build a read-only layer from. The image store (which may not import the kernel) produces
// these; the kernel (which may not import the image store) consumes them.

/** Entry kinds, as tar and the VFS both know them. */
export type TreeEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'chardev' | 'blockdev' | 'fifo';

/** One entry of a filesystem tree. Paths are relative, `/`-separated, without `./` or a leading `/`. */
export interface TreeEntry {
  path: string;
  type: TreeEntryType;
  /** Permission bits including setuid/setgid/sticky (no file-type bits). */
  mode: number;
  uid: number;
  gid: number;
  /** Modification time in milliseconds since the epoch. */
  mtimeMs: number;
  /** File contents (type `file`). */
  data?: Uint8Array;
  /** Symlink target (type `symlink`) or the path of the link target within the tree (type `hardlink`). */
  linkname?: string;
  /** Device major/minor (chardev, blockdev). A 0/0 chardev is an overlay whiteout. */
  devmajor?: number;
  devminor?: number;
}
