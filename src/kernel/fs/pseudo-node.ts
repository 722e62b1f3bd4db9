// The node API of synthetic ("pseudo") filesystems — how /proc and /sys/fs/cgroup are built.
// A filesystem is a tree of plain objects: directories whose entries are computed on lookup
// and readdir, files whose content is generated at open and whose writes call a handler, and
// symlinks with computed targets. pseudo-fs.ts turns such a tree into inodes.
import type { SysResult } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';

/**
 * Attributes of every node. They are re-read each time the node is looked up, unless chmod,
 * chown or utimes changed the inode (then the inode's values stay, as kernfs does).
 */
export interface PseudoAttrs {
  /** Permission bits only (e.g. 0o444); the type comes from `kind`. */
  mode: number;
  /** Owner and group as host (initial user namespace) IDs; default 0. */
  uid?: number;
  gid?: number;
  /**
   * Identity across lookups. Directories are asked again on every path walk; when they return
   * a node with the same key (and kind) as last time, the existing inode — its number, its
   * dentry, mounts on it — is kept. Without a key the node object itself is the identity, so
   * return the same object (or give e.g. `key: pid`) for things that must stay put.
   */
  key?: unknown;
}

/**
 * A directory. `ctx` is the calling syscall (`ctx.proc` is the caller: /proc/self, PID
 * namespaces and cgroup namespaces depend on it).
 */
export interface PseudoDir extends PseudoAttrs {
  kind: 'dir';
  /** All children, for readdir (and for lookup when `lookup` is absent). */
  entries(ctx: SyscallContext): Iterable<readonly [string, PseudoNode]>;
  /** One child by name (faster than scanning entries, and may find hidden names). */
  lookup?(name: string, ctx: SyscallContext): PseudoNode | undefined;
  /**
   * mkdir(2) of `name` (cgroup creation). `mode` has the umask applied. Missing → EPERM.
   * On success the directory must return the new child from lookup.
   */
  mkdir?(name: string, mode: number, ctx: SyscallContext): SysResult<void>;
  /**
   * rmdir(2) of child directory `name`; the handler decides (EBUSY for a populated cgroup):
   * the VFS does not require pseudo directories to be empty. Missing → EPERM.
   */
  rmdir?(name: string, ctx: SyscallContext): SysResult<void>;
}

/** A file. Opening it for reading without `read`, or for writing without `write`, fails with EACCES. */
export interface PseudoFile extends PseudoAttrs {
  kind: 'file';
  /** The content, generated once per open (and again after lseek to 0): a snapshot. */
  read?(ctx: SyscallContext): string | Uint8Array;
  /**
   * One write(2) call: `text` is the data as UTF-8 text, `data` the raw bytes. Return 0 to
   * accept (the write returns data.length) or an errno (EINVAL for a bad value…).
   */
  write?(text: string, ctx: SyscallContext, data: Uint8Array): number;
}

/** A symlink whose target is computed at each readlink/path walk. */
export interface PseudoSymlink extends PseudoAttrs {
  kind: 'symlink';
  target(ctx: SyscallContext): string;
}

export type PseudoNode = PseudoDir | PseudoFile | PseudoSymlink;

/** A directory with a fixed set of children (computed children: write a PseudoDir yourself). */
export function staticDir(children: Record<string, PseudoNode>, mode = 0o555, extra: Partial<PseudoDir> = {}): PseudoDir {
  const map = new Map(Object.entries(children));
  return {
    kind: 'dir', mode, ...extra,
    entries: () => map,
    lookup: (name) => map.get(name),
  };
}

/** A file whose content is `read(ctx)`, writable when `write` is given (mode 0644, else 0444). */
export function textFile(read: (ctx: SyscallContext) => string, write?: PseudoFile['write'], mode?: number): PseudoFile {
  return { kind: 'file', mode: mode ?? (write ? 0o644 : 0o444), read, write };
}

/** A symlink (mode 0777) with a computed target. */
export function computedSymlink(target: (ctx: SyscallContext) => string, key?: unknown): PseudoSymlink {
  return { kind: 'symlink', mode: 0o777, target, key };
}
