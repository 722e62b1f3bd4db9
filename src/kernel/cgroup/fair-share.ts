// Hierarchical weighted max-min sharing ("water-filling") of CPU capacity over a cgroup tree.
// Each runnable process is an entity of weight 100 (nice 0) in its CPU cgroup, beside that
// cgroup's child cgroups (weight cpu.weight). Capacity is split among runnable siblings by
// weight; an entity that cannot use its share (a thread takes at most one CPU, a cgroup at
// most its cpu.max quota) keeps what it can use and its siblings share the rest.
import type { Process } from '../task/process.js';
import type { Cgroup } from './cgroup.js';

/** Weight of one nice-0 process, on the cpu.weight scale. */
export const PROCESS_WEIGHT = 100;

/** What the fill needs to know about the tree. */
export interface FillModel {
  /** The cgroup whose cpu settings govern `proc` (its nearest ancestor with cpu enabled, or the root). */
  groupOf(proc: Process): Cgroup;
  /** The most CPUs cgroup `cg`'s subtree may use now (cpu.max, cpuset size, minus what is already given out). */
  limitOf(cg: Cgroup): number;
  /** The weight of a cgroup among its siblings. */
  weightOf(cg: Cgroup): number;
}

interface Node {
  cg: Cgroup;
  children: Node[];
  procs: Process[];
  cap: number;
}

interface Entity {
  weight: number;
  cap: number;
  node?: Node;
  proc?: Process;
}

/**
 * Shares `capacity` CPUs among `procs` along the cgroup tree; calls `give(proc, rate)` once per
 * process. Invariants: each rate is in [0, 1]; the sum is at most `capacity`; no cgroup gets more
 * than model.limitOf allows; the allocation is work-conserving within those limits.
 */
export function hierarchicalFill(procs: readonly Process[], capacity: number, model: FillModel, give: (proc: Process, rate: number) => void): void {
  if (procs.length === 0) return;
  const nodes = new Map<Cgroup, Node>();
  let root: Node | undefined;
  const nodeOf = (cg: Cgroup): Node => {
    let n = nodes.get(cg);
    if (n) return n;
    n = { cg, children: [], procs: [], cap: 0 };
    nodes.set(cg, n);
    if (cg.parent) nodeOf(cg.parent).children.push(n);
    else root = n;
    return n;
  };
  for (const p of procs) nodeOf(model.groupOf(p)).procs.push(p);
  const computeCap = (n: Node): number => {
    let sum = n.procs.length;
    for (const c of n.children) sum += computeCap(c);
    n.cap = Math.max(0, Math.min(sum, model.limitOf(n.cg)));
    return n.cap;
  };
  computeCap(root!);
  const distribute = (n: Node, amount: number): void => {
    const entities: Entity[] = [];
    for (const c of n.children) entities.push({ weight: model.weightOf(c.cg), cap: c.cap, node: c });
    for (const p of n.procs) entities.push({ weight: PROCESS_WEIGHT, cap: 1, proc: p });
    waterFill(entities, Math.min(amount, n.cap), (e, share) => {
      if (e.proc) give(e.proc, Math.min(1, share));
      else distribute(e.node!, share);
    });
  };
  distribute(root!, capacity);
}

/** Splits `amount` among entities by weight, never giving one more than its cap. */
function waterFill(entities: Entity[], amount: number, give: (e: Entity, share: number) => void): void {
  entities.sort((a, b) => a.cap / a.weight - b.cap / b.weight);
  let left = amount;
  let weights = 0;
  for (const e of entities) weights += e.weight;
  for (const e of entities) {
    const fair = weights > 0 ? (left * e.weight) / weights : 0;
    const share = Math.max(0, Math.min(e.cap, fair));
    give(e, share);
    left -= share;
    weights -= e.weight;
  }
}
