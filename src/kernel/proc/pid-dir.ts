// /proc/<pid>: the per-process directory of a procfs mount. Files are generated at open from
// the live process; PIDs are numbered in the mount's PID namespace, paths resolved against the
// reader's root, IDs shown in the reader's user namespace.
import { CAP, Errno, S } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import type { Process } from '../task/process.js';
import type { PidNamespace } from '../ns/pid-namespace.js';
import type { OpenFile } from '../vfs/open-file.js';
import { pathString } from '../vfs/mount.js';
import type { PseudoDir, PseudoFile, PseudoNode, PseudoSymlink } from '../fs/pseudo-node.js';
import { cgroupPathFrom, ownedBy } from './proc-util.js';
import { statText, statmText, statusText } from './pid-stat.js';
import { mountinfoText, mountsText } from './mounts.js';
import { nsDir } from './ns-dir.js';
import { mapText, setgroupsText, writeIdMap, writeSetgroups } from './id-map.js';

/** oom_score_adj values written by programs (runc writes it), per process. */
const oomScoreAdj = new WeakMap<Process, number>();

/** The oom_score_adj of a process (-1000…1000, default 0). */
export function oomScoreAdjOf(p: Process): number {
  return oomScoreAdj.get(p) ?? 0;
}

const nul = (list: string[]): string => list.map((s) => s + '\0').join('');

/** What /proc/<pid>/fd/<n> points to: a path, or `pipe:[ino]`-style for files without one. */
function fdTarget(ctx: SyscallContext, file: OpenFile): string {
  if (file.path) return pathString(file.path, ctx.proc.fs.root).path;
  const type = file.inode.mode & S.IFMT;
  if (type === S.IFIFO) return `pipe:[${file.inode.ino}]`;
  if (type === S.IFSOCK) return `socket:[${file.inode.ino}]`;
  return `anon_inode:[${file.inode.sb.type}]`;
}

/** Access-mode bits of an fd link (lr-x, l-wx or lrwx). */
function fdLinkMode(file: OpenFile): number {
  return (file.readable ? 0o500 : 0o100) | (file.writable ? 0o200 : 0);
}

/** May the reader change this process's files (comm, oom_score_adj): itself, or privileged over it. */
function mayModify(ctx: SyscallContext, p: Process): boolean {
  return ctx.proc === p || ctx.proc.cred.capableIn(p.cred.userns, CAP.SYS_RESOURCE);
}

function fdDir(p: Process): PseudoDir {
  const linkFor = (fd: number, file: OpenFile): PseudoSymlink => ownedBy(p, {
    kind: 'symlink' as const, mode: fdLinkMode(file), key: file, target: (ctx: SyscallContext) => fdTarget(ctx, file),
  });
  return ownedBy(p, {
    kind: 'dir' as const,
    mode: 0o500,
    entries: () => (p.alive ? p.files.fds().map((fd) => [String(fd), linkFor(fd, p.files.get(fd)!)] as const) : []),
    lookup: (name: string): PseudoNode | undefined => {
      if (!p.alive || !/^\d+$/.test(name)) return undefined;
      const file = p.files.get(Number(name));
      return file ? linkFor(Number(name), file) : undefined;
    },
  });
}

/**
 * The /proc/<pid> directory of `p` for a mount showing PID namespace `ns` (one object per
 * process and mount: its inodes stay while the process lives).
 */
export function pidDir(p: Process, ns: PidNamespace): PseudoDir {
  const file = (mode: number, read?: PseudoFile['read'], write?: PseudoFile['write']): PseudoFile =>
    ownedBy(p, { kind: 'file' as const, mode, read, write });
  const link = (target: (ctx: SyscallContext) => string): PseudoSymlink =>
    ownedBy(p, { kind: 'symlink' as const, mode: 0o777, target });
  const children: Record<string, PseudoNode> = {
    cgroup: file(0o444, (ctx) => `0::${cgroupPathFrom(ctx.proc.ns.cgroup.rootPath, p.cgroup.path)}\n`),
    cmdline: file(0o444, () => (p.alive ? nul(p.argv) : '')),
    comm: file(0o644, () => `${p.comm}\n`, (text, ctx) => {
      if (!mayModify(ctx, p)) return Errno.EACCES;
      p.comm = text.replace(/\n$/, '').slice(0, 15);
      return 0;
    }),
    cwd: link((ctx) => (p.alive ? pathString(p.fs.cwd, ctx.proc.fs.root).path : '')),
    environ: file(0o400, () => (p.alive ? nul(p.envp) : '')),
    exe: link(() => (p.alive ? p.exePath : '')),
    fd: fdDir(p),
    gid_map: file(0o644, () => mapText(p.cred.userns.gidMap), (text, ctx) => writeIdMap(ctx, p, 'gid', text)),
    mountinfo: file(0o444, () => mountinfoText(p)),
    mounts: file(0o444, () => mountsText(p)),
    ns: nsDir(p),
    oom_score: file(0o444, () => `${Math.max(0, Math.round((p.anonBytes / 4096) / 1000) + oomScoreAdjOf(p))}\n`),
    oom_score_adj: file(0o644, () => `${oomScoreAdjOf(p)}\n`, (text, ctx) => {
      const t = text.trim();
      if (!/^-?\d+$/.test(t) || Math.abs(Number(t)) > 1000) return Errno.EINVAL;
      if (Number(t) < oomScoreAdjOf(p) && !ctx.proc.cred.capableIn(p.cred.userns, CAP.SYS_RESOURCE)) return Errno.EACCES;
      oomScoreAdj.set(p, Number(t));
      return 0;
    }),
    root: link((ctx) => (p.alive ? pathString(p.fs.root, ctx.proc.fs.root).path : '')),
    setgroups: file(0o644, () => setgroupsText(p), (text, ctx) => writeSetgroups(ctx, p, text)),
    stat: file(0o444, (ctx) => statText(ctx, p, ns)),
    statm: file(0o444, () => statmText(p)),
    status: file(0o444, (ctx) => statusText(ctx, p, ns)),
    uid_map: file(0o644, () => mapText(p.cred.userns.uidMap), (text, ctx) => writeIdMap(ctx, p, 'uid', text)),
  };
  const task: PseudoDir = ownedBy(p, {
    kind: 'dir' as const,
    mode: 0o555,
    entries: () => [[String(p.pidIn(ns)), dir] as const],
    lookup: (name: string) => (name === String(p.pidIn(ns)) ? dir : undefined),
  });
  children.task = task;
  const names = Object.keys(children).sort();
  const dir: PseudoDir = ownedBy(p, {
    kind: 'dir' as const,
    mode: 0o555,
    key: p,
    entries: () => names.map((n) => [n, children[n]] as const),
    lookup: (name: string) => children[name],
  });
  return dir;
}
