// devpts: the filesystem of pty slaves. Every mount is a new instance (Linux's `newinstance`,
// the only behaviour since 4.7) numbering its own pairs from 0. It holds `ptmx` (char 5,2;
// opening it makes a pair) and, while a pair's master is open, the slave `N` (char 136,N).
// Options: newinstance, ptmxmode=, mode=, gid=, uid=, max=.
import { Errno, S, dtFromMode, fail, makedev, ok, type SysResult } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import { AnonInode, Inode, type DirEntry } from '../vfs/inode.js';
import { SuperBlock } from '../vfs/super-block.js';
import type { FileSystemType, MountRequest } from '../vfs/fs-type-registry.js';
import type { Clock } from '../vfs/kernel-services.js';
import { actorGid, actorUid } from '../vfs/permission.js';
import { parseId, parseMountOptions, parseOctal } from '../fs/mount-options.js';
import { Tty, type PtyHome } from './tty.js';

/** Major of the pty slaves (UNIX98_PTY_SLAVE_MAJOR). */
export const PTY_SLAVE_MAJOR = 136;
/** /dev/ptmx and <devpts>/ptmx: char 5,2. */
export const PTMX_DEV = makedev(5, 2);
/** Linux's kernel.pty.max default. */
const DEFAULT_MAX = 4096;

/** A slave node: char 136,N owned by the process that opened the master. */
export class DevptsSlaveInode extends Inode {
  constructor(sb: DevptsSuperBlock, readonly tty: Tty, mode: number, uid: number, gid: number) {
    super(sb, sb.allocIno(), S.IFCHR | mode, uid, gid);
    this.rdev = makedev(PTY_SLAVE_MAJOR, tty.index);
  }
}

/** The root directory: `ptmx` plus the visible slaves. */
class DevptsRootInode extends Inode {
  constructor(private readonly devpts: DevptsSuperBlock) {
    super(devpts, devpts.allocIno(), S.IFDIR | 0o755, 0, 0);
    this.nlink = 2;
  }

  override lookup(name: string): Inode | undefined {
    if (name === 'ptmx') return this.devpts.ptmx;
    if (!/^(0|[1-9]\d*)$/.test(name)) return undefined;
    return this.devpts.slaveNode(Number(name));
  }

  override readdir(): Iterable<DirEntry> {
    const out: DirEntry[] = [{ name: 'ptmx', ino: this.devpts.ptmx.ino, type: dtFromMode(this.devpts.ptmx.mode) }];
    for (const index of [...this.devpts.visible.keys()].sort((a, b) => a - b)) {
      const node = this.devpts.visible.get(index)!;
      out.push({ name: String(index), ino: node.ino, type: dtFromMode(node.mode) });
    }
    return out;
  }
}

/** One devpts instance. */
export class DevptsSuperBlock extends SuperBlock implements PtyHome {
  /** Mode of new slaves (mode=, default 0600). */
  slaveMode = 0o600;
  /** Group of new slaves as a host gid (gid=), or the opener's group. */
  slaveGid: number | undefined;
  /** Owner of new slaves as a host uid (uid=), or the opener. */
  slaveUid: number | undefined;
  max = DEFAULT_MAX;
  /** Pairs by number, until both ends are closed. */
  readonly ptys = new Map<number, Tty>();
  /** Slave nodes in the directory (a pair's node goes when its master closes). */
  readonly visible = new Map<number, DevptsSlaveInode>();
  ptmx!: Inode;
  private shownOptions = { gid: false, uid: false };

  constructor(clock: Clock, source: string) {
    super('devpts', clock, source);
    this.volatile = true;
  }

  slaveNode(index: number): DevptsSlaveInode | undefined {
    return this.visible.get(index);
  }

  /**
   * Makes a new pair (ptmx open): the lowest free number, a locked slave node owned by the
   * caller. Errors: ENOSPC (max= pairs exist).
   */
  allocate(ctx: SyscallContext): SysResult<Tty> {
    let index = 0;
    while (this.ptys.has(index)) index++;
    if (index >= this.max) return fail(Errno.ENOSPC);
    const tty = new Tty(ctx.kernel, this, index);
    const cred = ctx.proc.cred;
    const node = new DevptsSlaveInode(this, tty, this.slaveMode, this.slaveUid ?? actorUid(cred), this.slaveGid ?? actorGid(cred));
    tty.slaveInode = node;
    this.ptys.set(index, tty);
    this.visible.set(index, node);
    return ok(tty);
  }

  hideSlave(tty: Tty): void {
    if (this.visible.get(tty.index)?.tty === tty) this.visible.delete(tty.index);
  }

  release(tty: Tty): void {
    this.hideSlave(tty);
    if (this.ptys.get(tty.index) === tty) this.ptys.delete(tty.index);
  }

  override options(): string {
    const out: string[] = [];
    if (this.shownOptions.uid) out.push(`uid=${this.slaveUid}`);
    if (this.shownOptions.gid) out.push(`gid=${this.slaveGid}`);
    out.push(`mode=${octal3(this.slaveMode)}`, `ptmxmode=${octal3(this.ptmx.mode & 0o7777)}`);
    return out.join(',');
  }

  /** Parses mount options into this instance. Errors: EINVAL. */
  configure(req: MountRequest): SysResult<number> {
    let ptmxMode = 0;
    for (const [key, value] of parseMountOptions(req.data)) {
      switch (key) {
        case 'newinstance': break;
        case 'mode': case 'ptmxmode': {
          const r = parseOctal(value);
          if (!r.ok) return r;
          if (key === 'mode') this.slaveMode = r.value & 0o777;
          else ptmxMode = r.value & 0o777;
          break;
        }
        case 'uid': case 'gid': {
          const r = parseId(value);
          if (!r.ok) return r;
          const host = key === 'uid' ? req.userns.uidToHost(r.value) : req.userns.gidToHost(r.value);
          if (host < 0) return fail(Errno.EINVAL);
          if (key === 'uid') this.slaveUid = host;
          else this.slaveGid = host;
          this.shownOptions[key] = true;
          break;
        }
        case 'max': {
          const r = parseId(value);
          if (!r.ok) return r;
          this.max = Math.min(r.value, DEFAULT_MAX);
          break;
        }
        case 'rw': case 'ro': case 'nosuid': case 'noexec': case 'relatime': break;
        default: return fail(Errno.EINVAL);
      }
    }
    return ok(ptmxMode);
  }
}

const octal3 = (n: number): string => n.toString(8).padStart(3, '0');

/** Mounts a new devpts instance. Errors: EINVAL (bad options). */
export function makeDevpts(req: MountRequest): SysResult<DevptsSuperBlock> {
  const sb = new DevptsSuperBlock(req.clock, req.source);
  const r = sb.configure(req);
  if (!r.ok) return r;
  sb.setRoot(new DevptsRootInode(sb));
  const ptmx = new AnonInode(sb, sb.allocIno(), S.IFCHR | r.value, 0, 0);
  ptmx.rdev = PTMX_DEV;
  sb.ptmx = ptmx;
  return ok(sb);
}

/** The devpts filesystem type (mountable in user namespaces, as Linux's FS_USERNS_MOUNT). */
export const devptsType: FileSystemType = {
  name: 'devpts',
  usernsMount: true,
  mount: makeDevpts,
};
