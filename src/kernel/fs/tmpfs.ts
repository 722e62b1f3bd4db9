// tmpfs: a memory filesystem with a size= limit (ENOSPC, counted in 4 KiB pages) and
// mode=/uid=/gid= options for its root. Inodes, and the charging of their pages as memory, are
// in tmpfs-inode.ts.
import { Errno, S, type SysResult } from '../../abi/index.js';
import { SuperBlock } from '../vfs/super-block.js';
import type { FileSystemType, MountRequest } from '../vfs/fs-type-registry.js';
import type { Clock } from '../vfs/kernel-services.js';
import { TmpfsInode } from './tmpfs-inode.js';
import { parseId, parseMountOptions, parseOctal, parseSize } from './mount-options.js';

const PAGE = 4096;
const pages = (bytes: number): number => Math.ceil(bytes / PAGE);

/** A tmpfs instance: page accounting against the size limit. */
export class TmpfsSuperBlock extends SuperBlock {
  /** Page limit (Infinity = unlimited, as size=0). */
  limitPages = Infinity;
  usedPages = 0;
  rootMode = 0o1777;
  rootUid = 0;
  rootGid = 0;

  constructor(clock: Clock, source: string, type = 'tmpfs') {
    super(type, clock, source);
  }

  /** The largest file end a file of `size` bytes may grow to with the space left. */
  maxEnd(size: number): number {
    return this.limitPages === Infinity ? Infinity : (pages(size) + this.limitPages - this.usedPages) * PAGE;
  }

  /**
   * Accounts a file going from `oldSize` to `newSize` bytes. An unlinked file still open keeps
   * its pages (df shows them until the last close, as on Linux).
   */
  charge(oldSize: number, newSize: number): void {
    this.usedPages += pages(newSize) - pages(oldSize);
  }

  override options(): string {
    const out: string[] = [];
    if (this.limitPages !== Infinity) out.push(`size=${(this.limitPages * PAGE) / 1024}k`);
    if (this.rootMode !== 0o1777) out.push(`mode=${this.rootMode.toString(8).padStart(3, '0')}`);
    if (this.rootUid !== 0) out.push(`uid=${this.rootUid}`);
    if (this.rootGid !== 0) out.push(`gid=${this.rootGid}`);
    return out.join(',');
  }

  /** Remount: size= may change (EINVAL below what is in use); other options are ignored. */
  override remount(data: string): SysResult<void> {
    const opts = parseMountOptions(data);
    const size = opts.get('size');
    if (size !== undefined) {
      const limit = sizeLimit(size);
      if (!limit.ok) return limit;
      if (limit.value < this.usedPages) return { ok: false, errno: Errno.EINVAL };
      this.limitPages = limit.value;
    }
    return { ok: true, value: undefined };
  }

  /** The root directory inode. */
  get rootInode(): TmpfsInode {
    return this.root.inode as TmpfsInode;
  }
}

function sizeLimit(text: string): SysResult<number> {
  if (text.endsWith('%')) return { ok: true, value: Infinity }; // share of RAM: not modelled
  const bytes = parseSize(text);
  if (!bytes.ok) return bytes;
  return { ok: true, value: bytes.value === 0 ? Infinity : pages(bytes.value) };
}

/**
 * Makes a tmpfs superblock from mount options. Options: size=N[kmg]|N%, nr_blocks=N,
 * mode=OCTAL, uid=N, gid=N (in the mounter's user namespace), nr_inodes/inode64/huge/mpol
 * (accepted, ignored). Errors: EINVAL (unknown option or bad value, unmapped uid/gid).
 */
export function makeTmpfs(req: MountRequest, type = 'tmpfs'): SysResult<TmpfsSuperBlock> {
  const sb = new TmpfsSuperBlock(req.clock, req.source, type);
  for (const [key, value] of parseMountOptions(req.data)) {
    switch (key) {
      case 'size': {
        const r = sizeLimit(value);
        if (!r.ok) return r;
        sb.limitPages = r.value;
        break;
      }
      case 'nr_blocks': {
        const r = parseId(value);
        if (!r.ok) return r;
        sb.limitPages = r.value === 0 ? Infinity : r.value;
        break;
      }
      case 'mode': {
        const r = parseOctal(value);
        if (!r.ok) return r;
        sb.rootMode = r.value;
        break;
      }
      case 'uid': case 'gid': {
        const r = parseId(value);
        if (!r.ok) return r;
        const host = key === 'uid' ? req.userns.uidToHost(r.value) : req.userns.gidToHost(r.value);
        if (host < 0) return { ok: false, errno: Errno.EINVAL };
        if (key === 'uid') sb.rootUid = host;
        else sb.rootGid = host;
        break;
      }
      case 'nr_inodes': case 'inode64': case 'inode32': case 'huge': case 'mpol': case 'noswap':
      case 'rw': case 'ro': case 'nosuid': case 'nodev': case 'noexec': case 'relatime': case 'strictatime':
        break;
      default:
        return { ok: false, errno: Errno.EINVAL };
    }
  }
  sb.setRoot(new TmpfsInode(sb, S.IFDIR | sb.rootMode, sb.rootUid, sb.rootGid));
  return { ok: true, value: sb };
}

/** The tmpfs filesystem type (mountable inside user namespaces). */
export const tmpfsType: FileSystemType = {
  name: 'tmpfs',
  usernsMount: true,
  mount: (req) => makeTmpfs(req),
};
