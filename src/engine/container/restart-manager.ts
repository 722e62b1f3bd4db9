// The restart policy of one container (moby's restartmanager): whether an exit restarts it, after
// which back-off (100ms, doubling per restart up to 1 minute, back to 100ms once a run lasted 10s),
// and cancellation by stop/kill (ExitOnNext) — also of a restart already waiting out its delay.
import type { RestartPolicy } from '../../api/index.js';
import type { Sys } from '../../abi/index.js';

/** First back-off delay. */
export const RESTART_BACKOFF_START_MS = 100;
/** Longest back-off delay. */
export const RESTART_BACKOFF_MAX_MS = 60_000;
/** A run at least this long resets the back-off. */
export const RESTART_RESET_AFTER_NS = 10_000_000_000n;

/** Restart bookkeeping of one container (live only: a new engine starts afresh, as dockerd does). */
export class RestartManager {
  /** Restarts made under the policy since the last manual start (on-failure's retry count). */
  count = 0;
  /** The last back-off delay (0: none yet). */
  timeoutMs = 0;
  /** Set by stop or kill (ExitOnNext): the next exit does not restart. */
  canceled = false;
  /** Resolves a restart waiting out its delay: true to go on, false when canceled. */
  private pending: ((go: boolean) => void) | undefined;

  /** A manual start: retries and back-off start over, cancellation is forgotten. */
  reset(): void {
    this.count = 0;
    this.timeoutMs = 0;
    this.canceled = false;
  }

  /** ExitOnNext: no restart after the current run; a restart waiting out its delay is dropped. */
  cancel(): void {
    this.canceled = true;
    this.pending?.(false);
    this.pending = undefined;
  }

  /**
   * After an exit: the delay before restarting, or undefined for "do not restart". Counts the
   * restart when there is one. `ranNs` is how long the run lasted.
   */
  onExit(policy: RestartPolicy | undefined, exitCode: number, manuallyStopped: boolean, ranNs: bigint): number | undefined {
    if (ranNs >= RESTART_RESET_AFTER_NS) this.timeoutMs = 0;
    this.timeoutMs = this.timeoutMs === 0 ? RESTART_BACKOFF_START_MS : Math.min(this.timeoutMs * 2, RESTART_BACKOFF_MAX_MS);
    if (this.canceled) return undefined;
    let restart = false;
    switch (policy?.Name) {
      case 'always': restart = true; break;
      case 'unless-stopped': restart = !manuallyStopped; break;
      case 'on-failure': {
        const max = policy.MaximumRetryCount ?? 0;
        restart = exitCode !== 0 && (max === 0 || this.count < max);
        break;
      }
      default: break;
    }
    if (!restart) return undefined;
    this.count++;
    return this.timeoutMs;
  }

  /** Waits `ms` on the machine's clock; false when cancel() came first. */
  async wait(sys: Sys, ms: number): Promise<boolean> {
    let resolve!: (go: boolean) => void;
    const decided = new Promise<boolean>((r) => { resolve = r; });
    this.pending = resolve;
    void sys.nanosleep(ms * 1_000_000).then(() => resolve(true));
    const go = await decided;
    if (this.pending === resolve) this.pending = undefined;
    return go && !this.canceled;
  }
}

/**
 * moby's restore: whether a stopped container is started again when the daemon starts. Only a
 * container that ran before (HasBeenStartedBefore), and only as its policy says after that exit:
 * always (even after docker stop), unless-stopped unless stopped by the user, on-failure after a
 * non-zero exit while retries remain (counted from the stored RestartCount).
 */
export function restartsOnBoot(policy: RestartPolicy | undefined, state: { exitCode: number; stoppedByUser: boolean; startedAt?: string }, restartCount: number): boolean {
  if (state.startedAt === undefined) return false;
  switch (policy?.Name) {
    case 'always': return true;
    case 'unless-stopped': return !state.stoppedByUser;
    case 'on-failure': {
      const max = policy.MaximumRetryCount ?? 0;
      return state.exitCode !== 0 && (max === 0 || restartCount < max);
    }
    default: return false;
  }
}
