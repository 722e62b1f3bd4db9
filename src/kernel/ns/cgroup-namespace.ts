// cgroup namespaces: the cgroup that appears as `/` to processes inside (for /proc/<pid>/cgroup).
import { Namespace } from './namespace.js';
import type { UserNamespace } from './user-namespace.js';

/** The root path (in the host hierarchy) of this namespace's view, e.g. `/skiff/abc`. */
export class CgroupNamespace extends Namespace {
  readonly kind = 'cgroup' as const;
  constructor(inum: number, readonly owner: UserNamespace, readonly rootPath: string) {
    super(inum);
  }

  /** A host cgroup path as seen from inside: relative to the root, with `..` above it (Linux). */
  view(hostPath: string): string {
    return cgroupPathFrom(this.rootPath, hostPath);
  }

}

/** `path` relative to `root`: `/a/b` from `/a` is `/b`; `/` from `/a` is `/..`; `/c` from `/a/b` is `/../../c`. */
export function cgroupPathFrom(root: string, path: string): string {
  const r = root.split('/').filter(Boolean);
  const t = path.split('/').filter(Boolean);
  let i = 0;
  while (i < r.length && i < t.length && r[i] === t[i]) i++;
  return '/' + [...Array(r.length - i).fill('..'), ...t.slice(i)].join('/');
}
