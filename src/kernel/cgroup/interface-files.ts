// The interface files of a cgroup v2 directory: which exist where (root or not, which
// controller), what reading shows and what writing does. Formats follow Linux 6.x
// (Documentation/admin-guide/cgroup-v2.rst). Bad values fail with EINVAL.
import { Errno } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import { CONTROLLERS, type Cgroup, type Controller } from './cgroup.js';
import type { CgroupHierarchy } from './hierarchy.js';
import { effectiveCpus } from './cpu-policy.js';
import {
  formatCpuList, formatLimit, niceOfWeight, oneLine, parseBytes, parseCpuList, parseCpuMax, parseInt,
  parseLimit, weightOfNice,
} from './parse.js';

/** One interface file. */
export interface CgroupFileSpec {
  name: string;
  /** The controller that must be enabled for the file to exist (none: a core file). */
  controller?: Controller;
  /** Where the file exists: only in the root, only below it, or everywhere. */
  where: 'root' | 'nonroot' | 'all';
  /** Permission bits (0644 when writable, else 0444, unless given). */
  mode?: number;
  read?(cg: Cgroup, h: CgroupHierarchy, ctx: SyscallContext): string;
  /** Returns 0 or an errno. */
  write?(cg: Cgroup, text: string, h: CgroupHierarchy, ctx: SyscallContext): number;
}

const lines = (pairs: [string, number | string][]): string => pairs.map(([k, v]) => `${k} ${v}\n`).join('');
const usec = (ns: number): number => Math.floor(ns / 1000);

/** Runs `apply` with the parsed value, or EINVAL if it did not parse. */
function withValue<T>(value: T | undefined, apply: (v: T) => void): number {
  if (value === undefined) return Errno.EINVAL;
  apply(value);
  return 0;
}

/** PIDs of the members of `cg` as the reader's PID namespace numbers them. */
function pidsOf(cg: Cgroup, ctx: SyscallContext): string {
  const ns = ctx.proc.ns.pid;
  const pids: number[] = [];
  for (const p of cg.procs) {
    if (!p.alive) continue;
    const n = p.pidIn(ns);
    if (n > 0) pids.push(n);
  }
  return pids.sort((a, b) => a - b).map((n) => `${n}\n`).join('');
}

/** A write to cgroup.procs: one PID (in the writer's namespace; 0 = the writer). */
function writeProcs(cg: Cgroup, text: string, h: CgroupHierarchy, ctx: SyscallContext): number {
  const t = oneLine(text);
  if (!/^\d+$/.test(t)) return Errno.EINVAL;
  const pid = Number(t);
  const target = pid === 0 ? ctx.proc : ctx.proc.ns.pid.tasks.get(pid);
  if (!target || !target.alive) return Errno.ESRCH;
  return h.attach(target, cg);
}

function cpuStat(cg: Cgroup, h: CgroupHierarchy): string {
  h.kernel.scheduler.settleAll();
  h.cpu.settle(h.kernel.clock.monotonicNs);
  const pairs: [string, number][] = [['usage_usec', usec(cg.usageNs)], ['user_usec', usec(cg.userNs)], ['system_usec', usec(cg.systemNs)]];
  if (cg.limits('cpu')) {
    pairs.push(['nr_periods', cg.nrPeriods], ['nr_throttled', cg.nrThrottled], ['throttled_usec', usec(cg.throttledNs)],
      ['nr_bursts', 0], ['burst_usec', 0]);
  }
  return lines(pairs);
}

/**
 * memory.stat. File pages of memory filesystems are `file` and `shmem`; being swap-backed they
 * sit on the anon LRU lists (inactive_anon), not inactive_file, so Docker's usage figure
 * (memory.current less inactive_file) keeps them, as on Linux.
 */
function memoryStat(cg: Cgroup): string {
  const shmem = cg.memShmem;
  const anon = Math.max(0, cg.memCurrent - shmem);
  const zero = ['kernel', 'kernel_stack', 'pagetables', 'sec_pagetables', 'percpu', 'sock', 'vmalloc'];
  const zero2 = ['zswap', 'zswapped', 'file_mapped', 'file_dirty', 'file_writeback', 'swapcached', 'anon_thp', 'file_thp', 'shmem_thp'];
  const pairs: [string, number][] = [['anon', anon], ['file', shmem]];
  for (const k of zero) pairs.push([k, 0]);
  pairs.push(['shmem', shmem]);
  for (const k of zero2) pairs.push([k, 0]);
  pairs.push(['inactive_anon', shmem], ['active_anon', anon], ['inactive_file', 0], ['active_file', 0], ['unevictable', 0],
    ['slab_reclaimable', 0], ['slab_unreclaimable', 0], ['slab', 0], ['pgfault', 0], ['pgmajfault', 0], ['pgrefill', 0],
    ['pgscan', 0], ['pgsteal', 0], ['pgactivate', 0], ['pgdeactivate', 0], ['pglazyfree', 0], ['pglazyfreed', 0]);
  return lines(pairs);
}

const memEvents = (e: Cgroup['memEvents']): string =>
  lines([['low', e.low], ['high', e.high], ['max', e.max], ['oom', e.oom], ['oom_kill', e.oom_kill], ['oom_group_kill', e.oom_group_kill]]);

/** Every interface file skiff offers. */
export const CGROUP_FILES: readonly CgroupFileSpec[] = [
  // ---- core ----
  { name: 'cgroup.controllers', where: 'all', read: (cg) => CONTROLLERS.filter((c) => cg.has(c)).join(' ') + '\n' },
  {
    name: 'cgroup.subtree_control', where: 'all',
    read: (cg) => CONTROLLERS.filter((c) => cg.subtreeControl.has(c)).join(' ') + '\n',
    write: (cg, text, h) => h.setSubtreeControl(cg, text),
  },
  { name: 'cgroup.procs', where: 'all', read: (cg, _h, ctx) => pidsOf(cg, ctx), write: writeProcs },
  { name: 'cgroup.threads', where: 'all', read: (cg, _h, ctx) => pidsOf(cg, ctx), write: writeProcs },
  { name: 'cgroup.events', where: 'nonroot', read: (cg) => lines([['populated', cg.populated ? 1 : 0], ['frozen', cg.effectiveFreeze ? 1 : 0]]) },
  {
    name: 'cgroup.freeze', where: 'nonroot',
    read: (cg) => `${cg.freeze ? 1 : 0}\n`,
    write: (cg, text, h) => withValue(parseInt(text, 0, 1), (v) => h.setFreeze(cg, v === 1)),
  },
  {
    name: 'cgroup.kill', where: 'nonroot', mode: 0o200,
    write: (cg, text, h) => withValue(parseInt(text, 1, 1), () => h.kill(cg)),
  },
  {
    name: 'cgroup.type', where: 'nonroot',
    read: () => 'domain\n',
    write: (_cg, text) => (oneLine(text) === 'threaded' ? Errno.EOPNOTSUPP : Errno.EINVAL),
  },
  {
    name: 'cgroup.max.depth', where: 'all',
    read: (cg) => `${formatLimit(cg.maxDepth)}\n`,
    write: (cg, text) => withValue(parseLimit(text), (v) => (cg.maxDepth = v)),
  },
  {
    name: 'cgroup.max.descendants', where: 'all',
    read: (cg) => `${formatLimit(cg.maxDescendants)}\n`,
    write: (cg, text) => withValue(parseLimit(text), (v) => (cg.maxDescendants = v)),
  },
  { name: 'cgroup.stat', where: 'all', read: (cg) => lines([['nr_descendants', cg.descendants], ['nr_dying_descendants', 0]]) },
  { name: 'cpu.stat', where: 'all', read: cpuStat },

  // ---- cpu ----
  {
    name: 'cpu.weight', controller: 'cpu', where: 'nonroot',
    read: (cg) => `${cg.weight}\n`,
    write: (cg, text, h) => withValue(parseInt(text, 1, 10000), (v) => { cg.weight = v; h.kernel.scheduler.invalidateRates(); }),
  },
  {
    name: 'cpu.weight.nice', controller: 'cpu', where: 'nonroot',
    read: (cg) => `${niceOfWeight(cg.weight)}\n`,
    write: (cg, text, h) => withValue(parseInt(text, -20, 19), (v) => { cg.weight = weightOfNice(v); h.kernel.scheduler.invalidateRates(); }),
  },
  {
    name: 'cpu.max', controller: 'cpu', where: 'nonroot',
    read: (cg) => `${formatLimit(cg.quotaUs)} ${cg.periodUs}\n`,
    write: (cg, text, h) => withValue(parseCpuMax(text, cg.periodUs), (v) => {
      h.cpu.settle(h.kernel.clock.monotonicNs);
      cg.quotaUs = v.quota;
      cg.periodUs = v.period;
      h.kernel.scheduler.invalidateRates();
    }),
  },
  {
    name: 'cpu.max.burst', controller: 'cpu', where: 'nonroot',
    read: (cg) => `${cg.burstUs}\n`,
    write: (cg, text) => withValue(parseInt(text, 0, 1_000_000), (v) => (cg.burstUs = v)),
  },

  // ---- cpuset ----
  {
    name: 'cpuset.cpus', controller: 'cpuset', where: 'nonroot',
    read: (cg) => `${formatCpuList(cg.cpus ?? [])}\n`,
    write: (cg, text, h) => withValue(parseCpuList(text, h.kernel.ncpus), (v) => {
      cg.cpus = v.length ? v : undefined;
      h.kernel.scheduler.invalidateRates();
    }),
  },
  { name: 'cpuset.cpus.effective', controller: 'cpuset', where: 'all', read: (cg, h) => `${formatCpuList(effectiveCpus(cg, h.kernel.ncpus))}\n` },
  {
    name: 'cpuset.mems', controller: 'cpuset', where: 'nonroot',
    read: (cg) => `${cg.mems}\n`,
    write: (cg, text) => withValue(parseCpuList(text, 1), (v) => (cg.mems = formatCpuList(v))),
  },
  { name: 'cpuset.mems.effective', controller: 'cpuset', where: 'all', read: () => '0\n' },

  // ---- memory ----
  { name: 'memory.current', controller: 'memory', where: 'nonroot', read: (cg) => `${cg.memCurrent}\n` },
  { name: 'memory.peak', controller: 'memory', where: 'nonroot', read: (cg) => `${cg.memPeak}\n` },
  {
    name: 'memory.min', controller: 'memory', where: 'nonroot',
    read: (cg) => `${cg.memMin}\n`,
    write: (cg, text) => withValue(parseBytes(text), (v) => (cg.memMin = v)),
  },
  {
    name: 'memory.low', controller: 'memory', where: 'nonroot',
    read: (cg) => `${cg.memLow}\n`,
    write: (cg, text) => withValue(parseBytes(text), (v) => (cg.memLow = v)),
  },
  {
    name: 'memory.high', controller: 'memory', where: 'nonroot',
    read: (cg) => `${formatLimit(cg.memHigh)}\n`,
    write: (cg, text) => withValue(parseBytes(text), (v) => (cg.memHigh = v)),
  },
  {
    name: 'memory.max', controller: 'memory', where: 'nonroot',
    read: (cg) => `${formatLimit(cg.memMax)}\n`,
    write: (cg, text, h) => withValue(parseBytes(text), (v) => {
      cg.memMax = v;
      h.enforceMemoryMax(cg);
    }),
  },
  { name: 'memory.events', controller: 'memory', where: 'nonroot', read: (cg) => memEvents(cg.memEvents) },
  { name: 'memory.events.local', controller: 'memory', where: 'nonroot', read: (cg) => memEvents(cg.memEventsLocal) },
  { name: 'memory.stat', controller: 'memory', where: 'all', read: memoryStat },
  {
    name: 'memory.oom.group', controller: 'memory', where: 'nonroot',
    read: (cg) => `${cg.oomGroup ? 1 : 0}\n`,
    write: (cg, text) => withValue(parseInt(text, 0, 1), (v) => (cg.oomGroup = v === 1)),
  },
  { name: 'memory.swap.current', controller: 'memory', where: 'nonroot', read: () => '0\n' },
  {
    name: 'memory.swap.max', controller: 'memory', where: 'nonroot',
    read: (cg) => `${formatLimit(cg.swapMax)}\n`,
    write: (cg, text) => withValue(parseBytes(text), (v) => (cg.swapMax = v)),
  },

  // ---- pids ----
  { name: 'pids.current', controller: 'pids', where: 'nonroot', read: (cg) => `${cg.pidsCurrent}\n` },
  { name: 'pids.peak', controller: 'pids', where: 'nonroot', read: (cg) => `${cg.pidsPeak}\n` },
  {
    name: 'pids.max', controller: 'pids', where: 'nonroot',
    read: (cg) => `${formatLimit(cg.pidsMax)}\n`,
    write: (cg, text) => withValue(parseLimit(text, 0, 4194304), (v) => (cg.pidsMax = v)),
  },
  { name: 'pids.events', controller: 'pids', where: 'nonroot', read: (cg) => lines([['max', cg.pidsEventsMax]]) },
  { name: 'pids.events.local', controller: 'pids', where: 'nonroot', read: (cg) => lines([['max', cg.pidsEventsMaxLocal]]) },

  // ---- io ----
  {
    name: 'io.stat', controller: 'io', where: 'all',
    read: (cg) => [...cg.io].map(([dev, s]) =>
      `${dev} rbytes=${s.rbytes} wbytes=${s.wbytes} rios=${s.rios} wios=${s.wios} dbytes=${s.dbytes} dios=${s.dios}\n`).join(''),
  },
  {
    name: 'io.weight', controller: 'io', where: 'nonroot',
    read: (cg) => `default ${cg.ioWeight}\n`,
    write: (cg, text) => {
      const m = /^(?:default\s+)?(\d+)$/.exec(oneLine(text));
      const v = m ? Number(m[1]) : NaN;
      if (!(v >= 1 && v <= 10000)) return Errno.EINVAL;
      cg.ioWeight = v;
      return 0;
    },
  },
  {
    name: 'io.max', controller: 'io', where: 'nonroot',
    read: (cg) => [...cg.ioMax].map(([dev, v]) => `${dev} ${v}\n`).join(''),
    write: (cg, text) => {
      const m = /^(\d+:\d+)((?:\s+(?:rbps|wbps|riops|wiops)=(?:\d+|max))+)$/.exec(oneLine(text));
      if (!m) return Errno.EINVAL;
      cg.ioMax.set(m[1], m[2].trim().split(/\s+/).join(' '));
      return 0;
    },
  },
];

/** The files that exist in `cg`. */
export function filesOf(cg: Cgroup): CgroupFileSpec[] {
  return CGROUP_FILES.filter((f) => {
    if (f.where === 'root' && !cg.isRoot) return false;
    if (f.where === 'nonroot' && cg.isRoot) return false;
    return !f.controller || cg.has(f.controller);
  });
}
