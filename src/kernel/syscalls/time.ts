// Time syscalls: clock_gettime (REALTIME, MONOTONIC, BOOTTIME, PROCESS_CPUTIME_ID) and
// nanosleep, which sleeps on the kernel clock (virtual in tests, paced in the daemon).
import { CLOCK, Errno, fail, ok } from '../../abi/index.js';
import { blockOn, type SyscallContext, type SyscallGroup } from '../syscall-table.js';

const timespec = (ns: number) => ({ sec: Math.floor(ns / 1e9), nsec: Math.floor(ns % 1e9) });

/** clock_gettime(clockid): EINVAL for unknown clocks. */
function clockGettime(ctx: SyscallContext, clockid: number) {
  const { clock } = ctx.kernel;
  switch (clockid) {
    case CLOCK.REALTIME: return ok(timespec(clock.nowNs()));
    case CLOCK.MONOTONIC: case CLOCK.BOOTTIME: return ok(timespec(clock.monotonicNs));
    case CLOCK.PROCESS_CPUTIME_ID:
      ctx.kernel.scheduler.settleAll();
      return ok(timespec(ctx.proc.utimeNs + ctx.proc.stimeNs));
    default: return fail(Errno.EINVAL);
  }
}

/** nanosleep(ns): EINVAL for negative times; EINTR if a handled signal arrives first. */
function nanosleep(ctx: SyscallContext, ns: number) {
  if (!(ns >= 0)) return fail(Errno.EINVAL);
  const now = ctx.kernel.clock.monotonicNs;
  const deadline = (ctx.state.deadline as number | undefined) ?? (ctx.state.deadline = now + ns);
  if (now >= deadline) return ok(undefined);
  return blockOn([], deadline);
}

export const timeSyscalls: SyscallGroup = {
  clock_gettime: { handler: clockGettime, level: 'full', costNs: 100 },
  nanosleep: { handler: nanosleep, level: 'full' },
};
