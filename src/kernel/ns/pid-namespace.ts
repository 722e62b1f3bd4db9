// PID namespaces: nested; a process has a PID in its own namespace and in every ancestor.
// PID 1 of a namespace is its init: orphans are re-parented to it and its death kills the rest.
import { Namespace } from './namespace.js';
import type { UserNamespace } from './user-namespace.js';
import type { Process } from '../task/process.js';

export class PidNamespace extends Namespace {
  readonly kind = 'pid' as const;
  readonly level: number;
  /** PID → process, for the processes visible in this namespace (its own and descendants'). */
  readonly tasks = new Map<number, Process>();
  private nextPid = 1;
  /** The namespace's PID 1, once it exists. */
  init?: Process;
  /** Set when init has died: no new processes may enter (fork fails with ENOMEM, as in Linux). */
  dead = false;

  constructor(inum: number, readonly parent: PidNamespace | undefined, readonly owner: UserNamespace) {
    super(inum);
    this.level = parent ? parent.level + 1 : 0;
  }

  /** Allocates the next free PID (Linux wraps at pid_max; skiff never needs to). */
  allocate(): number {
    while (this.tasks.has(this.nextPid)) this.nextPid++;
    return this.nextPid++;
  }

  /** This namespace and its ancestors, innermost first. */
  *chain(): Generator<PidNamespace> {
    for (let ns: PidNamespace | undefined = this; ns; ns = ns.parent) yield ns;
  }

  /** Is `other` this namespace or one of its descendants? */
  contains(other: PidNamespace): boolean {
    for (const ns of other.chain()) if (ns === this) return true;
    return false;
  }
}
