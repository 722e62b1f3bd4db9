// The cgroup CPU policy (replaces EqualShares): fluid processor sharing over N CPUs with
// hierarchical cpu.weight among runnable siblings, at most one CPU per thread, cpu.max as a
// hard cap (not work-conserving, counted in cpu.stat's nr_periods/nr_throttled/throttled_usec)
// and cpuset.cpus pinning (processes whose cgroups share CPUs share them).
import type { Process } from '../task/process.js';
import type { RatePolicy } from '../sched/rate-policy.js';
import type { CpuKind } from '../sched/sched-entity.js';
import { Cgroup, isCgroup } from './cgroup.js';
import { hierarchicalFill, type FillModel } from './fair-share.js';

const EPS = 1e-9;
/** At most this many CPU sets are checked for over-subscription (unions of pinned sets). */
const MAX_CPUSETS = 64;

/** A quota-limited cgroup's state between two recomputations (for cpu.stat). */
interface QuotaState {
  cg: Cgroup;
  /** CPUs it would use if its quota did not hold it back (bounded by threads and cpuset). */
  demand: number;
  /** CPUs it gets. */
  rate: number;
}

/** Per-cgroup period bookkeeping for cpu.stat. */
interface PeriodBook {
  anchorNs: number;
  periodNs: number;
  lastActive: number;
  lastThrottled: number;
}

export class CgroupCpuPolicy implements RatePolicy {
  private states: QuotaState[] = [];
  private lastNs = 0;
  private readonly books = new WeakMap<Cgroup, PeriodBook>();

  /** @param root the root cgroup (processes not yet in a cgroup count as its members). */
  constructor(private readonly root: Cgroup) {}

  computeRates(runnable: readonly Process[], ncpus: number, nowNs: number): undefined {
    this.settle(nowNs);
    if (runnable.length === 0) {
      this.states = [];
      return undefined;
    }
    const effCache = new Map<Cgroup, number[]>();
    const effective = (cg: Cgroup): number[] => effectiveCpus(cg, ncpus, effCache);
    const allowed = new Map<Process, number[]>();
    const keys = new Set<string>();
    for (const p of runnable) {
      const cpus = effective(this.cgroupOf(p));
      allowed.set(p, cpus);
      keys.add(cpus.join(','));
    }
    const used = new Map<Cgroup, number>();
    const model: FillModel = {
      groupOf: (p) => cpuGroup(this.cgroupOf(p)),
      weightOf: (cg) => (cg.limits('cpu') ? cg.weight : 100),
      limitOf: (cg) => {
        let limit = Infinity;
        if (cg.limits('cpu') && cg.quotaUs !== Infinity) limit = cg.quotaUs / cg.periodUs;
        if (cg.limits('cpuset') && cg.cpus?.length) limit = Math.min(limit, effective(cg).length);
        return limit - (used.get(cg) ?? 0);
      },
    };
    const give = (p: Process, rate: number): void => {
      p.sched.rate = rate;
    };
    if (keys.size === 1) {
      hierarchicalFill(runnable, Math.min(ncpus, allowed.get(runnable[0])!.length), model, give);
    } else {
      this.pinnedFill(runnable, allowed, model, used, give);
    }
    assignCpus(runnable, allowed, ncpus);
    this.states = this.quotaStates(runnable, allowed);
    return undefined;
  }

  /**
   * Fill with cpusets: share the union of everybody's CPUs, then find a CPU set S that is
   * over-subscribed by the processes confined to it; give those processes S alone, take S
   * away from the others, and repeat with the rest (progressive filling).
   */
  private pinnedFill(runnable: readonly Process[], allowed: Map<Process, number[]>, model: FillModel, used: Map<Cgroup, number>, give: (p: Process, rate: number) => void): void {
    let remaining = [...runnable];
    const rates = new Map<Process, number>();
    const collect = (p: Process, r: number): void => void rates.set(p, r);
    while (remaining.length > 0) {
      const union = new Set<number>();
      for (const p of remaining) for (const c of allowed.get(p)!) union.add(c);
      rates.clear();
      hierarchicalFill(remaining, union.size, model, collect);
      let worst: number[] | undefined;
      let worstRatio = 1 + EPS;
      for (const set of cpuSetClosure(remaining.map((p) => allowed.get(p)!))) {
        let load = 0;
        for (const p of remaining) if (isSubset(allowed.get(p)!, set)) load += rates.get(p) ?? 0;
        const ratio = load / set.length;
        if (ratio > worstRatio) {
          worstRatio = ratio;
          worst = set;
        }
      }
      if (!worst) {
        for (const p of remaining) give(p, rates.get(p) ?? 0);
        return;
      }
      const confined = remaining.filter((p) => isSubset(allowed.get(p)!, worst!));
      rates.clear();
      hierarchicalFill(confined, worst.length, model, collect);
      for (const p of confined) {
        const r = rates.get(p) ?? 0;
        give(p, r);
        for (const cg of model.groupOf(p).ancestry()) used.set(cg, (used.get(cg) ?? 0) + r);
      }
      const taken = new Set(worst);
      remaining = remaining.filter((p) => !confined.includes(p));
      for (const p of remaining) allowed.set(p, allowed.get(p)!.filter((c) => !taken.has(c)));
    }
  }

  /** The quota-limited cgroups that have runnable processes, with their demand and rate. */
  private quotaStates(runnable: readonly Process[], allowed: Map<Process, number[]>): QuotaState[] {
    const byCg = new Map<Cgroup, { rate: number; threads: number; cpus: Set<number> }>();
    for (const p of runnable) {
      for (const cg of cpuGroup(this.cgroupOf(p)).ancestry()) {
        if (!cg.limits('cpu') || cg.quotaUs === Infinity) continue;
        let s = byCg.get(cg);
        if (!s) byCg.set(cg, (s = { rate: 0, threads: 0, cpus: new Set() }));
        s.rate += p.sched.rate;
        s.threads++;
        for (const c of allowed.get(p) ?? []) s.cpus.add(c);
      }
    }
    return [...byCg].map(([cg, s]) => ({ cg, rate: s.rate, demand: Math.min(s.threads, Math.max(1, s.cpus.size)) }));
  }

  /**
   * Brings cpu.stat's throttling counters up to `nowNs`: a period counts in nr_periods if the
   * cgroup was runnable during it, and in nr_throttled if its quota held it back; throttled
   * time grows by the CPU it wanted but was refused.
   */
  settle(nowNs: number): void {
    const a = this.lastNs;
    this.lastNs = nowNs;
    if (nowNs <= a) return;
    for (const s of this.states) {
      const cg = s.cg;
      if (cg.quotaUs === Infinity || cg.removed) continue;
      const cap = cg.quotaUs / cg.periodUs;
      const periodNs = cg.periodUs * 1000;
      let book = this.books.get(cg);
      if (!book || book.periodNs !== periodNs) {
        book = { anchorNs: a, periodNs, lastActive: -1, lastThrottled: -1 };
        this.books.set(cg, book);
      }
      const k0 = Math.floor((a - book.anchorNs) / periodNs);
      const k1 = Math.ceil((nowNs - book.anchorNs) / periodNs) - 1;
      const from = Math.max(k0, book.lastActive + 1);
      if (k1 >= from) cg.nrPeriods += k1 - from + 1;
      book.lastActive = Math.max(book.lastActive, k1);
      const throttled = s.demand > cap + EPS && s.rate >= cap - EPS;
      if (throttled) {
        const tf = Math.max(k0, book.lastThrottled + 1);
        if (k1 >= tf) cg.nrThrottled += k1 - tf + 1;
        book.lastThrottled = Math.max(book.lastThrottled, k1);
        cg.throttledNs += (nowNs - a) * (s.demand - s.rate);
      }
    }
  }

  /** CPU time per virtual CPU (by the CPU each process was placed on), for /proc/stat. */
  readonly perCpu: { user: number[]; system: number[] } = { user: [], system: [] };

  account(proc: Process, cpuNs: number, kind: CpuKind): void {
    const times = kind === 'user' ? this.perCpu.user : this.perCpu.system;
    times[proc.sched.cpu] = (times[proc.sched.cpu] ?? 0) + cpuNs;
    for (const cg of this.cgroupOf(proc).ancestry()) {
      cg.usageNs += cpuNs;
      if (kind === 'user') cg.userNs += cpuNs;
      else cg.systemNs += cpuNs;
    }
  }

  private cgroupOf(proc: Process): Cgroup {
    return isCgroup(proc.cgroup) ? proc.cgroup : this.root;
  }
}

/** The nearest ancestor-or-self with the cpu controller enabled (or the root). */
function cpuGroup(cg: Cgroup): Cgroup {
  let c = cg;
  while (c.parent && !c.limits('cpu')) c = c.parent;
  return c;
}

/** cpuset.cpus.effective: the cgroup's own cpus within its parent's, or the parent's if unset or disjoint. */
export function effectiveCpus(cg: Cgroup, ncpus: number, cache?: Map<Cgroup, number[]>): number[] {
  const hit = cache?.get(cg);
  if (hit) return hit;
  let eff: number[];
  if (!cg.parent) eff = Array.from({ length: ncpus }, (_, i) => i);
  else {
    const parent = effectiveCpus(cg.parent, ncpus, cache);
    eff = parent;
    if (cg.limits('cpuset') && cg.cpus?.length) {
      const inter = cg.cpus.filter((c) => parent.includes(c));
      if (inter.length > 0) eff = inter;
    }
  }
  cache?.set(cg, eff);
  return eff;
}

function isSubset(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) if (!b.includes(x)) return false;
  return true;
}

/** The distinct CPU sets and their unions (Hall's condition needs every union), bounded. */
function cpuSetClosure(sets: number[][]): number[][] {
  const out = new Map<string, number[]>();
  for (const s of sets) out.set(s.join(','), s);
  let frontier = [...out.values()];
  while (frontier.length > 0 && out.size < MAX_CPUSETS) {
    const next: number[][] = [];
    for (const a of frontier) {
      for (const b of [...out.values()]) {
        const u = [...new Set([...a, ...b])].sort((x, y) => x - y);
        const key = u.join(',');
        if (out.has(key) || out.size >= MAX_CPUSETS) continue;
        out.set(key, u);
        next.push(u);
      }
    }
    frontier = next;
  }
  return [...out.values()];
}

/** Sets `sched.cpu` (shown in /proc/<pid>/stat): greedy packing onto the allowed CPUs. */
function assignCpus(runnable: readonly Process[], allowed: Map<Process, number[]>, ncpus: number): void {
  const free = new Array<number>(ncpus).fill(1);
  const order = [...runnable].sort((x, y) => y.sched.rate - x.sched.rate);
  for (const p of order) {
    const cpus = allowed.get(p) ?? [];
    let best = cpus[0] ?? 0;
    for (const c of cpus) if (free[c] > free[best]) best = c;
    free[best] -= p.sched.rate;
    p.sched.cpu = best;
  }
}
