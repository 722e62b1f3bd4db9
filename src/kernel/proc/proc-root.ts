// The root directory of one procfs mount: the system files, `self`, `thread-self`, `mounts`
// and one directory per process of the mount's PID namespace, numbered in that namespace.
import type { Process } from '../task/process.js';
import type { PidNamespace } from '../ns/pid-namespace.js';
import { computedSymlink, type PseudoDir, type PseudoNode } from '../fs/pseudo-node.js';
import { pidDir } from './pid-dir.js';
import { systemEntries } from './system-files.js';

/** The root of a procfs mount showing `ns`. */
export function procRoot(ns: PidNamespace): PseudoDir {
  const dirs = new WeakMap<Process, PseudoDir>();
  const dirOf = (p: Process): PseudoDir => {
    let d = dirs.get(p);
    if (!d) dirs.set(p, (d = pidDir(p, ns)));
    return d;
  };
  const fixed: Record<string, PseudoNode> = {
    ...systemEntries(ns),
    self: computedSymlink((ctx) => String(ctx.proc.pidIn(ns) || ''), 'self'),
    'thread-self': computedSymlink((ctx) => {
      const pid = ctx.proc.pidIn(ns);
      return pid ? `${pid}/task/${pid}` : '';
    }, 'thread-self'),
    mounts: computedSymlink(() => 'self/mounts', 'mounts'),
  };
  const fixedNames = Object.keys(fixed).sort();
  const visible = (pid: number): Process | undefined => {
    const p = ns.tasks.get(pid);
    return p && p.state !== 'dead' ? p : undefined;
  };
  return {
    kind: 'dir',
    mode: 0o555,
    *entries() {
      for (const name of fixedNames) yield [name, fixed[name]] as const;
      for (const pid of [...ns.tasks.keys()].sort((a, b) => a - b)) {
        const p = visible(pid);
        if (p) yield [String(pid), dirOf(p)] as const;
      }
    },
    lookup(name) {
      if (/^[1-9]\d*$/.test(name)) {
        const p = visible(Number(name));
        return p ? dirOf(p) : undefined;
      }
      return fixed[name];
    },
  };
}
