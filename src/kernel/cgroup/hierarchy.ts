// The cgroup v2 hierarchy of one kernel: the tree, process membership and migration, mkdir and
// rmdir, subtree_control with the no-internal-process rule, the freezer, the pids controller's
// fork check and the memory controller's charging (anonymous memory and the file pages of
// memory filesystems) with its cgroup-scoped OOM killer.
import { Errno, SIG, type SysResult } from '../../abi/index.js';
import type { Kernel } from '../kernel.js';
import type { Process } from '../task/process.js';
import { PAGE_SIZE, oomKill, oomVictim, type PageCharge, type PageOwner } from '../memory.js';
import { CONTROLLERS, Cgroup, isCgroup, type Controller, type MemoryEvents } from './cgroup.js';
import { CgroupCpuPolicy } from './cpu-policy.js';

/** Names a cgroup may not take: they would clash with interface files. */
const RESERVED_PREFIXES = ['cgroup.', ...CONTROLLERS.map((c) => `${c}.`)];

export class CgroupHierarchy {
  readonly root = new Cgroup('', undefined);
  readonly cpu: CgroupCpuPolicy;
  /** Memory each process charged, per cgroup (anonymous memory stays where it was charged). */
  private readonly charges = new WeakMap<Process, Map<Cgroup, number>>();
  /** The payer object of file pages charged to each cgroup (one per cgroup, see pageOwner). */
  private readonly pageOwners = new WeakMap<Cgroup, PageOwner>();

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
   * kernel.chargeMemory with memory.max: charges `bytes` of anonymous memory (negative
   * uncharges) to the caller's cgroup and its ancestors. Past a memory.max the cgroup's OOM
   * killer runs (makeRoom); if the caller is its victim the charge fails with ENOMEM and the
   * caller dies. `machine` is the machine-wide charge this wraps (ENOMEM when the machine is full).
   */
  chargeMemory(proc: Process, bytes: number, machine: (proc: Process, bytes: number) => number): number {
    if (bytes === 0) return machine(proc, 0);
    if (bytes < 0) {
      this.uncharge(proc, -bytes);
      return machine(proc, bytes);
    }
    const cg = this.cgroupOf(proc);
    const room = this.makeRoom(cg, proc, bytes);
    if (room) return room;
    const err = machine(proc, bytes);
    if (err) return err;
    let map = this.charges.get(proc);
    if (!map) this.charges.set(proc, (map = new Map()));
    map.set(cg, (map.get(cg) ?? 0) + bytes);
    this.book(cg, bytes);
    return 0;
  }

  /**
   * kernel.chargeFilePages with memory.max: file pages a process writes to a memory filesystem
   * are charged to its cgroup (as Linux charges shmem pages to the writer's memcg). With not a
   * page of room under some memory.max, that cgroup's OOM killer runs; the write fails with
   * ENOMEM when the writer is the victim (tmpfs pages cannot be reclaimed: skiff has no swap).
   * With some room, what fits is granted and the write comes out short. `machine` is the
   * machine-wide charge this wraps.
   */
  chargeFilePages(proc: Process, bytes: number, machine: (proc: Process, bytes: number) => SysResult<PageCharge>): SysResult<PageCharge> {
    const cg = this.cgroupOf(proc);
    const err = this.makeRoom(cg, proc, Math.min(bytes, PAGE_SIZE));
    if (err) return { ok: false, errno: err };
    let want = bytes;
    for (const c of cg.ancestry()) want = Math.min(want, Math.max(0, Math.floor((c.memMax - c.memCurrent) / PAGE_SIZE) * PAGE_SIZE));
    const m = machine(proc, want);
    if (!m.ok) return m;
    this.book(cg, m.value.bytes, m.value.bytes);
    return { ok: true, value: { owner: this.pageOwner(cg, m.value.owner), bytes: m.value.bytes } };
  }

  /** Lowering memory.max below memory.current: the OOM killer runs until it fits. */
  enforceMemoryMax(cg: Cgroup): void {
    const killed = new Set<Process>();
    while (cg.memCurrent > cg.memMax) {
      this.memEvent(cg, 'max');
      const victim = oomVictim(this.membersOf(cg, killed), undefined, 0);
      if (!victim) return;
      this.memEvent(cg, 'oom');
      killed.add(victim);
      oomKill(this.kernel, victim, undefined);
    }
  }

  /** kernel.onOomKill: every OOM kill, global or of a cgroup, counts in the victim's memory.events. */
  oomKilled(victim: Process): void {
    this.memEvent(this.cgroupOf(victim), 'oom_kill');
  }

  /**
   * Runs the OOM killer of the innermost ancestor of `cg` (itself included) that cannot take
   * `need` more bytes, until all can. Returns ENOMEM when the caller was killed or nothing could
   * be killed (killing frees only anonymous memory, so file pages can leave the caller the last
   * victim, as in Linux), else 0.
   */
  private makeRoom(cg: Cgroup, caller: Process, need: number): number {
    const killed = new Set<Process>();
    for (;;) {
      let over: Cgroup | undefined;
      for (const c of cg.ancestry()) if (c.memCurrent + need > c.memMax) { over = c; break; }
      if (!over) return 0;
      this.memEvent(over, 'max');
      const victim = oomVictim(this.membersOf(over, killed), caller, need);
      if (!victim) return Errno.ENOMEM;
      this.memEvent(over, 'oom');
      this.kernel.log(`Memory cgroup out of memory: Killed process ${victim.hostPid} (${victim.comm}) in ${over.path}`);
      killed.add(victim);
      oomKill(this.kernel, victim, caller);
      if (victim === caller) return Errno.ENOMEM;
    }
  }

  /** The processes of `cg`'s subtree, less those already killed. */
  private *membersOf(cg: Cgroup, killed: ReadonlySet<Process>): Generator<Process> {
    for (const c of cg.subtree()) for (const p of c.procs) if (!killed.has(p)) yield p;
  }

  /** Adds `bytes` (of which `shmem` are file pages) to `cg` and its ancestors. */
  private book(cg: Cgroup, bytes: number, shmem = 0): void {
    for (const c of cg.ancestry()) {
      c.memCurrent += bytes;
      c.memShmem += shmem;
      if (c.memCurrent > c.memPeak) c.memPeak = c.memCurrent;
      if (c.memCurrent > c.memHigh) this.memEvent(c, 'high');
    }
  }

  /**
   * The payer of file pages charged to `cg`: uncharging gives the bytes back to the machine and
   * to `cg` and its ancestors, or, once `cg` is removed, to its nearest live ancestor (Linux
   * reparents a removed cgroup's page charges to its parent, which already counted them).
   */
  private pageOwner(cg: Cgroup, machine: PageOwner): PageOwner {
    let owner = this.pageOwners.get(cg);
    if (!owner) {
      owner = {
        uncharge: (bytes) => {
          let live = cg;
          while (live.removed && live.parent) live = live.parent;
          for (const c of live.ancestry()) {
            c.memCurrent = Math.max(0, c.memCurrent - bytes);
            c.memShmem = Math.max(0, c.memShmem - bytes);
          }
          machine.uncharge(bytes);
        },
      };
      this.pageOwners.set(cg, owner);
    }
    return owner;
  }

  private memEvent(cg: Cgroup, kind: keyof MemoryEvents): void {
    cg.memEventsLocal[kind]++;
    for (const c of cg.ancestry()) c.memEvents[kind]++;
  }

  /** Uncharges `bytes` of anonymous memory from the cgroups `proc` charged, most recent cgroup first. */
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
