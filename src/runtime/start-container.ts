// `runc run`, as a function of the engine's host process: cgroup, clone with the CLONE_NEW*
// flags, place the child in its cgroup, let it go, and learn through a CLOEXEC sync pipe
// whether it reached execve. The child's side is container-init.ts.
import { CLONE, O, type Sys } from '../abi/index.js';
import { Libc, decode } from '../userland/libc/index.js';
import { setupCgroup, writeCgroupFile, type CgroupSetup } from './cgroup-setup.js';
import { readSyncPipe, takeFd } from './console.js';
import { containerInit } from './container-init.js';
import { parseInitFailure, type InitFailure } from './init-error.js';
import type { ContainerSpec } from './spec.js';

/** The namespaces every container gets. */
export const CONTAINER_CLONE_FLAGS = CLONE.NEWPID | CLONE.NEWNS | CLONE.NEWUTS | CLONE.NEWIPC | CLONE.NEWNET;

/** A container (or exec) that failed before its program ran. */
export class RuntimeError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'RuntimeError';
  }
}

/** A started container. */
export interface StartedContainer {
  /** Host PID of the container's PID 1 (a child of the calling process: wait4 it). */
  pid: number;
  cgroup: CgroupSetup;
  /** With `spec.terminal`: the pty master, an O_CLOEXEC fd of the caller. */
  console?: number;
}

/** Reads a pipe until EOF. */
export async function readToEnd(sys: Sys, fd: number): Promise<string> {
  let text = '';
  for (;;) {
    const r = await sys.read(fd, 65536);
    if (!r.ok || r.value.length === 0) return text;
    text += decode(r.value);
  }
}

/**
 * Starts the container described by `spec` (its rootfs already prepared). Resolves when its
 * init has exec'd the program; throws RuntimeError (with the exit code Docker reports: 127, 126,
 * ...) when it failed before that, after reaping the failed child.
 */
export async function startContainer(sys: Sys, spec: ContainerSpec): Promise<StartedContainer> {
  const libc = new Libc(sys);
  let cgroup: CgroupSetup;
  try {
    cgroup = await setupCgroup(libc, spec.cgroupPath, spec.resources);
  } catch (e) {
    throw new RuntimeError(`failed to create cgroup ${spec.cgroupPath}: ${(e as Error).message}`, 128);
  }
  const [goRead, goWrite] = await libc.pipe(O.CLOEXEC);
  const [syncRead, syncWrite] = await libc.pipe(O.CLOEXEC);
  const pipes = { goRead, syncWrite, parentEnds: [goWrite, syncRead] };
  let pid: number;
  try {
    pid = await libc.fork((child) => containerInit(child, spec, pipes, cgroup.enabled), CONTAINER_CLONE_FLAGS);
  } catch (e) {
    for (const fd of [goRead, goWrite, syncRead, syncWrite]) await sys.close(fd);
    throw new RuntimeError(`clone: ${(e as Error).message}`, 128);
  }
  await sys.close(goRead);
  await sys.close(syncWrite);
  if (cgroup.enabled) {
    try {
      await writeCgroupFile(libc, `${spec.cgroupPath}/cgroup.procs`, String(pid));
    } catch (e) {
      cgroup.notes.push(`could not move pid ${pid} into ${spec.cgroupPath}: ${(e as Error).message}`);
    }
  }
  await sys.write(goWrite, new Uint8Array([1]));
  if (!spec.terminal) await sys.close(goWrite);
  const taken = await collectConsole(sys, pid, syncRead, spec.terminal ? goWrite : null);
  await sys.close(syncRead);
  const failure = taken.failure ?? (spec.terminal && taken.console === undefined
    ? { message: 'container init: no console was handed over', exitCode: 128 } : undefined);
  if (failure) {
    if (taken.console !== undefined) await sys.close(taken.console);
    await sys.wait4(pid, 0);
    throw new RuntimeError(failure.message, failure.exitCode);
  }
  return { pid, cgroup, ...(taken.console !== undefined ? { console: taken.console } : {}) };
}

/**
 * Reads the child's sync pipe to EOF. With `ackWrite` (a terminal), takes the pty master the
 * child announces and acks on `ackWrite` (closed afterwards in every case, so a child waiting
 * for the ack never hangs). Returns the master (if taken) and any failure report.
 */
export async function collectConsole(sys: Sys, pid: number, syncRead: number, ackWrite: number | null): Promise<{ console?: number; failure?: InitFailure }> {
  let console: number | undefined;
  let takeError: string | undefined;
  const text = await readSyncPipe(sys, syncRead, async (childFd) => {
    if (ackWrite === null || console !== undefined) return;
    try {
      console = await takeFd(sys, pid, childFd);
      await sys.write(ackWrite, new Uint8Array([1]));
    } catch (e) {
      takeError = `taking the console: ${(e as Error).message}`;
    }
    await sys.close(ackWrite);
  }).finally(async () => {
    if (ackWrite !== null && console === undefined && takeError === undefined) await sys.close(ackWrite);
  });
  const failure = parseInitFailure(text) ?? (takeError ? { message: takeError, exitCode: 128 } : undefined);
  return { ...(console !== undefined ? { console } : {}), ...(failure ? { failure } : {}) };
}
