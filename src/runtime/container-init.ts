// The container's init, run in the cloned child (new PID, mount, UTS, IPC, net and cgroup
// namespaces) through its own syscalls, in runc's order: wait for the parent's go, enter the
// cgroup namespace, mount, pivot_root, sethostname, stdio, user and capabilities, chdir, execve.
import { CLONE, Errno, ErrnoError, F, MS, O, type Sys } from '../abi/index.js';
import { Libc } from '../userland/libc/index.js';
import { attachConsole, handOverConsole, openConsole } from './console.js';
import { applyCredentials, capabilitySet, lookupUser, withHome } from './credentials.js';
import { lookupExecutable } from './exec-lookup.js';
import { mkdirp } from './fs-util.js';
import { describeInitError, reportInitFailure } from './init-error.js';
import { pivotInto, setupMounts } from './mount-setup.js';
import type { ContainerSpec, ProcessSpec } from './spec.js';
import type { ConsoleSize } from './console.js';

/** The pipe ends the child uses to talk to its parent (fds in the child's copy of the table). */
export interface InitPipes {
  /**
   * Read end: one byte from the parent means "you are in your cgroup, go on"; with a terminal,
   * a second byte means "I have taken your pty master".
   */
  goRead: number;
  /** Write end (O_CLOEXEC): a failure message, or EOF when execve succeeds. */
  syncWrite: number;
  /** Parent-only ends the child must close. */
  parentEnds: number[];
}

/**
 * Points fds 0/1/2 at the given fds (stdin null → the container's /dev/null). The sources are
 * first copied above 2 (they may themselves be 0..2, in any order); dup2 clears O_CLOEXEC on
 * the targets, and every other copy closes at execve.
 */
export async function setupStdio(libc: Libc, stdin: number | null, stdout: number, stderr: number): Promise<void> {
  const sys = libc.sys;
  const sources = [stdin ?? (await libc.open('/dev/null', O.RDONLY | O.CLOEXEC)), stdout, stderr];
  const high: number[] = [];
  for (const fd of sources) {
    const r = await sys.fcntl(fd, F.DUPFD_CLOEXEC, 10);
    if (!r.ok) throw new ErrnoError(r.errno, 'fcntl(F_DUPFD_CLOEXEC)');
    high.push(r.value);
  }
  for (let target = 0; target < 3; target++) {
    await libc.dup2(high[target], target);
    await sys.close(high[target]);
  }
}

/** Credentials, cwd and program lookup shared by container init and exec; ends in execve. */
export async function finishAndExec(libc: Libc, proc: ProcessSpec, mkCwd: boolean): Promise<never> {
  const user = await lookupUser(libc, proc);
  const cwd = proc.cwd || '/';
  if (mkCwd) await mkdirp(libc, cwd);
  await applyCredentials(libc, user, capabilitySet(proc));
  await libc.chdir(cwd);
  const env = withHome(proc.env, user);
  const path = await lookupExecutable(libc, proc.args[0] ?? '', env);
  const r = await libc.sys.execve(path, proc.args, env);
  throw new ErrnoError(r.ok ? Errno.EIO : r.errno, 'execve', path);
}

/**
 * The container's console, after pivot_root so /dev/ptmx is the container's own devpts: open a
 * pty, hand the master to the parent (which takes it with pidfd_getfd and acks on the go pipe),
 * drop our copy, and make the slave the controlling tty and stdio of a new session.
 */
async function setupConsole(libc: Libc, size: ConsoleSize, pipes: InitPipes): Promise<void> {
  const { masterFd, slavePath } = await openConsole(libc, size);
  await handOverConsole(libc.sys, pipes.syncWrite, pipes.goRead, masterFd);
  await libc.sys.close(pipes.goRead);
  await libc.sys.close(masterFd);
  await attachConsole(libc, slavePath);
}

/** The body of the container's first process (a clone ChildFn). Returns only on failure. */
export async function containerInit(sys: Sys, spec: ContainerSpec, pipes: InitPipes, cgroupsEnabled: boolean): Promise<number> {
  const libc = new Libc(sys);
  let stage = 'container init';
  try {
    for (const fd of pipes.parentEnds) await sys.close(fd);
    const go = await sys.read(pipes.goRead, 1);
    if (!spec.terminal) await sys.close(pipes.goRead);
    if (!go.ok || go.value.length === 0) { await sys.exit(1); return 1; }
    if (cgroupsEnabled) await sys.unshare(CLONE.NEWCGROUP);
    stage = 'error mounting the container root';
    await setupMounts(libc, spec, cgroupsEnabled);
    await pivotInto(libc, spec.rootfs);
    stage = 'error during container init';
    const h = await sys.sethostname(spec.hostname);
    if (!h.ok) throw new ErrnoError(h.errno, 'sethostname');
    if (spec.domainname) await sys.setdomainname(spec.domainname);
    if (spec.readonlyRootfs) await sys.mount('', '/', '', MS.BIND | MS.REMOUNT | MS.RDONLY, '');
    if (spec.terminal) {
      stage = 'error during container init: console';
      await setupConsole(libc, spec.terminal, pipes);
      stage = 'error during container init';
    } else if (spec.stdio) {
      await setupStdio(libc, spec.stdio.stdin, spec.stdio.stdout, spec.stdio.stderr);
    } else {
      throw new Error('the spec has neither stdio nor a terminal');
    }
    return await finishAndExec(libc, spec.process, true);
  } catch (e) {
    return reportInitFailure(libc, pipes.syncWrite, describeInitError(e, stage));
  }
}
