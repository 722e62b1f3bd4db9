// One cgroup v2 node: its place in the tree, member processes, enabled controllers, the
// configuration written to its interface files and the statistics they show. Behaviour
// (moving processes, limits, the OOM killer) lives in hierarchy.ts and the controller files.
import type { CgroupRef, Process } from '../task/process.js';

/** The controllers skiff implements, in the order cgroup.controllers lists them. */
export const CONTROLLERS = ['cpuset', 'cpu', 'io', 'memory', 'pids'] as const;
export type Controller = (typeof CONTROLLERS)[number];

/** memory.events counters. */
export interface MemoryEvents {
  low: number;
  high: number;
  max: number;
  oom: number;
  oom_kill: number;
  oom_group_kill: number;
}

/** io.stat counters of one device. */
export interface IoStat {
  rbytes: number;
  wbytes: number;
  rios: number;
  wios: number;
  dbytes: number;
  dios: number;
}

const noEvents = (): MemoryEvents => ({ low: 0, high: 0, max: 0, oom: 0, oom_kill: 0, oom_group_kill: 0 });

/** A cgroup. `path` is its host path (`/` for the root). */
export class Cgroup implements CgroupRef {
  readonly children = new Map<string, Cgroup>();
  /** Member processes (zombies stay until reaped). */
  readonly procs = new Set<Process>();
  /** Controllers enabled for the children (cgroup.subtree_control). */
  readonly subtreeControl = new Set<Controller>();
  /** Removed by rmdir (zombies may still point at it). */
  removed = false;
  /** Owner of the directory and its files (host IDs): the creator, as cgroup_kn_set_ugid does. */
  uid = 0;
  gid = 0;
  readonly depth: number;

  // cgroup core
  freeze = false;
  maxDepth = Infinity;
  maxDescendants = Infinity;

  // cpu
  weight = 100;
  /** cpu.max quota in µs (Infinity = max) and period in µs. */
  quotaUs = Infinity;
  periodUs = 100_000;
  burstUs = 0;
  /** CPU time used by the subtree, ns (cpu.stat). */
  usageNs = 0;
  userNs = 0;
  systemNs = 0;
  nrPeriods = 0;
  nrThrottled = 0;
  throttledNs = 0;

  // cpuset: undefined = not set (inherit)
  cpus?: number[];
  mems = '';

  // memory (bytes; Infinity = max)
  memMin = 0;
  memLow = 0;
  memHigh = Infinity;
  memMax = Infinity;
  swapMax = Infinity;
  oomGroup = false;
  /** Bytes charged to the subtree: anonymous memory and file pages. */
  memCurrent = 0;
  /**
   * Of memCurrent, the file pages of memory filesystems (tmpfs, overlay upper layers) the
   * subtree's processes wrote: memory.stat `file` and `shmem`. Charges of removed descendants
   * stay here (Linux reparents them).
   */
  memShmem = 0;
  memPeak = 0;
  /** Hierarchical (memory.events) and local (memory.events.local) counters. */
  readonly memEvents = noEvents();
  readonly memEventsLocal = noEvents();

  // pids
  pidsMax = Infinity;
  /** Tasks in the subtree (zombies included until reaped, as the pids controller counts). */
  pidsCurrent = 0;
  pidsPeak = 0;
  pidsEventsMax = 0;
  pidsEventsMaxLocal = 0;

  // io
  readonly io = new Map<string, IoStat>();
  ioWeight = 100;
  ioMax = new Map<string, string>();

  constructor(readonly name: string, readonly parent: Cgroup | undefined) {
    this.depth = parent ? parent.depth + 1 : 0;
  }

  /** The host path, e.g. `/docker/abc`. */
  get path(): string {
    if (!this.parent) return '/';
    const parentPath = this.parent.path;
    return (parentPath === '/' ? '' : parentPath) + '/' + this.name;
  }

  get isRoot(): boolean {
    return this.parent === undefined;
  }

  /** Is `controller` enabled for this cgroup (listed in its cgroup.controllers)? */
  has(controller: Controller): boolean {
    return this.parent ? this.parent.subtreeControl.has(controller) : true;
  }

  /** Is `controller` enabled here and not the root (so its limit files exist)? */
  limits(controller: Controller): boolean {
    return this.parent !== undefined && this.parent.subtreeControl.has(controller);
  }

  /** This cgroup and its ancestors, innermost first. */
  *ancestry(): Generator<Cgroup> {
    for (let c: Cgroup | undefined = this; c; c = c.parent) yield c;
  }

  /** This cgroup and all descendants, parents first. */
  *subtree(): Generator<Cgroup> {
    yield this;
    for (const c of this.children.values()) yield* c.subtree();
  }

  /** Is `other` this cgroup or below it? */
  contains(other: Cgroup): boolean {
    for (const c of other.ancestry()) if (c === this) return true;
    return false;
  }

  /** Live member processes of this cgroup alone. */
  liveProcs(): Process[] {
    return [...this.procs].filter((p) => p.alive);
  }

  /** Does the subtree hold a live process (cgroup.events `populated`)? */
  get populated(): boolean {
    for (const c of this.subtree()) for (const p of c.procs) if (p.alive) return true;
    return false;
  }

  /** Is this cgroup frozen by its own cgroup.freeze or an ancestor's? */
  get effectiveFreeze(): boolean {
    for (const c of this.ancestry()) if (c.freeze) return true;
    return false;
  }

  /** Number of descendant cgroups. */
  get descendants(): number {
    let n = -1;
    for (const _ of this.subtree()) n++;
    return n;
  }

  /** Resets a controller's configuration when it is disabled (Linux frees its css). */
  resetController(controller: Controller): void {
    switch (controller) {
      case 'cpu': this.weight = 100; this.quotaUs = Infinity; this.periodUs = 100_000; this.burstUs = 0; break;
      case 'cpuset': this.cpus = undefined; this.mems = ''; break;
      case 'memory':
        this.memMin = 0; this.memLow = 0; this.memHigh = Infinity; this.memMax = Infinity;
        this.swapMax = Infinity; this.oomGroup = false;
        break;
      case 'pids': this.pidsMax = Infinity; break;
      case 'io': this.ioWeight = 100; this.ioMax.clear(); break;
    }
  }
}

/** Is `ref` (a Process.cgroup) one of these cgroups? */
export function isCgroup(ref: CgroupRef): ref is Cgroup {
  return ref instanceof Cgroup;
}
