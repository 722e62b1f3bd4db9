// Directory entries (Linux's dcache): a name → inode binding in a parent directory. Dentries
// form one tree per superblock; mounts are keyed by dentry, getcwd walks dentries up.
import type { Inode } from './inode.js';
import type { SyscallContext } from '../syscall-table.js';

/** One cached name. Invariant: `parent.children?.get(name) === this` unless `deleted`. */
export class Dentry {
  /**
   * Cached children by name (positive entries only), made on the first one: most dentries are
   * files, and a machine with 10,000 containers holds hundreds of thousands of dentries.
   */
  children: Map<string, Dentry> | undefined = undefined;
  /** How many mounts (in any namespace) have this dentry as mountpoint. */
  mounts = 0;
  /** Unlinked or renamed over: kept alive by open files and cwds. */
  deleted = false;

  constructor(public name: string, public parent: Dentry | null, public inode: Inode) {}

  /** Is this dentry `other` or one of its ancestors (same superblock tree)? */
  isAncestorOf(other: Dentry): boolean {
    for (let d: Dentry | null = other; d; d = d.parent) if (d === this) return true;
    return false;
  }
}

/**
 * The child `name` of directory `parent`, from the cache or the filesystem (Linux's
 * lookup_fast/lookup_slow). Volatile filesystems are asked every time.
 * Precondition: `parent.inode` is a directory and `name` is not `.`, `..` or empty.
 */
export function lookupChild(parent: Dentry, name: string, ctx: SyscallContext): Dentry | undefined {
  let d = parent.children?.get(name);
  if (d !== undefined && !parent.inode.sb.volatile) return d;
  const inode = parent.inode.lookup(name, ctx);
  if (inode === undefined) {
    if (d !== undefined) dropDentry(d);
    return undefined;
  }
  if (d !== undefined) {
    if (d.inode === inode) return d;
    dropDentry(d);
  }
  d = new Dentry(name, parent, inode);
  (parent.children ??= new Map()).set(name, d);
  return d;
}

/** Adds a dentry for a newly created inode (d_instantiate). */
export function addDentry(parent: Dentry, name: string, inode: Inode): Dentry {
  const d = new Dentry(name, parent, inode);
  (parent.children ??= new Map()).set(name, d);
  return d;
}

/** Removes a dentry from its parent's cache and marks it deleted (d_delete). */
export function dropDentry(d: Dentry): void {
  if (d.parent?.children?.get(d.name) === d) d.parent.children.delete(d.name);
  d.deleted = true;
}

/** Moves a dentry to a new parent/name (d_move). */
export function moveDentry(d: Dentry, newParent: Dentry, newName: string): void {
  if (d.parent?.children?.get(d.name) === d) d.parent.children.delete(d.name);
  d.parent = newParent;
  d.name = newName;
  (newParent.children ??= new Map()).set(newName, d);
}
