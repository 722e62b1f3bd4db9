// cgroup namespaces: the cgroup that appears as `/` to processes inside (for /proc/<pid>/cgroup).
import { Namespace } from './namespace.js';
import type { UserNamespace } from './user-namespace.js';

/** The root path (in the host hierarchy) of this namespace's view, e.g. `/skiff/abc`. */
export class CgroupNamespace extends Namespace {
  readonly kind = 'cgroup' as const;
  constructor(inum: number, readonly owner: UserNamespace, readonly rootPath: string) {
    super(inum);
  }

  /** A host cgroup path as seen from inside: relative to the root, `/..` style above it. */
  view(hostPath: string): string {
    if (this.rootPath === '/') return hostPath;
    if (hostPath === this.rootPath) return '/';
    if (hostPath.startsWith(this.rootPath + '/')) return hostPath.slice(this.rootPath.length);
    const up = this.rootPath.split('/').filter(Boolean).length;
    return '/' + Array(up).fill('..').join('/') + hostPath;
  }
}
