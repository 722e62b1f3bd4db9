// Signal generation and delivery: pending sets and masks, default actions, handlers run at
// return to user mode, EINTR for interrupted sleeps, stop/continue, and PID-namespace init
// protection (init ignores signals it has no handler for, unless they come from an ancestor).
import { SIG, WaitStatus, defaultAction } from '../../abi/index.js';
import type { Kernel } from '../kernel.js';
import type { Process } from './process.js';

const bit = (sig: number): bigint => 1n << BigInt(sig - 1);
/** SIGKILL and SIGSTOP can be neither caught, blocked nor ignored. */
export const UNBLOCKABLE = bit(SIG.KILL) | bit(SIG.STOP);
const STOP_SIGNALS: number[] = [SIG.STOP, SIG.TSTP, SIG.TTIN, SIG.TTOU];

export interface SendOptions {
  /** Kernel-generated (SIGPIPE, SIGCHLD, OOM kill): bypasses init protection. */
  force?: boolean;
  /** The sending process, for init protection across PID namespaces. */
  sender?: Process;
}

export class Signals {
  /** Resumptions held while a process is stopped, run on SIGCONT. */
  private readonly held = new Map<Process, () => boolean>();

  constructor(private readonly kernel: Kernel) {}

  /** Generates `sig` for `target` (kill(2) semantics after permission checks). */
  send(target: Process, sig: number, options: SendOptions = {}): void {
    if (sig === 0 || !target.alive || target === this.kernel.hostInit) return;
    if (this.initIgnores(target, sig, options)) return;
    if (sig === SIG.KILL) return this.kernel.lifecycle.exit(target, WaitStatus.signaled(SIG.KILL));
    if (sig === SIG.CONT) {
      target.sigpending &= ~STOP_SIGNALS.reduce((m, s) => m | bit(s), 0n);
      this.continue(target);
    }
    if (STOP_SIGNALS.includes(sig)) target.sigpending &= ~bit(SIG.CONT);
    const disp = target.sigaction(sig).disposition;
    if (disp === 'ignore' && sig !== SIG.STOP) return;
    if (disp === 'default' && defaultAction(sig) === 'ignore') return;
    if (disp === 'default' && sig === SIG.CONT) return;
    if (sig === SIG.STOP) return this.stop(target, sig);
    target.sigpending |= bit(sig);
    if (this.hasDeliverable(target)) this.kernel.interrupt(target);
  }

  /** Does `proc` have a pending signal that is not blocked? */
  hasDeliverable(proc: Process): boolean {
    return (proc.sigpending & ~(proc.sigmask & ~UNBLOCKABLE)) !== 0n;
  }

  /** Would the first deliverable signal restart an interrupted syscall (SA_RESTART)? */
  shouldRestart(proc: Process): boolean {
    const sig = this.firstDeliverable(proc);
    if (!sig) return false;
    const act = proc.sigaction(sig);
    return typeof act.disposition === 'function' && act.restart;
  }

  /**
   * The kernel is about to resume `proc`'s program with `resume`: deliver pending signals
   * first. Handlers run synchronously here; default actions may kill or stop the process.
   * Returns what `resume` returns, or false if the process did not resume.
   */
  returnToUser(proc: Process, resume: () => void): boolean {
    this.deliverPending(proc);
    if (!proc.alive) return false;
    if (proc.sched.stopped) {
      this.held.set(proc, () => { resume(); return true; });
      return false;
    }
    resume();
    return true;
  }

  /** Delivers every pending, unblocked signal in number order. */
  deliverPending(proc: Process): void {
    for (let sig = this.firstDeliverable(proc); sig && proc.alive && !proc.sched.stopped; sig = this.firstDeliverable(proc)) {
      proc.sigpending &= ~bit(sig);
      const { disposition } = proc.sigaction(sig);
      if (typeof disposition === 'function') {
        try {
          void disposition(sig);
        } catch (err) {
          this.kernel.log(`pid ${proc.hostPid}: signal handler for ${sig} threw: ${(err as Error).message}`);
        }
        continue;
      }
      if (disposition === 'ignore') continue;
      switch (defaultAction(sig)) {
        case 'term': this.kernel.lifecycle.exit(proc, WaitStatus.signaled(sig)); return;
        case 'core': this.kernel.lifecycle.exit(proc, WaitStatus.signaled(sig, true)); return;
        case 'stop': this.stop(proc, sig); return;
        default: break;
      }
    }
  }

  private firstDeliverable(proc: Process): number {
    const ready = proc.sigpending & ~(proc.sigmask & ~UNBLOCKABLE);
    if (ready === 0n) return 0;
    for (let sig = 1; sig < 65; sig++) if (ready & bit(sig)) return sig;
    return 0;
  }

  /** PID 1 of a namespace ignores signals it has no handler for (except KILL/STOP from outside). */
  private initIgnores(target: Process, sig: number, options: SendOptions): boolean {
    if (!target.isNamespaceInit || options.force) return false;
    const fromOutside = options.sender !== undefined && options.sender.ns.pid !== target.ns.pid &&
      options.sender.ns.pid.contains(target.ns.pid);
    if (fromOutside && (sig === SIG.KILL || sig === SIG.STOP)) return false;
    return typeof target.sigaction(sig).disposition !== 'function';
  }

  private stop(proc: Process, sig: number): void {
    if (proc.sched.stopped) return;
    proc.sched.stopped = true;
    if (proc.state !== 'sleeping') proc.state = 'stopped';
    this.kernel.scheduler.dequeue(proc);
    this.kernel.lifecycle.notifyParent(proc, WaitStatus.stopped(sig));
  }

  private continue(proc: Process): void {
    if (!proc.sched.stopped) return;
    proc.sched.stopped = false;
    if (proc.state === 'stopped') proc.state = 'runnable';
    const held = this.held.get(proc);
    this.held.delete(proc);
    if (held) this.kernel.scheduler.runWork(proc, 0, 'system', held);
    else this.kernel.scheduler.resume(proc);
    this.kernel.lifecycle.notifyParent(proc, WaitStatus.continued);
  }

  /** Forgets held state of a dead process. */
  forget(proc: Process): void {
    this.held.delete(proc);
  }
}
