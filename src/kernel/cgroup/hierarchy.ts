// The cgroup v2 hierarchy of one kernel: the tree, process membership and migration, mkdir and
// rmdir, subtree_control with the no-internal-process rule, the freezer, the pids controller's
// fork check and the memory controller's charging with its cgroup-scoped OOM killer.
import { Errno, SIG } from '../../abi/index.js';
import type { Kernel } from '../kernel.js';
import type { Process } from '../task/process.js';
import { CONTROLLERS, Cgroup, isCgroup, type Controller, type MemoryEvents } from './cgroup.js';
import { CgroupCpuPolicy } from './cpu-policy.js';

/** Names a cgroup may not take: they would clash with interface files. */
const RESERVED_PREFIXES = ['cgroup.', ...CONTROLLERS.map((c) => `${c}.`)];

export class CgroupHierarchy {
  readonly root = new Cgroup('', undefined);
  readonly cpu: CgroupCpuPolicy;
  /** Memory each process charged, per cgroup (anonymous memory stays where it was charged). */
  private readonly charges = new WeakMap<Process, Map<Cgroup, number>>();

  constructor(readonly kernel: Kernel) {
    this.cpu = new CgroupCpuPolicy(this.root);
  }

  /** The cgroup of a process (the root for processes from before the hierarchy existed). */
  cgroupOf(proc: Process): Cgroup {
    return isCgroup(proc.cgroup) ? proc.cgroup : this.root;
  }

  /** The cgroup at host path `path` (`/a/b`), or undefined. */
  lookup(path: string): Cgroup | undefined {
    let cg: Cgroup | undefined = this.root;
    for (const part of path.split('/').filter(Boolean)) {
      cg = cg.children.get(part);
      if (!cg) return undefined;
    }
    return cg;
  }

  // ---- process lifecycle hooks ----

  /** A new process: it joins its parent's cgroup (or the root) and is charged one pid. */
  processCreated(proc: Process): void {
    const cg = this.cgroupOf(proc.parent ?? proc);
    proc.cgroup = cg;
    cg.procs.add(proc);
    for (const c of cg.ancestry()) {
      c.pidsCurrent++;
      if (c.pidsCurrent > c.pidsPeak) c.pidsPeak = c.pidsCurrent;
    }
    if (cg.effectiveFreeze) this.setFrozen(proc, true);
  }

  /** A reaped process: uncharge its pid and whatever anonymous memory it still holds. */
  processReleased(proc: Process): void {
    const cg = this.cgroupOf(proc);
    cg.procs.delete(proc);
    for (const c of cg.ancestry()) c.pidsCurrent = Math.max(0, c.pidsCurrent - 1);
    this.releaseMemory(proc);
  }

  /** kernel.forkCheck: EAGAIN when the new task would exceed a pids.max on the way to the root. */
  forkCheck(parent: Process): number | undefined {
    const cg = this.cgroupOf(parent);
    for (const c of cg.ancestry()) {
      if (c.pidsCurrent + 1 > c.pidsMax) {
        c.pidsEventsMaxLocal++;
        for (const a of c.ancestry()) a.pidsEventsMax++;
        this.kernel.log(`cgroup: fork rejected by pids controller in ${c.path}`);
        return Errno.EAGAIN;
      }
    }
    return undefined;
  }

  // ---- tree operations ----

  /**
   * mkdir: a child cgroup owned by host uid/gid. Errors: EEXIST, EINVAL (bad name), EAGAIN
   * (cgroup.max.depth / cgroup.max.descendants), ENOENT (parent removed).
   */
  mkdir(parent: Cgroup, name: string, uid = 0, gid = 0): number | Cgroup {
    if (parent.removed) return Errno.ENOENT;
    if (!name || name === '.' || name === '..' || name.includes('/') || name.includes('\n')) return Errno.EINVAL;
    if (parent.children.has(name)) return Errno.EEXIST;
    if (RESERVED_PREFIXES.some((p) => name.startsWith(p))) return Errno.EEXIST;
    for (const a of parent.ancestry()) {
      if (parent.depth + 1 - a.depth > a.maxDepth) return Errno.EAGAIN;
      // Counted only under a limit: the count walks the subtree (every container's cgroup).
      if (a.maxDescendants !== Infinity && a.descendants + 1 > a.maxDescendants) return Errno.EAGAIN;
    }
    const cg = new Cgroup(name, parent);
    cg.uid = uid;
    cg.gid = gid;
    parent.children.set(name, cg);
    return cg;
  }

  /** rmdir: EBUSY while it has children or live processes; EINVAL for the root. */
  rmdir(cg: Cgroup): number {
    if (!cg.parent) return Errno.EINVAL;
    if (cg.children.size > 0 || cg.liveProcs().length > 0) return Errno.EBUSY;
    cg.parent.children.delete(cg.name);
    cg.removed = true;
    return 0;
  }

  /**
   * Moves `proc` into `to` (a write to cgroup.procs). Errors: ENOENT (removed cgroup), EBUSY
   * (no-internal-process rule: `to` is not the root and has controllers in subtree_control),
   * ESRCH (the process is dead).
   */
  attach(proc: Process, to: Cgroup): number {
    if (to.removed) return Errno.ENOENT;
    if (!proc.alive) return Errno.ESRCH;
    if (to.parent && to.subtreeControl.size > 0) return Errno.EBUSY;
    const from = this.cgroupOf(proc);
    if (from === to) return 0;
    from.procs.delete(proc);
    for (const c of from.ancestry()) c.pidsCurrent = Math.max(0, c.pidsCurrent - 1);
    to.procs.add(proc);
    for (const c of to.ancestry()) {
      c.pidsCurrent++;
      if (c.pidsCurrent > c.pidsPeak) c.pidsPeak = c.pidsCurrent;
    }
    proc.cgroup = to;
    if (from.effectiveFreeze !== to.effectiveFreeze) this.setFrozen(proc, to.effectiveFreeze);
    this.kernel.scheduler.invalidateRates();
    return 0;
  }

  /**
   * Applies a cgroup.subtree_control write: `+name` enables, `-name` disables. Errors: EINVAL
   * (syntax), ENOENT (controller not available here), EBUSY (enabling in a non-root cgroup with
   * processes, or disabling one a child still enables).
   */
  setSubtreeControl(cg: Cgroup, text: string): number {
    const ops: { on: boolean; c: Controller }[] = [];
    for (const tok of text.split(/\s+/).filter(Boolean)) {
      const on = tok[0] === '+';
      if (!on && tok[0] !== '-') return Errno.EINVAL;
      const c = tok.slice(1) as Controller;
      if (!CONTROLLERS.includes(c)) return Errno.EINVAL;
      ops.push({ on, c });
    }
    for (const { on, c } of ops) {
      if (on && !cg.has(c)) return Errno.ENOENT;
      if (on && cg.parent && !cg.subtreeControl.has(c) && cg.liveProcs().length > 0) return Errno.EBUSY;
      if (!on && [...cg.children.values()].some((ch) => ch.subtreeControl.has(c))) return Errno.EBUSY;
    }
    for (const { on, c } of ops) {
      if (on) cg.subtreeControl.add(c);
      else if (cg.subtreeControl.delete(c)) for (const ch of cg.children.values()) ch.resetController(c);
    }
    this.kernel.scheduler.invalidateRates();
    return 0;
  }

  // ---- freezer and kill ----

  /** cgroup.freeze: freezes or thaws every process of the subtree (nested freezes stay). */
  setFreeze(cg: Cgroup, on: boolean): void {
    cg.freeze = on;
    for (const c of cg.subtree()) {
      const frozen = c.effectiveFreeze;
      for (const p of c.procs) if (p.alive) this.setFrozen(p, frozen);
    }
  }

  private setFrozen(proc: Process, frozen: boolean): void {
    if (proc.external || proc.sched.frozen === frozen) return;
    proc.sched.frozen = frozen;
    if (frozen) this.kernel.scheduler.dequeue(proc);
    else this.kernel.scheduler.resume(proc);
  }

  /** cgroup.kill: SIGKILL to every process of the subtree. */
  kill(cg: Cgroup): void {
    for (const c of [...cg.subtree()]) for (const p of [...c.procs]) if (p.alive && !p.external) this.kernel.sendSignal(p, SIG.KILL);
  }

  // ---- memory ----

  /**
   * kernel.chargeMemory with memory.max: charges `bytes` (negative uncharges) to the caller's
   * cgroup and its ancestors. Past a memory.max the OOM killer of that cgroup kills its largest
   * process; if that is the caller, the charge fails with ENOMEM and the caller dies.
   * `machine` is the machine-wide charge this wraps (ENOMEM when the machine is full).
   */
  chargeMemory(proc: Process, bytes: number, machine: (proc: Process, bytes: number) => number): number {
    if (bytes === 0) return machine(proc, 0);
    if (bytes < 0) {
      this.uncharge(proc, -bytes);
      return machine(proc, bytes);
    }
    const cg = this.cgroupOf(proc);
    for (;;) {
      const over = [...cg.ancestry()].find((c) => c.memCurrent + bytes > c.memMax);
      if (!over) break;
      this.memEvent(over, 'max');
      const victim = this.oomVictim(over, proc, bytes);
      if (!victim) return Errno.ENOMEM;
      this.memEvent(over, 'oom');
      this.memEvent(over, 'oom_kill');
      this.kernel.log(`Memory cgroup out of memory: Killed process ${victim.hostPid} (${victim.comm}) in ${over.path}`);
      if (victim === proc) {
        // Killing the caller inside its own syscall: let the call fail, then deliver SIGKILL.
        this.kernel.scheduler.at(this.kernel.clock.monotonicNs, () => this.kernel.sendSignal(proc, SIG.KILL));
        return Errno.ENOMEM;
      }
      this.kernel.sendSignal(victim, SIG.KILL);
      this.releaseMemory(victim);
    }
    const err = machine(proc, bytes);
    if (err) return err;
    let map = this.charges.get(proc);
    if (!map) this.charges.set(proc, (map = new Map()));
    map.set(cg, (map.get(cg) ?? 0) + bytes);
    for (const c of cg.ancestry()) {
      c.memCurrent += bytes;
      if (c.memCurrent > c.memPeak) c.memPeak = c.memCurrent;
      if (c.memCurrent > c.memHigh) this.memEvent(c, 'high');
    }
    return 0;
  }

  /** Lowering memory.max below memory.current: the OOM killer runs until it fits. */
  enforceMemoryMax(cg: Cgroup): void {
    while (cg.memCurrent > cg.memMax) {
      this.memEvent(cg, 'max');
      const victim = this.oomVictim(cg, undefined, 0);
      if (!victim) return;
      this.memEvent(cg, 'oom');
      this.memEvent(cg, 'oom_kill');
      this.kernel.sendSignal(victim, SIG.KILL);
      this.releaseMemory(victim);
    }
  }

  /** The process of `cg`'s subtree using most memory (the caller counts with its request). */
  private oomVictim(cg: Cgroup, caller: Process | undefined, request: number): Process | undefined {
    let best: Process | undefined;
    let bestSize = -1;
    for (const c of cg.subtree()) {
      for (const p of c.procs) {
        if (!p.alive || p.external) continue;
        const size = p.anonBytes + (p === caller ? request : 0);
        if (size > bestSize || (size === bestSize && p === caller)) {
          best = p;
          bestSize = size;
        }
      }
    }
    return best;
  }

  private memEvent(cg: Cgroup, kind: keyof MemoryEvents): void {
    cg.memEventsLocal[kind]++;
    for (const c of cg.ancestry()) c.memEvents[kind]++;
  }

  /** Uncharges `bytes` from the cgroups `proc` charged, most recent cgroup first. */
  private uncharge(proc: Process, bytes: number): void {
    const map = this.charges.get(proc);
    let left = bytes;
    const take = (cg: Cgroup, n: number): void => {
      for (const c of cg.ancestry()) c.memCurrent = Math.max(0, c.memCurrent - n);
    };
    if (map) {
      const current = this.cgroupOf(proc);
      const order = [...map.keys()].sort((a, b) => (a === current ? -1 : b === current ? 1 : 0));
      for (const cg of order) {
        if (left <= 0) break;
        const n = Math.min(left, map.get(cg)!);
        take(cg, n);
        left -= n;
        if (map.get(cg)! - n <= 0) map.delete(cg);
        else map.set(cg, map.get(cg)! - n);
      }
    }
    if (left > 0) take(this.cgroupOf(proc), left);
  }

  /** Gives back the anonymous memory of a dead process (machine-wide and in its cgroups). */
  private releaseMemory(proc: Process): void {
    const bytes = proc.anonBytes;
    if (bytes <= 0) return;
    proc.anonBytes = 0;
    this.kernel.chargeMemory(proc, -bytes);
  }

  /** Adds I/O to io.stat of the process's cgroup and ancestors (for filesystems that do I/O). */
  accountIo(proc: Process, device: string, kind: 'read' | 'write', bytes: number): void {
    for (const c of this.cgroupOf(proc).ancestry()) {
      let s = c.io.get(device);
      if (!s) c.io.set(device, (s = { rbytes: 0, wbytes: 0, rios: 0, wios: 0, dbytes: 0, dios: 0 }));
      if (kind === 'read') { s.rbytes += bytes; s.rios++; } else { s.wbytes += bytes; s.wios++; }
    }
  }
}
