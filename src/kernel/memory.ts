// The machine's memory: anonymous memory (brk/mmap) and file pages of memory filesystems
// (tmpfs, overlay upper layers on tmpfs; Linux's shmem), counted against the configured total,
// and the global OOM killer for file pages. The memory cgroup controller (cgroup/) wraps the
// kernel's charge hooks with per-cgroup limits; this file is what is left without cgroups.
//
// Why file pages count: the simulated kernel keeps file data in the daemon's real memory, so the
// machine's total is what bounds the daemon whatever a container writes.
import { Errno, SIG, type SysResult } from '../abi/index.js';
import type { Process } from './task/process.js';

export const PAGE_SIZE = 4096;

/** Whole pages for `bytes` bytes, in bytes. */
export const pageBytes = (bytes: number): number => Math.ceil(bytes / PAGE_SIZE) * PAGE_SIZE;

/**
 * Who pays for a run of file pages: the memory cgroup of the process that wrote them (or, with
 * no cgroups, the machine). Kept by the file, so the pages are given back to the right payer
 * however long after the writer moved or exited.
 */
export interface PageOwner {
  /** Gives back `bytes` of file pages (to the machine and the owner's cgroups). */
  uncharge(bytes: number): void;
}

/** A successful file-page charge: may be less than asked for (the write is then short). */
export interface PageCharge {
  owner: PageOwner;
  bytes: number;
}

/** Machine-wide counters, in bytes. */
export class MachineMemory {
  anon = 0;
  /** File pages of memory filesystems (/proc/meminfo Shmem). */
  shmem = 0;

  constructor(readonly total: number) {}

  get used(): number {
    return this.anon + this.shmem;
  }

  /** Whole free pages, in bytes. */
  get room(): number {
    return Math.max(0, Math.floor((this.total - this.used) / PAGE_SIZE) * PAGE_SIZE);
  }
}

/** What the OOM killers need from the kernel. */
export interface OomKernel {
  readonly processes: ReadonlyMap<number, Process>;
  readonly hostInit: Process;
  log(line: string): void;
  sendSignal(target: Process, sig: number): void;
  chargeMemory(proc: Process, bytes: number): number;
  readonly scheduler: { at(timeNs: number, fn: () => void): unknown };
  readonly clock: { readonly monotonicNs: number };
  /** Told of every OOM kill (the memory controller counts it in memory.events oom_kill). */
  onOomKill?: (victim: Process) => void;
}

/**
 * The OOM killer's choice among `candidates`: the process using most memory (anonymous memory,
 * as Linux's badness counts resident pages; file pages belong to no process). The caller counts
 * with its request and wins ties, so a lone writer is its own victim. Host-side (external)
 * processes and dead ones are never chosen.
 */
export function oomVictim(candidates: Iterable<Process>, caller: Process | undefined, request: number): Process | undefined {
  let best: Process | undefined;
  let bestSize = -1;
  for (const p of candidates) {
    if (!p.alive || p.external) continue;
    const size = p.anonBytes + (p === caller ? request : 0);
    if (size > bestSize || (size === bestSize && p === caller)) {
      best = p;
      bestSize = size;
    }
  }
  return best;
}

/**
 * Kills an OOM victim: SIGKILL (delivered once its own syscall has returned, when the victim is
 * the caller), and its anonymous memory is given back at once, as Linux's OOM reaper does, so
 * the charge that needed room can be retried.
 */
export function oomKill(kernel: OomKernel, victim: Process, caller: Process | undefined): void {
  kernel.onOomKill?.(victim);
  if (victim === caller) kernel.scheduler.at(kernel.clock.monotonicNs, () => kernel.sendSignal(victim, SIG.KILL));
  else kernel.sendSignal(victim, SIG.KILL);
  const anon = victim.anonBytes;
  if (anon > 0) {
    victim.anonBytes = 0;
    kernel.chargeMemory(victim, -anon);
  }
}

/**
 * Charges up to `bytes` (whole pages) of file pages to the machine for `proc`. With no whole
 * page free, the global OOM killer runs: it kills the largest process machine-wide and retries;
 * when that is the writer (or nothing can be killed) the charge fails with ENOMEM, as Linux's
 * shmem write does. Killing others frees only their anonymous memory (file pages stay until
 * their files go), so a machine filled with files ends with the writer killed. Host-side
 * writers (the engine unpacking an image) never trigger kills: they get ENOMEM.
 */
export function chargeMachinePages(kernel: OomKernel, memory: MachineMemory, proc: Process, bytes: number): SysResult<number> {
  for (;;) {
    const room = memory.room;
    if (room >= PAGE_SIZE || bytes === 0) {
      const granted = Math.min(bytes, room);
      memory.shmem += granted;
      return { ok: true, value: granted };
    }
    if (proc.external) return { ok: false, errno: Errno.ENOMEM };
    const victim = oomVictim(kernel.processes.values(), proc, PAGE_SIZE);
    if (!victim) return { ok: false, errno: Errno.ENOMEM };
    kernel.log(`Out of memory: Killed process ${victim.hostPid} (${victim.comm})`);
    oomKill(kernel, victim, proc);
    if (victim === proc) return { ok: false, errno: Errno.ENOMEM };
  }
}
