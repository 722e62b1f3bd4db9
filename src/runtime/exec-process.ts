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
import { describeInitError, parseInitFailure, reportInitFailure } from './init-error.js';
import { RuntimeError, readToEnd } from './start-container.js';
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
  stdio: StdioFds;
}

/**
 * Starts `spec.process` inside the container. Resolves with the host PID of the middle process
 * (wait4 it: its exit status is the exec'd program's) once the program has exec'd; throws
 * RuntimeError when it could not.
 */
export async function execInContainer(sys: Sys, spec: ExecSpec): Promise<{ pid: number }> {
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
    const stdioFds = [spec.stdio.stdin, spec.stdio.stdout, spec.stdio.stderr].filter((fd): fd is number => fd !== null);
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
      const child = await m.fork(async (c) => {
        const libc2 = new Libc(c);
        try {
          await setupStdio(libc2, spec.stdio.stdin, spec.stdio.stdout, spec.stdio.stderr);
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
  await sys.close(goWrite);
  const failure = parseInitFailure(await readToEnd(sys, syncRead));
  await sys.close(syncRead);
  if (failure) {
    await sys.wait4(pid, 0);
    throw new RuntimeError(failure.message, failure.exitCode);
  }
  return { pid };
}
