// The cgroup2 filesystem: each cgroup a directory of interface files plus its child cgroups;
// mkdir/rmdir create and remove cgroups. Mounted from inside a cgroup namespace it shows that
// namespace's root cgroup as its root. Built on the VFS's pseudo-fs node API.
import { Errno, type SysResult } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import type { Kernel } from '../kernel.js';
import { pseudoFsType } from '../fs/pseudo-fs.js';
import type { PseudoDir, PseudoFile, PseudoNode } from '../fs/pseudo-node.js';
import type { FileSystemType } from '../vfs/fs-type-registry.js';
import { actorGid, actorUid } from '../vfs/permission.js';
import type { Cgroup } from './cgroup.js';
import type { CgroupHierarchy } from './hierarchy.js';
import { filesOf, type CgroupFileSpec } from './interface-files.js';

/** The hierarchy of each kernel that installed cgroups (filesystem types are global). */
const hierarchies = new WeakMap<Kernel, CgroupHierarchy>();

/** Makes `h` the hierarchy that cgroup2 mounts of `kernel` show. */
export function registerHierarchy(kernel: Kernel, h: CgroupHierarchy): void {
  hierarchies.set(kernel, h);
}

/** The hierarchy of `kernel`, if installed. */
export function hierarchyOf(kernel: Kernel): CgroupHierarchy | undefined {
  return hierarchies.get(kernel);
}

const dirNodes = new WeakMap<Cgroup, PseudoDir>();
const fileNodes = new WeakMap<Cgroup, Map<string, PseudoFile>>();

function fileNode(h: CgroupHierarchy, cg: Cgroup, spec: CgroupFileSpec): PseudoFile {
  let map = fileNodes.get(cg);
  if (!map) fileNodes.set(cg, (map = new Map()));
  let node = map.get(spec.name);
  if (!node) {
    node = {
      kind: 'file',
      mode: spec.mode ?? (spec.write ? 0o644 : 0o444),
      uid: cg.uid,
      gid: cg.gid,
      read: spec.read ? (ctx: SyscallContext) => spec.read!(cg, h, ctx) : undefined,
      write: spec.write ? (text: string, ctx: SyscallContext) => (cg.removed ? Errno.ENODEV : spec.write!(cg, text, h, ctx)) : undefined,
    };
    map.set(spec.name, node);
  }
  return node;
}

/** The directory node of `cg` (one object per cgroup, so its inode stays put). */
export function cgroupDir(h: CgroupHierarchy, cg: Cgroup): PseudoDir {
  let dir = dirNodes.get(cg);
  if (dir) return dir;
  const lookup = (name: string): PseudoNode | undefined => {
    const child = cg.children.get(name);
    if (child) return cgroupDir(h, child);
    const spec = filesOf(cg).find((f) => f.name === name);
    return spec ? fileNode(h, cg, spec) : undefined;
  };
  dir = {
    kind: 'dir',
    mode: 0o755,
    uid: cg.uid,
    gid: cg.gid,
    key: cg,
    *entries() {
      for (const spec of filesOf(cg)) yield [spec.name, fileNode(h, cg, spec)] as const;
      for (const [name, child] of cg.children) yield [name, cgroupDir(h, child)] as const;
    },
    lookup,
    mkdir(name: string, _mode: number, ctx: SyscallContext): SysResult<void> {
      const cred = ctx.proc.cred;
      const r = h.mkdir(cg, name, actorUid(cred), actorGid(cred));
      return typeof r === 'number' ? { ok: false, errno: r } : { ok: true, value: undefined };
    },
    rmdir(name: string): SysResult<void> {
      const child = cg.children.get(name);
      if (!child) return lookup(name) ? { ok: false, errno: Errno.ENOTDIR } : { ok: false, errno: Errno.ENOENT };
      const e = h.rmdir(child);
      return e ? { ok: false, errno: e } : { ok: true, value: undefined };
    },
  };
  dirNodes.set(cg, dir);
  return dir;
}

/**
 * The `cgroup2` filesystem type. A mount shows the mounter's cgroup-namespace root; ENODEV
 * when the kernel has no cgroup hierarchy installed.
 */
export const cgroup2FsType: FileSystemType = pseudoFsType('cgroup2', (req) => {
  const ctx = req.ctx;
  const h = ctx ? hierarchies.get(ctx.kernel) : undefined;
  if (!ctx || !h) return { ok: false, errno: Errno.ENODEV };
  const root = h.lookup(ctx.proc.ns.cgroup.rootPath) ?? h.root;
  return { ok: true, value: cgroupDir(h, root) };
}, true);
