// /proc/<pid>/stat, status and statm: a process's identity, state, CPU times, memory and
// credentials, formatted as Linux 6.x does (fs/proc/array.c). PIDs are those of the proc
// mount's PID namespace; IDs those of the reader's user namespace.
import { SIG } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import type { Process } from '../task/process.js';
import type { PidNamespace } from '../ns/pid-namespace.js';
import { hierarchyOf } from '../cgroup/cgroup-fs.js';
import { effectiveCpus } from '../cgroup/cpu-policy.js';
import { isCgroup } from '../cgroup/cgroup.js';
import { hex16, mapId, nsPidOfHost, stateOf, ticks } from './proc-util.js';

const PAGE = 4096;
const RLIM_INFINITY = '18446744073709551615';
/** PF_RANDOMIZE, what a normal user process shows in stat's flags. */
const PF_RANDOMIZE = 0x00400000;

/** CPUs the process may run on (its cgroup's effective cpuset). */
function allowedCpus(ctx: SyscallContext, p: Process): number[] {
  const n = ctx.kernel.ncpus;
  if (hierarchyOf(ctx.kernel) && isCgroup(p.cgroup)) return effectiveCpus(p.cgroup, n);
  return Array.from({ length: n }, (_, i) => i);
}

function cpuMaskHex(cpus: number[]): string {
  let mask = 0n;
  for (const c of cpus) mask |= 1n << BigInt(c);
  return mask.toString(16);
}

function cpuList(cpus: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < cpus.length; ) {
    let j = i;
    while (j + 1 < cpus.length && cpus[j + 1] === cpus[j] + 1) j++;
    parts.push(i === j ? `${cpus[i]}` : `${cpus[i]}-${cpus[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** Signal bit sets of dispositions: ignored and caught. */
function dispositionMasks(p: Process): { ignored: bigint; caught: bigint } {
  let ignored = 0n, caught = 0n;
  for (const [sig, act] of p.sigactions) {
    const bit = 1n << BigInt(sig - 1);
    if (act.disposition === 'ignore') ignored |= bit;
    else if (typeof act.disposition === 'function') caught |= bit;
  }
  return { ignored, caught };
}

/** /proc/<pid>/stat. */
export function statText(ctx: SyscallContext, p: Process, ns: PidNamespace): string {
  ctx.kernel.scheduler.settleAll();
  const k = ctx.kernel;
  const alive = p.alive;
  const vsize = alive ? p.anonBytes : 0;
  const { ignored, caught } = dispositionMasks(p);
  const low31 = (b: bigint): string => String(Number(b & 0x7fffffffn));
  const fields: (string | number)[] = [
    p.pidIn(ns), `(${p.comm})`, stateOf(p).letter,
    p.parent?.pidIn(ns) ?? 0, nsPidOfHost(k, p.pgid, ns), nsPidOfHost(k, p.sid, ns),
    0, -1, PF_RANDOMIZE, 0, 0, 0, 0,
    ticks(p.utimeNs), ticks(p.stimeNs), ticks(p.cutimeNs), ticks(p.cstimeNs),
    20, 0, 1, 0, ticks(p.startTimeNs), vsize, Math.ceil(vsize / PAGE), RLIM_INFINITY,
    0, 0, 0, 0, 0,
    low31(p.sigpending), low31(p.sigmask), low31(ignored), low31(caught),
    0, 0, 0, SIG.CHLD, p.sched.cpu, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0,
    alive ? 0 : p.exitStatus,
  ];
  return fields.join(' ') + '\n';
}

/** /proc/<pid>/statm: sizes in pages. */
export function statmText(p: Process): string {
  const pages = p.alive ? Math.ceil(p.anonBytes / PAGE) : 0;
  return `${pages} ${pages} 0 0 0 ${pages} 0\n`;
}

const kB = (label: string, bytes: number): string => `${label}:\t${String(Math.ceil(bytes / 1024)).padStart(8)} kB\n`;

/** /proc/<pid>/status. */
export function statusText(ctx: SyscallContext, p: Process, ns: PidNamespace): string {
  const k = ctx.kernel;
  const reader = ctx.proc.cred.userns;
  const c = p.cred;
  const uid = (id: number): number => mapId(id, c.userns, reader, 'uid');
  const gid = (id: number): number => mapId(id, c.userns, reader, 'gid');
  const st = stateOf(p);
  const levels = p.pids.slice(0, p.pids.findIndex((e) => e.ns === ns) + 1).reverse();
  const nsIds = (hostId: number): string => {
    const leader = k.processes.get(hostId);
    return levels.map((e) => leader?.pidIn(e.ns) ?? 0).join('\t');
  };
  const maxFd = Math.max(-1, ...p.files.fds());
  let fdSize = 64;
  while (fdSize <= maxFd) fdSize *= 2;
  const { ignored, caught } = dispositionMasks(p);
  const cpus = allowedCpus(ctx, p);
  const mem = p.alive ? p.anonBytes : 0;
  let out = `Name:\t${p.comm}\nUmask:\t${p.fs.umask.toString(8).padStart(4, '0')}\nState:\t${st.letter} (${st.word})\n`;
  out += `Tgid:\t${p.pidIn(ns)}\nNgid:\t0\nPid:\t${p.pidIn(ns)}\nPPid:\t${p.parent?.pidIn(ns) ?? 0}\nTracerPid:\t0\n`;
  out += `Uid:\t${uid(c.uid)}\t${uid(c.euid)}\t${uid(c.suid)}\t${uid(c.fsuid)}\n`;
  out += `Gid:\t${gid(c.gid)}\t${gid(c.egid)}\t${gid(c.sgid)}\t${gid(c.fsgid)}\n`;
  out += `FDSize:\t${fdSize}\nGroups:\t${c.groups.map((g) => `${gid(g)} `).join('')}\n`;
  out += `NStgid:\t${levels.map((e) => e.nr).join('\t')}\nNSpid:\t${levels.map((e) => e.nr).join('\t')}\n`;
  out += `NSpgid:\t${nsIds(p.pgid)}\nNSsid:\t${nsIds(p.sid)}\nKthread:\t0\n`;
  if (p.alive) {
    out += kB('VmPeak', mem) + kB('VmSize', mem) + kB('VmLck', 0) + kB('VmPin', 0) + kB('VmHWM', mem) + kB('VmRSS', mem);
    out += kB('RssAnon', mem) + kB('RssFile', 0) + kB('RssShmem', 0) + kB('VmData', mem) + kB('VmStk', 0);
    out += kB('VmExe', 0) + kB('VmLib', 0) + kB('VmPTE', 0) + kB('VmSwap', 0);
    out += `HugetlbPages:\t${'0'.padStart(8)} kB\nCoreDumping:\t0\nTHP_enabled:\t1\n`;
  }
  out += `Threads:\t1\nSigQ:\t0/63460\nSigPnd:\t${hex16(p.sigpending)}\nShdPnd:\t${hex16(0n)}\n`;
  out += `SigBlk:\t${hex16(p.sigmask)}\nSigIgn:\t${hex16(ignored)}\nSigCgt:\t${hex16(caught)}\n`;
  out += `CapInh:\t${hex16(c.inheritable)}\nCapPrm:\t${hex16(c.permitted)}\nCapEff:\t${hex16(c.effective)}\n`;
  out += `CapBnd:\t${hex16(c.bounding)}\nCapAmb:\t${hex16(0n)}\nNoNewPrivs:\t${p.noNewPrivs ? 1 : 0}\n`;
  out += `Seccomp:\t0\nSeccomp_filters:\t0\nSpeculation_Store_Bypass:\tnot vulnerable\n`;
  out += `Cpus_allowed:\t${cpuMaskHex(cpus)}\nCpus_allowed_list:\t${cpuList(cpus)}\n`;
  out += `Mems_allowed:\t1\nMems_allowed_list:\t0\nvoluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n`;
  return out;
}
