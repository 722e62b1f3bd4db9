// The system-wide files of /proc: uptime, loadavg, meminfo, cpuinfo, stat, version,
// filesystems, cmdline, kcore, sysrq-trigger and /proc/sys/kernel. Content comes from the
// kernel of the reading syscall (clock, scheduler accounting, memory, UTS namespace).
import { CAP, CAP_LAST_CAP, Errno } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import type { Kernel } from '../kernel.js';
import type { PidNamespace } from '../ns/pid-namespace.js';
import { fileSystems } from '../vfs/fs-type-registry.js';
import { staticDir, textFile, type PseudoNode } from '../fs/pseudo-node.js';
import { KERNEL_RELEASE, KERNEL_VERSION } from '../syscalls/ns.js';
import { hierarchyOf } from '../cgroup/cgroup-fs.js';
import { ticks } from './proc-util.js';

/** The optional panic hook the kernel core may offer (writing `c` to /proc/sysrq-trigger calls it). */
interface Panickable {
  panic?: (reason: string) => void;
}

/** User and system CPU time per virtual CPU, in ns. */
function cpuTimes(k: Kernel): { user: number; system: number }[] {
  k.scheduler.settleAll();
  const per = hierarchyOf(k)?.cpu.perCpu;
  return Array.from({ length: k.ncpus }, (_, i) => per
    ? { user: per.user[i] ?? 0, system: per.system[i] ?? 0 }
    : { user: k.scheduler.busyNs / k.ncpus, system: 0 });
}

function uptime(ctx: SyscallContext): string {
  const k = ctx.kernel;
  const up = k.clock.monotonicNs / 1e9;
  const busy = cpuTimes(k).reduce((a, c) => a + c.user + c.system, 0) / 1e9;
  const idle = Math.max(0, up * k.ncpus - busy);
  return `${up.toFixed(2)} ${idle.toFixed(2)}\n`;
}

function loadavg(ctx: SyscallContext, ns: PidNamespace): string {
  const k = ctx.kernel;
  const [a, b, c] = k.loadAverage();
  const last = Math.max(0, ...ns.tasks.keys());
  return `${a.toFixed(2)} ${b.toFixed(2)} ${c.toFixed(2)} ${Math.max(1, k.scheduler.runnableCount)}/${k.processes.size} ${last}\n`;
}

function meminfo(ctx: SyscallContext): string {
  const k = ctx.kernel;
  const total = k.memoryBytes;
  const used = Math.min(total, k.memoryUsed());
  const free = total - used;
  // Files in memory filesystems are Shmem: page cache (Cached) on the anon LRU lists.
  const shmem = Math.min(used, k.memory.shmem);
  const anon = used - shmem;
  const line = (label: string, bytes: number, unit = true): string =>
    `${(label + ':').padEnd(16)}${String(unit ? Math.floor(bytes / 1024) : bytes).padStart(8)}${unit ? ' kB' : ''}\n`;
  const rows: [string, number, boolean?][] = [
    ['MemTotal', total], ['MemFree', free], ['MemAvailable', free], ['Buffers', 0], ['Cached', shmem], ['SwapCached', 0],
    ['Active', anon], ['Inactive', shmem], ['Active(anon)', anon], ['Inactive(anon)', shmem], ['Active(file)', 0],
    ['Inactive(file)', 0], ['Unevictable', 0], ['Mlocked', 0], ['SwapTotal', 0], ['SwapFree', 0], ['Zswap', 0],
    ['Zswapped', 0], ['Dirty', 0], ['Writeback', 0], ['AnonPages', anon], ['Mapped', 0], ['Shmem', shmem],
    ['KReclaimable', 0], ['Slab', 0], ['SReclaimable', 0], ['SUnreclaim', 0], ['KernelStack', 0], ['PageTables', 0],
    ['SecPageTables', 0], ['NFS_Unstable', 0], ['Bounce', 0], ['WritebackTmp', 0], ['CommitLimit', total],
    ['Committed_AS', used], ['VmallocTotal', 34359738367 * 1024], ['VmallocUsed', 0], ['VmallocChunk', 0],
    ['Percpu', 0], ['HugePages_Total', 0, false], ['HugePages_Free', 0, false], ['HugePages_Rsvd', 0, false],
    ['HugePages_Surp', 0, false], ['Hugepagesize', 2048 * 1024], ['Hugetlb', 0],
  ];
  return rows.map(([l, v, unit]) => line(l, v, unit !== false)).join('');
}

function cpuinfo(ctx: SyscallContext): string {
  const n = ctx.kernel.ncpus;
  let out = '';
  for (let i = 0; i < n; i++) {
    out += `processor\t: ${i}\nvendor_id\t: SkiffVirtual\ncpu family\t: 6\nmodel\t\t: 0\nmodel name\t: skiff virtual CPU\n`;
    out += `stepping\t: 0\ncpu MHz\t\t: 1000.000\ncache size\t: 0 KB\nphysical id\t: 0\nsiblings\t: ${n}\ncore id\t\t: ${i}\n`;
    out += `cpu cores\t: ${n}\napicid\t\t: ${i}\nfpu\t\t: yes\nflags\t\t: fpu\nbogomips\t: 2000.00\n`;
    out += `address sizes\t: 48 bits physical, 48 bits virtual\n\n`;
  }
  return out;
}

function stat(ctx: SyscallContext): string {
  const k = ctx.kernel;
  const up = k.clock.monotonicNs;
  const per = cpuTimes(k);
  const row = (name: string, user: number, system: number, idle: number): string =>
    `${name} ${ticks(user)} 0 ${ticks(system)} ${ticks(Math.max(0, idle))} 0 0 0 0 0 0\n`;
  const sum = per.reduce((a, c) => ({ user: a.user + c.user, system: a.system + c.system }), { user: 0, system: 0 });
  let out = row('cpu ', sum.user, sum.system, up * k.ncpus - sum.user - sum.system);
  per.forEach((c, i) => (out += row(`cpu${i}`, c.user, c.system, up - c.user - c.system)));
  out += `intr 0\nctxt 0\nbtime ${Math.floor(k.clock.bootEpochNs / 1e9)}\nprocesses ${Math.max(0, ...k.processes.keys())}\n`;
  out += `procs_running ${Math.max(1, k.scheduler.runnableCount)}\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n`;
  return out;
}

/** A /proc/sys/kernel file bound to the reader's UTS namespace (writes need CAP_SYS_ADMIN over it). */
function utsFile(field: 'hostname' | 'domainname'): PseudoNode {
  return textFile((ctx) => `${ctx.proc.ns.uts[field]}\n`, (text, ctx) => {
    const uts = ctx.proc.ns.uts;
    if (!ctx.proc.cred.capableIn(uts.owner, CAP.SYS_ADMIN)) return Errno.EPERM;
    const v = text.replace(/\n$/, '');
    if (v.length > 64) return Errno.EINVAL;
    uts[field] = v;
    return 0;
  });
}

const constant = (text: string): PseudoNode => textFile(() => text);

/** /proc/sys (the kernel part). */
const sysDir = staticDir({
  kernel: staticDir({
    hostname: utsFile('hostname'),
    domainname: utsFile('domainname'),
    ostype: constant('Linux\n'),
    osrelease: constant(`${KERNEL_RELEASE}\n`),
    version: constant(`${KERNEL_VERSION}\n`),
    pid_max: constant('4194304\n'),
    'threads-max': constant('126000\n'),
    cap_last_cap: constant(`${CAP_LAST_CAP}\n`),
    overflowuid: constant('65534\n'),
    overflowgid: constant('65534\n'),
    ngroups_max: constant('65536\n'),
  }),
});

/** /proc/sysrq-trigger: `c` crashes the kernel through its panic hook; other keys are logged. */
function sysrqWrite(text: string, ctx: SyscallContext): number {
  const key = text.trim()[0];
  if (!key) return 0;
  if (!ctx.proc.cred.capableIn(ctx.kernel.rootUserNs, CAP.SYS_ADMIN)) return Errno.EPERM;
  if (key === 'c') {
    ctx.kernel.log('sysrq: Trigger a crash');
    const k = ctx.kernel as Kernel & Panickable;
    k.panic?.('sysrq triggered crash');
  } else {
    ctx.kernel.log(`sysrq: key '${key}' ignored`);
  }
  return 0;
}

/** The fixed (non-PID) entries of a /proc mount showing PID namespace `ns`. */
export function systemEntries(ns: PidNamespace): Record<string, PseudoNode> {
  return {
    cmdline: constant('skiff\n'),
    cpuinfo: textFile(cpuinfo),
    filesystems: textFile(() => fileSystems.names().map((n) => `nodev\t${n}\n`).join('')),
    kcore: { kind: 'file', mode: 0o400, read: () => new Uint8Array(0) },
    loadavg: textFile((ctx) => loadavg(ctx, ns)),
    meminfo: textFile(meminfo),
    stat: textFile(stat),
    sys: sysDir,
    'sysrq-trigger': { kind: 'file', mode: 0o200, write: sysrqWrite },
    uptime: textFile(uptime),
    version: textFile(() => `Linux version ${KERNEL_RELEASE} (skiff@skiff) (skiff virtual toolchain) ${KERNEL_VERSION}\n`),
  };
}
