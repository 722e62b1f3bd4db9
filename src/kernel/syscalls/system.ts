// System-wide syscalls: sysinfo, getrandom, and anonymous memory (mmap/munmap/brk). Memory is
// bookkeeping: the bytes are not allocated on the host, so a 64 MiB mmap costs the daemon
// nothing, but it is charged to the process (and its memory cgroup, via `kernel.memoryCharge`).
import { Errno, fail, ok } from '../../abi/index.js';
import type { SyscallContext, SyscallGroup } from '../syscall-table.js';

const PAGE = 4096;
const pageAlign = (n: number): number => Math.ceil(n / PAGE) * PAGE;

/** mmap(length): ENOMEM past the machine's memory or the cgroup's memory.max (OOM kill). */
function mmap(ctx: SyscallContext, length: number) {
  if (!(length > 0)) return fail(Errno.EINVAL);
  const bytes = pageAlign(length);
  const err = ctx.kernel.chargeMemory(ctx.proc, bytes);
  if (err) return fail(err);
  ctx.proc.anonBytes += bytes;
  const addr = 0x7f0000000000 + ctx.proc.anonBytes;
  return ok(addr);
}

function munmap(ctx: SyscallContext, _addr: number, length: number) {
  const bytes = Math.min(pageAlign(length), ctx.proc.anonBytes);
  ctx.proc.anonBytes -= bytes;
  ctx.kernel.chargeMemory(ctx.proc, -bytes);
  return ok(undefined);
}

/** brk(addr): moves the program break; 0 queries. Growing charges memory (ENOMEM on failure). */
function brk(ctx: SyscallContext, addr: number) {
  const p = ctx.proc;
  if (!addr) return ok(p.brk);
  const delta = pageAlign(addr) - pageAlign(p.brk);
  if (ctx.kernel.chargeMemory(p, delta)) return ok(p.brk);
  p.anonBytes += delta;
  p.brk = addr;
  return ok(p.brk);
}

function sysinfo(ctx: SyscallContext) {
  const k = ctx.kernel;
  return ok({
    uptimeSec: Math.floor(k.clock.monotonicNs / 1e9),
    loads: k.loadAverage(),
    totalram: k.memoryBytes,
    freeram: Math.max(0, k.memoryBytes - k.memoryUsed()),
    procs: k.processes.size,
  });
}

function getrandom(ctx: SyscallContext, length: number) {
  if (!(length >= 0) || length > 33554431) return fail(Errno.EINVAL);
  return ok(ctx.kernel.random(length));
}

export const systemSyscalls: SyscallGroup = {
  sysinfo: { handler: sysinfo, level: 'full' },
  getrandom: { handler: getrandom, level: 'full' },
  mmap: { handler: mmap, level: 'partial', note: 'anonymous memory only, accounted not allocated' },
  munmap: { handler: munmap, level: 'partial' },
  brk: { handler: brk, level: 'full' },
};
