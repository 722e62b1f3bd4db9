// One pseudo-terminal pair (Linux's pair of tty_structs sharing an n_tty): its line discipline,
// window size, session and foreground process group, the lock TIOCSPTLCK clears, and the open
// counts that drive hangup (master closed) and EIO at the master (every slave closed). The
// FileOps of both ends are in pty-ops.ts; session rules in job-control.ts.
import { SIG, type Winsize } from '../../abi/index.js';
import { WaitQueue } from '../sched/wait-queue.js';
import { blockOn, type Blocked } from '../syscall-table.js';
import type { Kernel } from '../kernel.js';
import type { ControllingTty, Process } from '../task/process.js';
import { LineDiscipline } from './line-discipline.js';

/** What a pty needs from the devpts instance that numbers it. */
export interface PtyHome {
  /** The pair is gone for good (master and every slave closed): free its number. */
  release(tty: Tty): void;
  /** The master closed: the slave's node disappears from the directory. */
  hideSlave(tty: Tty): void;
}

export class Tty implements ControllingTty {
  readonly ldisc = new LineDiscipline();
  /** Linux starts a pty at 0x0; the runtime or `stty` sets the real size. */
  winsize: Winsize = { rows: 0, cols: 0 };
  /** Host sid of the session this is the controlling terminal of. */
  session: number | undefined;
  /** Host pgid of the foreground process group. */
  pgrp: number | undefined;
  /** A new pair is locked: opening the slave fails with EIO until TIOCSPTLCK(0). */
  locked = true;
  /** Open descriptions of the slave. */
  slaveOpen = 0;
  /** The master's description is gone: the slave is hung up (reads see EOF, writes EIO). */
  hungUp = false;
  /** Every slave description closed (after one was opened): master reads end with EIO. */
  otherClosed = false;
  /** Slave readers and writers sleep here. */
  readonly slaveWait = new WaitQueue();
  /** Master readers and writers sleep here. */
  readonly masterWait = new WaitQueue();
  readonly slaveBlocked: Blocked = blockOn([this.slaveWait]);
  readonly masterBlocked: Blocked = blockOn([this.masterWait]);
  /** Node of the slave in its devpts (set by devpts). */
  slaveInode: unknown;

  constructor(
    readonly kernel: Kernel,
    readonly home: PtyHome,
    /** N: the slave is <devpts>/N. */
    readonly index: number,
  ) {
    this.ldisc.onSignal = (sig) => {
      this.signalForeground(sig);
      this.wakeAll();
    };
  }

  /** Wakes every sleeper on both sides (each re-checks its condition). */
  wakeAll(): void {
    this.slaveWait.wakeAll();
    this.masterWait.wakeAll();
  }

  /** Sends `sig` to every process of the foreground group (as tty-generated, not forced). */
  signalForeground(sig: number): void {
    if (this.pgrp !== undefined) signalGroup(this.kernel, this.pgrp, sig);
  }

  /** TIOCSWINSZ: stores the size; a change sends SIGWINCH to the foreground group. */
  resize(ws: Winsize): void {
    if (ws.rows === this.winsize.rows && ws.cols === this.winsize.cols) return;
    this.winsize = { rows: ws.rows, cols: ws.cols };
    this.signalForeground(SIG.WINCH);
  }

  /** A slave description was opened. */
  slaveOpened(): void {
    this.slaveOpen++;
    this.otherClosed = false;
  }

  /** A slave description was released. */
  slaveClosed(): void {
    if (--this.slaveOpen > 0) return;
    this.otherClosed = true;
    this.wakeAll();
    if (this.hungUp) this.home.release(this);
  }

  /**
   * The master closed: hang up. The session leader (and the foreground group) get SIGHUP and
   * SIGCONT, the session loses its controlling terminal, sleepers wake to EOF/EIO.
   */
  masterClosed(): void {
    this.hungUp = true;
    this.home.hideSlave(this);
    const session = this.session;
    if (session !== undefined) {
      const leader = this.kernel.processes.get(session);
      const fg = this.pgrp;
      this.clearSession();
      if (leader?.alive && leader.sid === session) {
        this.kernel.signals.send(leader, SIG.HUP);
        this.kernel.signals.send(leader, SIG.CONT);
      }
      if (fg !== undefined && fg !== leader?.pgid) {
        signalGroup(this.kernel, fg, SIG.HUP);
        signalGroup(this.kernel, fg, SIG.CONT);
      }
    }
    this.wakeAll();
    if (this.slaveOpen === 0) this.home.release(this);
  }

  /** Ends this terminal's role as a controlling terminal: no process of the session keeps it. */
  clearSession(): void {
    const session = this.session;
    this.session = undefined;
    this.pgrp = undefined;
    if (session === undefined) return;
    for (const p of this.kernel.processes.values()) if (p.sid === session && p.ctty === this) p.ctty = undefined;
  }

  /** The session leader exited (Linux's disassociate_ctty on exit): SIGHUP to the foreground group. */
  sessionLeaderExit(leader: Process): void {
    if (this.session !== leader.hostPid) {
      leader.ctty = undefined;
      return;
    }
    const fg = this.pgrp;
    this.clearSession();
    if (fg !== undefined) {
      signalGroup(this.kernel, fg, SIG.HUP);
      signalGroup(this.kernel, fg, SIG.CONT);
    }
  }
}

/** kill_pgrp as the tty layer uses it: a PID-namespace init ignores it unless it has a handler. */
export function signalGroup(kernel: Kernel, pgid: number, sig: number): void {
  for (const p of [...kernel.processes.values()]) if (p.pgid === pgid && p.alive) kernel.signals.send(p, sig);
}
