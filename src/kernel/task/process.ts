// A process (task): identity, credentials, files, namespaces, signal state, accounting.
// Programs never see this object: they hold a `sys` bound to it (ARCHITECTURE.md rule 2).
import type { Disposition } from '../../abi/index.js';
import type { Credentials } from './credentials.js';
import type { FsContext } from '../vfs/fs-context.js';
import type { FdTable } from '../vfs/fd-table.js';
import type { PidNamespace } from '../ns/pid-namespace.js';
import type { MountNamespace } from '../ns/mount-namespace.js';
import type { UtsNamespace } from '../ns/uts-namespace.js';
import type { IpcNamespace } from '../ns/ipc-namespace.js';
import type { NetNamespace } from '../ns/net-namespace.js';
import type { CgroupNamespace } from '../ns/cgroup-namespace.js';
import type { UserNamespace } from '../ns/user-namespace.js';
import { WaitQueue } from '../sched/wait-queue.js';
import { SchedEntity } from '../sched/sched-entity.js';
import type { TimedEvent } from '../sched/min-heap.js';

/** The namespaces a process belongs to (Linux's nsproxy plus the user namespace of its creds). */
export interface NsProxy {
  /** The PID namespace the process itself lives in (fixed for life). */
  pid: PidNamespace;
  /** Where this process's future children go (changed by unshare(CLONE_NEWPID)). */
  pidForChildren: PidNamespace;
  mnt: MountNamespace;
  uts: UtsNamespace;
  ipc: IpcNamespace;
  net: NetNamespace;
  cgroup: CgroupNamespace;
  user: UserNamespace;
}

/** Scheduler states. `zombie` has exited but not been reaped; `dead` is reaped. */
export type ProcessState = 'running' | 'runnable' | 'sleeping' | 'stopped' | 'zombie' | 'dead';

/** A signal's handling: disposition plus SA_RESTART. */
export interface SigactionEntry {
  disposition: Disposition;
  restart: boolean;
}

/** A controlling terminal, as the process core sees it (the tty layer implements it). */
export interface ControllingTty {
  /** The session leader `leader` exits while this is its controlling terminal. */
  sessionLeaderExit(leader: Process): void;
}

/**
 * The hook the cgroup controller attaches to each process; the core kernel only needs a
 * path for /proc/<pid>/cgroup. Replaced by the cgroup issue's richer object.
 */
export interface CgroupRef {
  readonly path: string;
}

/** One task. Invariant: `pids` has an entry for `ns.pid` and each of its ancestors. */
export class Process {
  /** PIDs in each namespace the process is visible in, innermost first. */
  readonly pids: { ns: PidNamespace; nr: number }[];
  parent: Process | undefined;
  readonly children = new Set<Process>();
  state: ProcessState = 'runnable';
  /** wait(2) status once a zombie. */
  exitStatus = 0;
  /** A stop or continue that the parent has not yet collected with WUNTRACED/WCONTINUED. */
  pendingWaitEvent?: { status: number };
  /** Task name (comm): the basename of the executable, 15 characters, or set by prctl. */
  comm = '';
  argv: string[] = [];
  envp: string[] = [];
  /** Path of the executable as resolved at execve (for /proc/<pid>/exe). */
  exePath = '';
  pgid: number;
  sid: number;
  /** The controlling terminal of the process's session, inherited across fork (setsid drops it). */
  ctty: ControllingTty | undefined;
  /** Signal handling. */
  readonly sigactions = new Map<number, SigactionEntry>();
  sigmask = 0n;
  sigpending = 0n;
  pdeathsig = 0;
  /** The pending alarm(2) timer. */
  alarm?: TimedEvent;
  noNewPrivs = false;
  /** Woken when a child changes state (wait4 sleeps here). */
  readonly childWait = new WaitQueue();
  /** CPU time used, in ns, by this process and by its reaped children. */
  utimeNs = 0;
  stimeNs = 0;
  cutimeNs = 0;
  cstimeNs = 0;
  /** Clock time at fork, in ns since boot. */
  startTimeNs: number;
  /** Anonymous memory mapped by the program (bytes), and the program break. */
  anonBytes = 0;
  brk = 0x1000000;
  cgroup: CgroupRef;
  /** Host-side processes (the engine, tests) run JS the scheduler need not wait for. */
  readonly external: boolean;
  /** The scheduler's view of this process. */
  readonly sched = new SchedEntity();
  /** Generation of the program image; bumped by execve so stale continuations are ignored. */
  execGeneration = 0;

  constructor(
    readonly hostPid: number,
    pids: { ns: PidNamespace; nr: number }[],
    public cred: Credentials,
    public fs: FsContext,
    public files: FdTable,
    public ns: NsProxy,
    options: { parent?: Process; startTimeNs: number; cgroup: CgroupRef; external?: boolean },
  ) {
    this.pids = pids;
    this.parent = options.parent;
    this.startTimeNs = options.startTimeNs;
    this.cgroup = options.cgroup;
    this.external = options.external ?? false;
    this.pgid = options.parent?.pgid ?? hostPid;
    this.sid = options.parent?.sid ?? hostPid;
    this.ctty = options.parent?.ctty;
  }

  /** The PID as seen from namespace `ns`, or 0 if the process is not visible there. */
  pidIn(ns: PidNamespace): number {
    for (const e of this.pids) if (e.ns === ns) return e.nr;
    return 0;
  }

  /** The PID in the process's own namespace. */
  get pid(): number {
    return this.pids[0].nr;
  }

  /** Is this the init (PID 1) of its own PID namespace? */
  get isNamespaceInit(): boolean {
    return this.pids[0].nr === 1;
  }

  get alive(): boolean {
    return this.state !== 'zombie' && this.state !== 'dead';
  }

  /** The action for `sig`, defaulting to SIG_DFL. */
  sigaction(sig: number): SigactionEntry {
    return this.sigactions.get(sig) ?? { disposition: 'default', restart: false };
  }
}
