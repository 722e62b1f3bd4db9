// `runc exec`: a new process in a running container's namespaces. The calling (engine)
// process opens /proc/<pid>/ns/*, clones a middle process that joins the container's cgroup and
// setns()es into each namespace, and the middle clones the real process (setns of a PID
// namespace only applies to children), waits for it and exits with its status.
// Needs procfs with /proc/<pid>/ns and the setns syscall.
import { AT_FDCWD, ErrnoError, NS_FLAG, O, exitCodeOf, type NamespaceKind, type Sys } from '../abi/index.js';
import { Libc } from '../userland/libc/index.js';
import { writeCgroupFile } from './cgroup-setup.js';
import { closeFdsExcept } from './close-fds.js';
import { finishAndExec, setupStdio } from './container-init.js';
import { describeInitError, reportInitFailure } from './init-error.js';
import { RuntimeError, collectConsole } from './start-container.js';
import { attachConsole, handOverConsole, openConsole, type ConsoleSize } from './console.js';
import type { ProcessSpec, StdioFds } from './spec.js';

/** Namespaces joined, in nsenter's order (mnt late: it changes root and cwd). */
const JOIN_ORDER: NamespaceKind[] = ['cgroup', 'ipc', 'uts', 'net', 'pid', 'mnt'];

/** What an exec needs. */
export interface ExecSpec {
  /** Host PID of the container's init. */
  initPid: number;
  /** cgroup directory to join, or undefined when cgroups are off. */
  cgroupPath?: string;
  process: ProcessSpec;
  /** The process's stdio; unused (may be omitted) when `terminal` is set. */
  stdio?: StdioFds;
  /** Give the process a pty of the container's devpts (the next free /dev/pts/N). */
  terminal?: ConsoleSize;
}

/**
 * Starts `spec.process` inside the container. Resolves with the host PID of the middle process
 * (wait4 it: its exit status is the exec'd program's) once the program has exec'd; throws
 * RuntimeError when it could not.
 */
export async function execInContainer(sys: Sys, spec: ExecSpec): Promise<{ pid: number; console?: number }> {
  const stdio = spec.stdio ?? { stdin: null, stdout: -1, stderr: -1 };
  const libc = new Libc(sys);
  const nsFds: [NamespaceKind, number][] = [];
  try {
    for (const kind of JOIN_ORDER) {
      const r = await sys.openat(AT_FDCWD, `/proc/${spec.initPid}/ns/${kind}`, O.RDONLY | O.CLOEXEC);
      if (!r.ok) throw new RuntimeError(`exec: cannot open /proc/${spec.initPid}/ns/${kind}: ${new ErrnoError(r.errno).message}`, 126);
      nsFds.push([kind, r.value]);
    }
  } catch (e) {
    for (const [, fd] of nsFds) await sys.close(fd);
    throw e;
  }
  const [goRead, goWrite] = await libc.pipe(O.CLOEXEC);
  const [syncRead, syncWrite] = await libc.pipe(O.CLOEXEC);
  const pid = await libc.fork(async (mid) => {
    const m = new Libc(mid);
    const stdioFds = spec.terminal ? [] : [stdio.stdin, stdio.stdout, stdio.stderr].filter((fd): fd is number => fd !== null);
    try {
      // The middle is a fork of the engine: drop the pipes of every other container and exec, or
      // a container's (or this exec's) stdin never reaches EOF while the exec runs.
      await closeFdsExcept(m, [goRead, syncWrite, ...nsFds.map(([, fd]) => fd), ...stdioFds]);
      const go = await mid.read(goRead, 1);
      if (!go.ok || go.value.length === 0) { await mid.exit(1); return 1; }
      for (const [kind, fd] of nsFds) {
        const r = await mid.setns(fd, NS_FLAG[kind]);
        if (!r.ok) throw new ErrnoError(r.errno, `setns ${kind}`);
        await mid.close(fd);
      }
      // The pty is opened here, in the container's mount namespace, so it comes from the
      // container's devpts; the engine takes the master from this process (a known host PID).
      let slavePath: string | undefined;
      if (spec.terminal) {
        const opened = await openConsole(m, spec.terminal);
        await handOverConsole(mid, syncWrite, goRead, opened.masterFd);
        await mid.close(opened.masterFd);
        slavePath = opened.slavePath;
      }
      await mid.close(goRead);
      const child = await m.fork(async (c) => {
        const libc2 = new Libc(c);
        try {
          if (slavePath) await attachConsole(libc2, slavePath);
          else await setupStdio(libc2, stdio.stdin, stdio.stdout, stdio.stderr);
          return await finishAndExec(libc2, spec.process, false);
        } catch (e) {
          return reportInitFailure(libc2, syncWrite, describeInitError(e, 'exec failed: unable to start container process'));
        }
      });
      await mid.close(syncWrite);
      for (const fd of new Set(stdioFds)) await mid.close(fd);
      const w = await m.waitpid(child);
      await mid.exit(exitCodeOf(w.status));
      return 0;
    } catch (e) {
      return reportInitFailure(m, syncWrite, describeInitError(e, 'exec failed: unable to start container process'));
    }
  });
  for (const [, fd] of nsFds) await sys.close(fd);
  await sys.close(goRead);
  await sys.close(syncWrite);
  if (spec.cgroupPath) {
    try {
      await writeCgroupFile(libc, `${spec.cgroupPath}/cgroup.procs`, String(pid));
    } catch {
      // the container's cgroup may be gone (container exiting): the exec fails below or exits at once
    }
  }
  await sys.write(goWrite, new Uint8Array([1]));
  if (!spec.terminal) await sys.close(goWrite);
  const taken = await collectConsole(sys, pid, syncRead, spec.terminal ? goWrite : null);
  await sys.close(syncRead);
  const failure = taken.failure ?? (spec.terminal && taken.console === undefined
    ? { message: 'exec: no console was handed over', exitCode: 126 } : undefined);
  if (failure) {
    if (taken.console !== undefined) await sys.close(taken.console);
    await sys.wait4(pid, 0);
    throw new RuntimeError(failure.message, failure.exitCode);
  }
  return { pid, ...(taken.console !== undefined ? { console: taken.console } : {}) };
}
