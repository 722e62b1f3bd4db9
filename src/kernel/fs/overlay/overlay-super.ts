// An overlay filesystem instance: the layers of one mount (shared lower stack, private upper
// and work directories), the map that keeps hard links on one overlay inode, and the inode
// numbering that keeps st_ino stable across copy-up. Inodes are in overlay-inode.ts.
import type { SyscallContext } from '../../syscall-table.js';
import type { Inode } from '../../vfs/inode.js';
import type { Dentry } from '../../vfs/dentry.js';
import type { Clock } from '../../vfs/kernel-services.js';
import { SuperBlock } from '../../vfs/super-block.js';
import type { LowerEntry, LowerStack } from './lower-stack.js';
import { escapeOptionPath } from './overlay-options.js';
import { isOpaqueDir } from './whiteout.js';

/**
 * Upper inode → the lower inode it was copied up from (Linux keeps this in the
 * trusted.overlay.origin xattr). Lets a copied-up file keep its inode number.
 */
export const copyUpOrigin = new WeakMap<Inode, Inode>();

/** Real filesystems per overlay: inode numbers are `real ino * INO_SPAN + fs index`. */
const INO_SPAN = 1024;

/** The layers an overlay superblock is built on. */
export interface OverlayLayers {
  stack: LowerStack;
  /** Real upper and work directories (absent for a read-only, lowerdir-only mount). */
  upper?: Dentry;
  work?: Dentry;
  /** The option paths, as given, for mountinfo. */
  lowerdirs: string[];
  upperdir?: string;
  workdir?: string;
}

export class OverlaySuperBlock extends SuperBlock {
  /**
   * Non-directory real inodes (upper, or lower for files not yet copied up) → the overlay inode
   * showing them, so every name of a hard-linked file is the same overlay inode.
   */
  readonly byReal = new WeakMap<Inode, object>();
  private readonly fsIndex = new Map<SuperBlock, number>();

  constructor(clock: Clock, source: string, readonly layers: OverlayLayers) {
    super('overlay', clock, source);
  }

  /** The real upper root directory. */
  get upper(): Inode | undefined {
    return this.layers.upper?.inode;
  }

  /** The overlay inode number of real inode `real` (stable: real inodes keep theirs). */
  inoOf(real: Inode): number {
    let idx = this.fsIndex.get(real.sb);
    if (idx === undefined) this.fsIndex.set(real.sb, (idx = this.fsIndex.size));
    return real.ino * INO_SPAN + idx;
  }

  /**
   * The real inode whose number a merged entry shows: the lower one for entries that come from
   * a lower layer (copied up, or a merged directory), the upper one for entries made in upper.
   */
  originOf(up: Inode | undefined, low: LowerEntry | undefined, ctx: SyscallContext): Inode {
    if (up === undefined) return low!.inode;
    if (up.isDir) return low !== undefined && low.dir !== undefined && !isOpaqueDir(up, ctx) ? low.inode : up;
    return copyUpOrigin.get(up) ?? up;
  }

  override options(): string {
    const l = this.layers;
    let s = `lowerdir=${l.lowerdirs.map(escapeOptionPath).join(':')}`;
    if (l.upperdir !== undefined) s += `,upperdir=${escapeOptionPath(l.upperdir)},workdir=${escapeOptionPath(l.workdir ?? '')}`;
    return s;
  }

  override sync(): void {
    this.layers.upper?.inode.sb.sync();
  }
}
