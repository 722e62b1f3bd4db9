// The simulated Linux kernel: process table, namespaces, syscall entry and the scheduler.
// Programs reach it only through `sys` objects bound to their process (see sys-object.ts).
// The VFS plugs in through a VfsProvider; cgroups through the scheduler's RatePolicy.
import {
  Errno, SIG, WaitStatus, fail, type SysResult, type Program, type Sys, type SyscallName,
} from '../abi/index.js';
import { KernelClock, type HostTimer } from './clock.js';
import { Scheduler } from './sched/scheduler.js';
import { EqualShares } from './sched/rate-policy.js';
import type { Waiter } from './sched/wait-queue.js';
import type { TimedEvent } from './sched/min-heap.js';
import {
  DEFAULT_SYSCALL_COST_NS, NO_RETURN, isBlocked, type Blocked, type HandlerResult,
  type SyscallContext, type SyscallGroup, type SyscallSpec,
} from './syscall-table.js';
import type { Binfmt } from './binfmt.js';
import { Process, type NsProxy } from './task/process.js';
import { Credentials } from './task/credentials.js';
import { UserNamespace } from './ns/user-namespace.js';
import { PidNamespace } from './ns/pid-namespace.js';
import { UtsNamespace } from './ns/uts-namespace.js';
import { IpcNamespace } from './ns/ipc-namespace.js';
import { NetNamespace } from './ns/net-namespace.js';
import { CgroupNamespace } from './ns/cgroup-namespace.js';
import type { MountNamespace } from './ns/mount-namespace.js';
import type { FsContext } from './vfs/fs-context.js';
import { FdTable } from './vfs/fd-table.js';
import { makeSys } from './sys-object.js';
import { Signals } from './task/signals.js';
import { Lifecycle } from './task/lifecycle.js';
import { LoadAverage } from './sched/load-average.js';
import { processSyscalls } from './syscalls/process.js';
import { signalSyscalls } from './syscalls/signal.js';
import { credSyscalls } from './syscalls/cred.js';
import { timeSyscalls } from './syscalls/time.js';
import { nsSyscalls } from './syscalls/ns.js';
import { systemSyscalls } from './syscalls/system.js';
import { MachineMemory, chargeMachinePages, type PageCharge, type PageOwner } from './memory.js';

/** How the VFS plugs into the kernel (implemented in vfs/, wired by the module root). */
export interface VfsProvider {
  createRootMountNamespace(kernel: Kernel, inum: number, userns: UserNamespace): { ns: MountNamespace; fs: FsContext };
  /** Opens `path` for execve: ENOENT, ENOTDIR, EACCES (not regular or not executable), ELOOP. */
  readExecutable(ctx: SyscallContext, path: string): SysResult<{ data: Uint8Array; path: string }>;
  /** The file and mount syscalls. */
  syscalls?: SyscallGroup[];
}

export interface KernelOptions {
  host: HostTimer;
  vfs: VfsProvider;
  /** Virtual CPUs (default 2). */
  ncpus?: number;
  /** Machine memory in bytes (default 2 GiB). */
  memoryBytes?: number;
  hostname?: string;
  /** Randomness source (injected: the kernel never calls Math.random). */
  random?: (length: number) => Uint8Array;
  /** Kernel log lines (printk). */
  log?: (line: string) => void;
  /** Where /dev/console output goes. */
  console?: { write(data: Uint8Array): void };
}

/** One traced syscall: what `skiff run --trace` will print. */
export interface TraceEvent {
  pid: number;
  comm: string;
  name: string;
  args: unknown[];
  result: SysResult<unknown> | 'no-return';
  startNs: number;
  durationNs: number;
}

/** A syscall in flight. */
interface ActiveCall extends Waiter {
  proc: Process;
  name: string;
  spec: SyscallSpec;
  args: unknown[];
  ctx: SyscallContext;
  resolve: (r: SysResult<unknown>) => void;
  startNs: number;
  blocked?: Blocked;
  timer?: TimedEvent;
}

/** Linux's proc_ns inode numbers start here for the initial namespaces. */
const FIRST_NS_INUM = 4026531835;

export class Kernel {
  readonly clock: KernelClock;
  readonly scheduler: Scheduler;
  readonly ncpus: number;
  readonly memoryBytes: number;
  readonly vfs: VfsProvider;
  readonly syscalls = new Map<string, SyscallSpec>();
  readonly binfmts: Binfmt[] = [];
  /** Every process by host PID (zombies included until reaped). */
  readonly processes = new Map<number, Process>();
  readonly rootUserNs: UserNamespace;
  readonly rootPidNs: PidNamespace;
  readonly rootNs: NsProxy;
  /** Host PID 1: a kernel-internal init that reaps whatever is re-parented to it. */
  readonly hostInit: Process;
  readonly signals: Signals;
  readonly lifecycle: Lifecycle;
  /** Traces every syscall when set. */
  trace?: (ev: TraceEvent) => void;
  readonly log: (line: string) => void;
  /** /dev/console's sink. */
  readonly console?: { write(data: Uint8Array): void };
  /** Vetoes a fork with an errno (the pids controller returns EAGAIN past pids.max). */
  forkCheck?: (parent: Process) => number | undefined;
  /** Anonymous memory and file pages against the machine's total (memoryBytes). */
  readonly memory: MachineMemory;
  /**
   * Charges (or with a negative count, uncharges) anonymous memory to a process; returns an
   * errno if it cannot be had. The memory controller wraps it with memory.max and its OOM killer.
   */
  chargeMemory: (proc: Process, bytes: number) => number = (_proc, bytes) => {
    if (bytes > 0 && bytes > this.memory.total - this.memory.used) return Errno.ENOMEM;
    this.memory.anon += bytes;
    return 0;
  };
  /**
   * Charges up to `bytes` (whole pages) of file data written by `proc` to a memory filesystem;
   * returns who pays (keep it to uncharge) and how much was granted, or ENOMEM. The memory
   * controller wraps it to charge the writer's cgroup. See memory.ts.
   */
  chargeFilePages: (proc: Process, bytes: number) => SysResult<PageCharge> = (proc, bytes) => {
    const r = chargeMachinePages(this, this.memory, proc, bytes);
    return r.ok ? { ok: true, value: { owner: this.machinePages, bytes: r.value } } : r;
  };
  /** The payer of file pages charged to the machine alone. */
  readonly machinePages: PageOwner = { uncharge: (bytes) => { this.memory.shmem = Math.max(0, this.memory.shmem - bytes); } };
  /** Told of every OOM kill, global or in a cgroup (memory.events oom_kill). */
  onOomKill?: (victim: Process) => void;
  private readonly load = new LoadAverage();
  private readonly randomSource: (length: number) => Uint8Array;
  private nextInum = FIRST_NS_INUM + 8;
  /** Syscalls in flight per process (internal processes have at most one). */
  private readonly active = new Map<Process, Set<ActiveCall>>();

  constructor(options: KernelOptions) {
    this.clock = new KernelClock(options.host);
    this.ncpus = options.ncpus ?? 2;
    this.memoryBytes = options.memoryBytes ?? 2 * 1024 ** 3;
    this.memory = new MachineMemory(this.memoryBytes);
    this.vfs = options.vfs;
    this.log = options.log ?? (() => {});
    this.console = options.console;
    this.randomSource = options.random ?? deterministicRandom();
    this.scheduler = new Scheduler(this.clock, this.ncpus, new EqualShares(), (p) =>
      this.log(`watchdog: pid ${p.hostPid} (${p.comm}) held the CPU for 2s without a syscall`));
    this.scheduler.onRunnableChange = (n) => this.load.update(this.clock.monotonicNs, n);
    this.signals = new Signals(this);
    this.lifecycle = new Lifecycle(this);

    const user = (this.rootUserNs = new UserNamespace(FIRST_NS_INUM + 2, undefined, 0));
    this.rootPidNs = new PidNamespace(FIRST_NS_INUM + 1, undefined, user);
    const mnt = this.vfs.createRootMountNamespace(this, FIRST_NS_INUM + 6, user);
    this.rootNs = {
      pid: this.rootPidNs,
      pidForChildren: this.rootPidNs,
      mnt: mnt.ns,
      uts: new UtsNamespace(FIRST_NS_INUM + 3, user, options.hostname ?? 'skiff'),
      ipc: new IpcNamespace(FIRST_NS_INUM + 4, user),
      net: new NetNamespace(FIRST_NS_INUM + 5, user),
      cgroup: new CgroupNamespace(FIRST_NS_INUM, user, '/'),
      user,
    };
    this.hostInit = this.lifecycle.createProcess({
      cred: new Credentials(user), fs: mnt.fs, files: new FdTable(), ns: this.rootNs, external: true,
    });
    this.hostInit.comm = 'init';
    this.hostInit.state = 'sleeping';
    this.rootPidNs.init = this.hostInit;
    for (const group of [processSyscalls, signalSyscalls, credSyscalls, timeSyscalls, nsSyscalls, systemSyscalls, ...(this.vfs.syscalls ?? [])]) {
      this.registerSyscalls(group);
    }
  }

  /** Bytes of memory in use: programs' anonymous memory and files in memory filesystems. */
  memoryUsed(): number {
    return this.memory.used;
  }

  /** The 1, 5 and 15 minute load averages. */
  loadAverage(): [number, number, number] {
    return this.load.read(this.clock.monotonicNs);
  }

  /** Set once the kernel has panicked: the reason. Every program is dead; boot a new kernel. */
  panicked?: string;
  /** Told after a panic (the engine records it and boots a fresh machine). */
  onPanic?: (reason: string) => void;

  /**
   * A kernel panic: one shared kernel, so every process dies at once (every container, as on a
   * real host). Host-side processes (the engine) survive to observe it.
   */
  panic(reason: string): void {
    if (this.panicked) return;
    this.panicked = reason;
    this.log(`Kernel panic - not syncing: ${reason}`);
    for (const p of [...this.processes.values()]) {
      if (p !== this.hostInit && !p.external) this.lifecycle.exit(p, WaitStatus.signaled(SIG.KILL));
    }
    this.onPanic?.(reason);
  }

  /** A fresh namespace inode number. */
  allocInum(): number {
    return this.nextInum++;
  }

  /** Injected randomness (/dev/urandom, getrandom, IDs). */
  random(length: number): Uint8Array {
    return this.randomSource(length);
  }

  /** Adds syscalls to the table (later groups override earlier ones). */
  registerSyscalls(group: SyscallGroup): void {
    for (const [name, spec] of Object.entries(group)) if (spec) this.syscalls.set(name, spec);
  }

  registerBinfmt(format: Binfmt): void {
    this.binfmts.push(format);
  }

  /** The `sys` object a program uses to call into the kernel as `proc`. */
  sysFor(proc: Process): Sys {
    return makeSys(this, proc);
  }

  /** Sends a signal from the kernel (SIGPIPE, SIGCHLD, SIGKILL by the OOM killer, …). */
  sendSignal(target: Process, sig: number): void {
    this.signals.send(target, sig, { force: true });
  }

  /**
   * Syscall entry: every `sys.x(...)` lands here. The handler runs now; the caller is resumed
   * when the call's CPU cost has been served (or never, for exit and a successful execve).
   */
  enter(proc: Process, name: SyscallName, args: unknown[]): Promise<SysResult<unknown>> {
    this.scheduler.yielded(proc);
    if (!proc.alive) return new Promise(() => {}); // a killed process is never resumed
    let calls = this.active.get(proc);
    if (!calls) this.active.set(proc, (calls = new Set()));
    if (!proc.external && calls.size > 0) {
      return Promise.reject(new Error(`pid ${proc.hostPid} (${proc.comm}) made syscall ${name} while ${[...calls][0].name} is in flight: a process makes one syscall at a time`));
    }
    const spec = this.syscalls.get(name) ?? ENOSYS_SPEC;
    return new Promise((resolve) => {
      const call: ActiveCall = {
        proc, name, spec, args, resolve, startNs: this.clock.monotonicNs,
        ctx: { kernel: this, proc, state: {} },
        wake: () => this.wake(call),
      };
      calls!.add(call);
      this.attempt(call);
    });
  }

  /** Runs (or re-runs, after a wakeup) a call's handler. */
  private attempt(call: ActiveCall): void {
    let result: HandlerResult<unknown>;
    try {
      result = call.spec.handler(call.ctx, ...call.args);
    } catch (err) {
      this.log(`BUG: syscall ${call.name} of pid ${call.proc.hostPid} threw: ${(err as Error).stack ?? err}`);
      result = fail(Errno.EIO);
    }
    if (result === NO_RETURN) {
      this.active.get(call.proc)?.delete(call);
      this.emitTrace(call, 'no-return');
      return;
    }
    if (isBlocked(result)) return this.sleep(call, result);
    this.finish(call, result);
  }

  /** Charges the call's CPU cost, then resumes the caller with `result`. */
  private finish(call: ActiveCall, result: SysResult<unknown>): void {
    const proc = call.proc;
    if (!proc.alive) return; // killed by its own call (kill(getpid(), SIGKILL), the OOM killer)
    if (proc.external) {
      this.scheduler.at(this.clock.monotonicNs, () => this.complete(call, result));
      return;
    }
    const spin = call.name === 'spin';
    const cost = spin ? Math.max(0, Number(call.args[0]) || 0) : call.spec.costNs ?? DEFAULT_SYSCALL_COST_NS;
    proc.state = 'runnable';
    this.scheduler.runWork(proc, cost, spin ? 'user' : 'system', () => this.complete(call, result));
  }

  /** Resumes the caller; returns true if its program's JS now runs (see Scheduler.complete). */
  private complete(call: ActiveCall, result: SysResult<unknown>): boolean {
    const proc = call.proc;
    this.active.get(proc)?.delete(call);
    if (!proc.alive) return false;
    this.emitTrace(call, result);
    if (proc.external) {
      call.resolve(result);
      return false;
    }
    proc.state = 'running';
    return this.signals.returnToUser(proc, () => call.resolve(result));
  }

  private sleep(call: ActiveCall, blocked: Blocked): void {
    const proc = call.proc;
    call.blocked = blocked;
    if (!proc.external) {
      proc.state = 'sleeping';
      this.scheduler.dequeue(proc);
    }
    for (const q of blocked.queues) q.add(call);
    if (blocked.deadlineNs !== undefined) call.timer = this.scheduler.at(blocked.deadlineNs, () => this.wake(call));
    if (!blocked.uninterruptible && !proc.external && this.signals.hasDeliverable(proc)) this.interrupt(proc);
  }

  /** Ends a call's sleep; its handler runs again at the current time, as an event. */
  private wake(call: ActiveCall): void {
    if (!call.blocked) return;
    this.unblock(call);
    this.scheduler.at(this.clock.monotonicNs, () => {
      if (!call.proc.alive) return;
      if (call.proc.sched.stopped || call.proc.sched.frozen) {
        // Retried on resume: the stopped process keeps its call pending.
        call.proc.sched.onDone = () => { this.attempt(call); return false; };
        return;
      }
      this.attempt(call);
    });
  }

  private unblock(call: ActiveCall): void {
    for (const q of call.blocked?.queues ?? []) q.remove(call);
    if (call.timer) call.timer.cancelled = true;
    call.blocked = undefined;
    call.timer = undefined;
  }

  /** The blocked, interruptible call of `proc`, if any. */
  interruptibleCall(proc: Process): ActiveCall | undefined {
    for (const c of this.active.get(proc) ?? []) if (c.blocked && !c.blocked.uninterruptible) return c;
    return undefined;
  }

  /**
   * A signal arrived for a process asleep in a syscall: end the sleep. With SA_RESTART the
   * handler runs and the call is retried; otherwise the call fails with EINTR.
   */
  interrupt(proc: Process): void {
    const call = this.interruptibleCall(proc);
    if (!call) return;
    this.unblock(call);
    const restart = this.signals.shouldRestart(proc);
    this.scheduler.at(this.clock.monotonicNs, () => {
      if (!proc.alive) return;
      if (restart) {
        this.signals.deliverPending(proc);
        if (proc.alive) this.attempt(call);
      } else {
        this.finish(call, fail(Errno.EINTR));
      }
    });
  }

  /** Drops every call of a dying process (its promises are never resolved). */
  abandonCalls(proc: Process): void {
    for (const call of this.active.get(proc) ?? []) this.unblock(call);
    this.active.delete(proc);
  }

  private emitTrace(call: ActiveCall, result: SysResult<unknown> | 'no-return'): void {
    if (!this.trace) return;
    this.trace({
      pid: call.proc.hostPid, comm: call.proc.comm, name: call.name, args: call.args, result,
      startNs: call.startNs, durationNs: this.clock.monotonicNs - call.startNs,
    });
  }

  /**
   * Starts a process as a child of host init: either host code (external: the caller gets its
   * `sys`) or a program. Used by boot, the test harness and the engine's host process.
   */
  spawn(options: { program?: Program; argv?: string[]; envp?: string[]; files?: FdTable; comm?: string; external?: boolean; parent?: Process }): SpawnedProcess {
    const parent = options.parent ?? this.hostInit;
    const proc = this.lifecycle.createProcess({
      parent,
      cred: parent.cred.clone(),
      fs: parent.fs.clone(),
      files: options.files ?? new FdTable(),
      ns: { ...parent.ns, pid: parent.ns.pidForChildren },
      external: options.external,
    });
    proc.argv = options.argv ?? [options.comm ?? 'host'];
    proc.envp = options.envp ?? [];
    proc.comm = (options.comm ?? basename(proc.argv[0] ?? 'host')).slice(0, 15);
    const exited = this.lifecycle.exitPromise(proc);
    if (options.program && !options.external) {
      const program = options.program;
      this.lifecycle.startProgram(proc, (sys) => program(proc.argv, proc.envp, sys));
    } else {
      proc.state = 'running';
    }
    return { pid: proc.hostPid, proc, sys: this.sysFor(proc), exited };
  }
}

/** A process started with Kernel.spawn. `proc` is for kernel-side code and tests only. */
export interface SpawnedProcess {
  pid: number;
  proc: Process;
  sys: Sys;
  /** Resolves with the wait status when the process exits. */
  exited: Promise<number>;
}

const ENOSYS_SPEC: SyscallSpec = { handler: () => fail(Errno.ENOSYS), level: 'stub', note: 'not implemented' };

export function basename(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/** A seeded xorshift generator: deterministic randomness when boot injects none. */
function deterministicRandom(seed = 0x2545f491): (length: number) => Uint8Array {
  let x = seed >>> 0;
  return (length) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      out[i] = x & 0xff;
    }
    return out;
  };
}

