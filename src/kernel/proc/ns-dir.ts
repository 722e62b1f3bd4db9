// /proc/<pid>/ns: one link per namespace kind, reading `pid:[4026531836]`. The link target is
// relative, and the directory also answers a lookup of that very name (hidden from readdir)
// with a file standing for the namespace, so open("/proc/<pid>/ns/net") gives an fd that
// setns(2) accepts (nsOfFile) without magic links in path resolution.
import type { Process } from '../task/process.js';
import type { Namespace } from '../ns/namespace.js';
import type { OpenFile } from '../vfs/open-file.js';
import { PseudoInode } from '../fs/pseudo-fs.js';
import type { PseudoDir, PseudoFile, PseudoNode } from '../fs/pseudo-node.js';
import { ownedBy } from './proc-util.js';

/** The initial time namespace's inode number (skiff has no time namespaces). */
const TIME_NS_INUM = 4026531834;

/** Namespace files handed out, so setns can tell them from other files. */
const nsFiles = new WeakMap<PseudoNode, Namespace>();
const nsFileCache = new WeakMap<Namespace, PseudoFile>();

/** The namespace an open file stands for (an fd of /proc/<pid>/ns/<kind>), if any. */
export function nsOfFile(file: OpenFile): Namespace | undefined {
  return file.inode instanceof PseudoInode ? nsFiles.get(file.inode.node) : undefined;
}

function nsFile(ns: Namespace): PseudoFile {
  let node = nsFileCache.get(ns);
  if (!node) {
    node = { kind: 'file', mode: 0o444, key: ns, read: () => '' };
    nsFiles.set(node, ns);
    nsFileCache.set(ns, node);
  }
  return node;
}

/** The namespaces of `p` by link name. */
function links(p: Process): [string, Namespace | string][] {
  const ns = p.ns;
  return [
    ['cgroup', ns.cgroup], ['ipc', ns.ipc], ['mnt', ns.mnt], ['net', ns.net], ['pid', ns.pid],
    ['pid_for_children', ns.pidForChildren], ['time', `time:[${TIME_NS_INUM}]`],
    ['time_for_children', `time:[${TIME_NS_INUM}]`], ['user', ns.user], ['uts', ns.uts],
  ];
}

/** The ns directory of process `p`. */
export function nsDir(p: Process): PseudoDir {
  const linkNode = (name: string): PseudoNode => ownedBy(p, {
    kind: 'symlink' as const,
    mode: 0o777,
    key: `ns:${name}`,
    target: () => {
      const e = links(p).find(([n]) => n === name)![1];
      return typeof e === 'string' ? e : e.linkText;
    },
  });
  return ownedBy(p, {
    kind: 'dir' as const,
    mode: 0o511,
    entries: () => (p.alive ? links(p).map(([name]) => [name, linkNode(name)] as const) : []),
    lookup: (name: string): PseudoNode | undefined => {
      if (!p.alive) return undefined;
      for (const [n, e] of links(p)) {
        if (n === name) return linkNode(name);
        if (typeof e !== 'string' && e.linkText === name) return nsFile(e);
      }
      return undefined;
    },
  });
}
