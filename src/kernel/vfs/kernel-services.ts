// What the VFS needs from the kernel core: the clock, randomness, the console and signals.
// Typed structurally so the VFS depends on a narrow surface of Kernel (and tests can fake it).
import type { Process } from '../task/process.js';
import type { SyscallContext } from '../syscall-table.js';

/** Wall-clock time source: nanoseconds since the epoch. */
export interface Clock {
  nowNs(): number;
}

/** The byte sink of /dev/console. */
export interface ConsoleSink {
  write(data: Uint8Array): void;
}

/** The parts of Kernel the VFS and its device drivers use. */
export interface KernelServices {
  readonly clock: Clock;
  random(length: number): Uint8Array;
  /** Optional until the kernel core provides it; writes are dropped without it. */
  readonly console?: ConsoleSink;
  sendSignal(target: Process, sig: number): void;
}

/** The kernel of a syscall context, seen through the VFS's narrow interface. */
export function servicesOf(ctx: SyscallContext): KernelServices {
  return ctx.kernel;
}
