// Process lifecycle: creation (PIDs in every enclosing namespace), program start, exit,
// zombies, re-parenting of orphans to the nearest PID-namespace init, reaping, and the death
// of a namespace's init taking the whole namespace with it.
import { SIG, WaitStatus, type Sys } from '../../abi/index.js';
import type { Kernel } from '../kernel.js';
import { Process, type NsProxy, type CgroupRef } from './process.js';
import type { Credentials } from './credentials.js';
import type { FsContext } from '../vfs/fs-context.js';
import type { FdTable } from '../vfs/fd-table.js';

/** CPU cost of starting a program image (exec or the child side of clone), in ns. */
export const PROGRAM_START_COST_NS = 20_000;

const ROOT_CGROUP: CgroupRef = { path: '/' };

export interface CreateOptions {
  parent?: Process;
  cred: Credentials;
  fs: FsContext;
  files: FdTable;
  ns: NsProxy;
  external?: boolean;
}

export class Lifecycle {
  private readonly exitWaiters = new Map<Process, ((status: number) => void)[]>();
  /** Called when a process is reaped (cgroups uncharge pids, /proc forgets it). */
  onRelease?: (proc: Process) => void;
  /** Called when a process is created (cgroups charge pids). */
  onCreate?: (proc: Process) => void;

  constructor(private readonly kernel: Kernel) {}

  /** Allocates PIDs in `ns.pid` and each ancestor and registers the process. */
  createProcess(options: CreateOptions): Process {
    const pids = [...options.ns.pid.chain()].map((ns) => ({ ns, nr: ns.allocate() }));
    const hostPid = pids[pids.length - 1].nr;
    const proc = new Process(hostPid, pids, options.cred, options.fs, options.files, options.ns, {
      parent: options.parent,
      startTimeNs: this.kernel.clock.monotonicNs,
      cgroup: options.parent?.cgroup ?? ROOT_CGROUP,
      external: options.external,
    });
    for (const { ns, nr } of pids) ns.tasks.set(nr, proc);
    if (pids[0].nr === 1 && !options.ns.pid.init) options.ns.pid.init = proc;
    this.kernel.processes.set(hostPid, proc);
    options.parent?.children.add(proc);
    this.onCreate?.(proc);
    return proc;
  }

  /** Resolves with the wait status when `proc` exits. */
  exitPromise(proc: Process): Promise<number> {
    return new Promise((resolve) => {
      if (!proc.alive) return resolve(proc.exitStatus);
      const list = this.exitWaiters.get(proc) ?? [];
      list.push(resolve);
      this.exitWaiters.set(proc, list);
    });
  }

  /**
   * Starts a program in `proc` after the cost of loading it; its return value is the exit code.
   * A stale image (replaced by execve meanwhile) is ignored when it returns.
   */
  startProgram(proc: Process, body: (sys: Sys) => Promise<number>): void {
    const generation = ++proc.execGeneration;
    proc.state = 'runnable';
    this.kernel.scheduler.runWork(proc, PROGRAM_START_COST_NS, 'system', () => {
      if (!proc.alive || proc.execGeneration !== generation) return false;
      proc.state = 'running';
      let running: Promise<number>;
      try {
        running = body(this.kernel.sysFor(proc));
      } catch (err) {
        running = Promise.reject(err);
      }
      running.then(
        (code) => {
          if (proc.alive && proc.execGeneration === generation) this.exit(proc, WaitStatus.exited(Number(code) || 0));
        },
        (err) => {
          if (!proc.alive || proc.execGeneration !== generation) return;
          this.kernel.log(`pid ${proc.hostPid} (${proc.comm}) crashed: ${(err as Error)?.stack ?? err}`);
          this.exit(proc, WaitStatus.signaled(SIG.SEGV, true));
        },
      );
      return true;
    });
  }

  /** Ends a process: it becomes a zombie its parent can reap. Idempotent. */
  exit(proc: Process, status: number): void {
    if (!proc.alive) return;
    const kernel = this.kernel;
    proc.state = 'zombie';
    proc.exitStatus = status;
    kernel.scheduler.yielded(proc);
    kernel.scheduler.forget(proc);
    kernel.signals.forget(proc);
    kernel.abandonCalls(proc);
    if (proc.alarm) proc.alarm.cancelled = true;
    if (proc.ctty && proc.sid === proc.hostPid) proc.ctty.sessionLeaderExit(proc);
    proc.files.closeAll();
    proc.fs.drop();
    if (proc.isNamespaceInit && proc.ns.pid !== kernel.rootPidNs) this.killNamespace(proc);
    this.reparentChildren(proc);
    for (const resolve of this.exitWaiters.get(proc) ?? []) resolve(status);
    this.exitWaiters.delete(proc);
    const parent = proc.parent;
    if (!parent || parent === kernel.hostInit || parent.sigaction(SIG.CHLD).disposition === 'ignore') {
      this.reap(proc);
      if (parent && parent !== kernel.hostInit) parent.childWait.wakeAll();
      return;
    }
    kernel.sendSignal(parent, SIG.CHLD);
    parent.childWait.wakeAll();
  }

  /** Tells the parent a child stopped or continued (for wait4 WUNTRACED/WCONTINUED). */
  notifyParent(proc: Process, status: number): void {
    proc.pendingWaitEvent = { status };
    const parent = proc.parent;
    if (!parent || parent === this.kernel.hostInit) return;
    this.kernel.sendSignal(parent, SIG.CHLD);
    parent.childWait.wakeAll();
  }

  /** Removes a zombie for good; its CPU time goes to the parent's children totals. */
  reap(proc: Process): void {
    if (proc.state === 'dead') return;
    proc.state = 'dead';
    for (const { ns, nr } of proc.pids) if (ns.tasks.get(nr) === proc) ns.tasks.delete(nr);
    this.kernel.processes.delete(proc.hostPid);
    const parent = proc.parent;
    if (parent) {
      parent.children.delete(proc);
      parent.cutimeNs += proc.utimeNs + proc.cutimeNs;
      parent.cstimeNs += proc.stimeNs + proc.cstimeNs;
    }
    this.onRelease?.(proc);
  }

  /** The init of a PID namespace died: every other process in it gets SIGKILL. */
  private killNamespace(init: Process): void {
    const ns = init.ns.pid;
    ns.dead = true;
    for (const p of [...ns.tasks.values()]) if (p !== init && p.alive) this.exit(p, WaitStatus.signaled(SIG.KILL));
  }

  /** Orphans go to the init of their PID namespace (or host init if that is the one dying). */
  private reparentChildren(proc: Process): void {
    for (const child of [...proc.children]) {
      proc.children.delete(child);
      let reaper = child.ns.pid.init;
      for (let ns = child.ns.pid; reaper && (reaper === proc || !reaper.alive) && ns.parent; ) {
        ns = ns.parent;
        reaper = ns.init;
      }
      const target = reaper && reaper.alive && reaper !== proc ? reaper : this.kernel.hostInit;
      child.parent = target;
      target.children.add(child);
      if (child.pdeathsig) this.kernel.sendSignal(child, child.pdeathsig);
      if (!child.alive) {
        if (target === this.kernel.hostInit) this.reap(child);
        else target.childWait.wakeAll();
      }
    }
  }
}
