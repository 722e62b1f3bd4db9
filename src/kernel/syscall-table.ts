// The syscall table as data: name → handler, support level, note, CPU cost. It is the
// compatibility matrix, the ENOSYS default, and the hook for tracing (see Kernel.syscall).
import type { SysResult, SyscallName } from '../abi/index.js';
import type { WaitQueue } from './sched/wait-queue.js';
import type { Kernel } from './kernel.js';
import type { Process } from './task/process.js';

/** A handler's answer when the call cannot complete yet: sleep on these queues, then retry. */
export interface Blocked {
  readonly blocked: true;
  readonly queues: readonly WaitQueue[];
  /** Wake (and retry) at this clock time even if no queue fires, in ns. */
  readonly deadlineNs?: number;
  /** A caught signal does not interrupt this wait (TASK_UNINTERRUPTIBLE-like). */
  readonly uninterruptible?: boolean;
}

/** Block on queues (and optionally until a deadline); the handler runs again when woken. */
export function blockOn(queues: readonly WaitQueue[], deadlineNs?: number): Blocked {
  return { blocked: true, queues, deadlineNs };
}

export function isBlocked(r: unknown): r is Blocked {
  return typeof r === 'object' && r !== null && (r as Blocked).blocked === true;
}

/** What a handler returns: a result now, or a request to block and be retried. */
export type HandlerResult<T> = SysResult<T> | Blocked | typeof NO_RETURN;

/** Everything a handler sees: the kernel, the calling process, and state kept across retries. */
export interface SyscallContext {
  readonly kernel: Kernel;
  readonly proc: Process;
  /** Fresh for each syscall invocation, kept across the retries of one blocked call. */
  readonly state: Record<string, unknown>;
}

/** How completely skiff implements a syscall. */
export type SupportLevel = 'full' | 'partial' | 'stub';

/** One row of the table. Handlers are synchronous: no await between check and update. */
export interface SyscallSpec {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: (ctx: SyscallContext, ...args: any[]) => HandlerResult<unknown>;
  level: SupportLevel;
  note?: string;
  /** CPU time one call costs, in ns (system time). Defaults to DEFAULT_SYSCALL_COST_NS. */
  costNs?: number;
}

/** A part of the table, as each syscall module exports it. */
export type SyscallGroup = Partial<Record<SyscallName, SyscallSpec>>;

/** The CPU cost of a syscall without its own figure: 1 µs of system time. */
export const DEFAULT_SYSCALL_COST_NS = 1000;

/** A handler's answer when the caller must never be resumed (exit, a successful execve). */
export const NO_RETURN: unique symbol = Symbol('no-return');
