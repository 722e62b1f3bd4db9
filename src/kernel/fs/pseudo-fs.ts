// Synthetic filesystems built from a PseudoNode tree (pseudo-node.ts documents the node API):
// inodes are made on lookup and kept while the node's key stays the same; file content is a
// snapshot taken at open; writes go to the node's handler. procfs and cgroup2 use this.
//
// Building one:   const type = pseudoFsType('proc', (req) => ({ ok: true, value: rootDir(req) }), true);
//                 fileSystems.register(type);   // then mount("proc", "/proc", "proc", 0, "")
import { Errno, S, dtFromMode, type SysResult } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import { Inode, type DirEntry, type InodeAttrs } from '../vfs/inode.js';
import { SuperBlock } from '../vfs/super-block.js';
import type { FileOps, OpenFile } from '../vfs/open-file.js';
import { dirFileOps } from '../vfs/dir-file-ops.js';
import type { FileSystemType, MountRequest } from '../vfs/fs-type-registry.js';
import type { PseudoDir, PseudoFile, PseudoNode } from './pseudo-node.js';

const TYPE_BITS = { dir: S.IFDIR, file: S.IFREG, symlink: S.IFLNK } as const;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An inode standing for a PseudoNode. */
export class PseudoInode extends Inode {
  /** Inodes of children seen so far, by name (identity across lookups). */
  private readonly known = new Map<string, PseudoInode>();
  /** chmod/chown/utimes happened: keep the inode's attributes instead of the node's. */
  private overridden = false;

  constructor(sb: SuperBlock, public node: PseudoNode) {
    super(sb, sb.allocIno(), TYPE_BITS[node.kind] | (node.mode & 0o7777), node.uid ?? 0, node.gid ?? 0);
    if (node.kind === 'dir') this.nlink = 2;
  }

  private get dir(): PseudoDir {
    return this.node as PseudoDir;
  }

  /** The inode for child `name` described by `node`, reusing the known one if the key matches. */
  private inodeFor(name: string, node: PseudoNode): PseudoInode {
    const known = this.known.get(name);
    if (known && known.node.kind === node.kind && (known.node.key ?? known.node) === (node.key ?? node)) {
      known.refresh(node);
      return known;
    }
    const inode = new PseudoInode(this.sb, node);
    this.known.set(name, inode);
    return inode;
  }

  private refresh(node: PseudoNode): void {
    this.node = node;
    if (this.overridden) return;
    this.mode = TYPE_BITS[node.kind] | (node.mode & 0o7777);
    this.uid = node.uid ?? 0;
    this.gid = node.gid ?? 0;
  }

  override lookup(name: string, ctx: SyscallContext): Inode | undefined {
    const dir = this.dir;
    let node: PseudoNode | undefined;
    if (dir.lookup) node = dir.lookup(name, ctx);
    else for (const [n, child] of dir.entries(ctx)) if (n === name) { node = child; break; }
    if (!node) {
      this.known.delete(name);
      return undefined;
    }
    return this.inodeFor(name, node);
  }

  override readdir(ctx: SyscallContext): Iterable<DirEntry> {
    const out: DirEntry[] = [];
    const seen = new Set<string>();
    for (const [name, node] of this.dir.entries(ctx)) {
      const inode = this.inodeFor(name, node);
      seen.add(name);
      out.push({ name, ino: inode.ino, type: dtFromMode(inode.mode) });
    }
    for (const name of [...this.known.keys()]) if (!seen.has(name)) this.known.delete(name);
    return out;
  }

  /** Pseudo directories leave emptiness to their rmdir handler (a cgroup always has files). */
  override isEmptyDir(): boolean {
    return true;
  }

  override create(name: string, mode: number, _rdev: number, _uid: number, _gid: number, ctx: SyscallContext): SysResult<Inode> {
    const dir = this.dir;
    if ((mode & S.IFMT) !== S.IFDIR || !dir.mkdir) return { ok: false, errno: Errno.EPERM };
    const r = dir.mkdir(name, mode & 0o7777, ctx);
    if (!r.ok) return r;
    const inode = this.lookup(name, ctx);
    if (!inode) return { ok: false, errno: Errno.EIO };
    this.nlink++;
    return { ok: true, value: inode };
  }

  override rmdir(name: string, _child: Inode, ctx: SyscallContext): SysResult<void> {
    const dir = this.dir;
    if (!dir.rmdir) return { ok: false, errno: Errno.EPERM };
    const r = dir.rmdir(name, ctx);
    if (r.ok) {
      this.known.delete(name);
      this.nlink--;
    }
    return r;
  }

  override readlink(ctx: SyscallContext): SysResult<string> {
    return this.node.kind === 'symlink' ? { ok: true, value: this.node.target(ctx) } : { ok: false, errno: Errno.EINVAL };
  }

  override open(file: OpenFile, ctx: SyscallContext): SysResult<FileOps> {
    if (this.node.kind === 'dir') return { ok: true, value: dirFileOps };
    if (this.node.kind !== 'file') return { ok: false, errno: Errno.ENXIO };
    const node = this.node;
    if ((file.readable && !node.read) || (file.writable && !node.write)) return { ok: false, errno: Errno.EACCES };
    if (file.readable) file.private = snapshot(node, ctx);
    return { ok: true, value: pseudoFileOps };
  }

  override setattr(attrs: InodeAttrs, ctx: SyscallContext): SysResult<void> {
    this.overridden = true;
    return super.setattr(attrs, ctx);
  }

  override truncate(): SysResult<void> {
    return { ok: true, value: undefined }; // O_TRUNC on a pseudo file is a no-op, as in proc and cgroupfs
  }
}

function snapshot(node: PseudoFile, ctx: SyscallContext): Uint8Array {
  const content = node.read!(ctx);
  return typeof content === 'string' ? encoder.encode(content) : content;
}

/** Reads serve the snapshot; each write calls the node's handler. */
const pseudoFileOps: FileOps = {
  read(file, ctx, count, pos) {
    let snap = file.private as Uint8Array | undefined;
    if (!snap) file.private = snap = snapshot((file.inode as PseudoInode).node as PseudoFile, ctx);
    return { ok: true, value: pos >= snap.length ? new Uint8Array(0) : snap.slice(pos, pos + count) };
  },
  write(file, ctx, data) {
    const node = (file.inode as PseudoInode).node as PseudoFile;
    if (!node.write) return { ok: false, errno: Errno.EINVAL };
    const errno = node.write(decoder.decode(data), ctx, data);
    return errno ? { ok: false, errno } : { ok: true, value: data.length };
  },
  seeked(file) {
    if (file.pos === 0) file.private = undefined;
  },
};

/** A superblock whose root is `root`. Dentries are revalidated on every walk (sb.volatile). */
export function makePseudoFs(req: MountRequest, type: string, root: PseudoDir): SuperBlock {
  const sb = new SuperBlock(type, req.clock, req.source);
  sb.volatile = true;
  sb.setRoot(new PseudoInode(sb, root));
  return sb;
}

/**
 * A filesystem type whose mounts show the tree `makeRoot(req)` returns (called once per
 * mount: e.g. procfs picks the mounter's PID namespace from req.ctx). Errors from makeRoot
 * fail the mount.
 */
export function pseudoFsType(name: string, makeRoot: (req: MountRequest) => SysResult<PseudoDir>, usernsMount = false): FileSystemType {
  return {
    name,
    usernsMount,
    mount(req) {
      const root = makeRoot(req);
      return root.ok ? { ok: true, value: makePseudoFs(req, name, root.value) } : root;
    },
  };
}
