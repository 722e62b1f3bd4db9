// Start, exit monitoring, stop, kill, restart, pause and unpause of a container: the engine
// side of runc run/kill plus moby's state bookkeeping and events.
import { ErrnoError, F, O, SIG, exitCodeOf, signalNumber, type Sys } from '../../abi/index.js';
import type { Libc } from '../../userland/libc/index.js';
import { ApiError } from '../../api/index.js';
import { RuntimeError, removeCgroup, startContainer, writeCgroupFile, type StdioFds } from '../../runtime/index.js';
import { consoleSizeOf } from './console-size.js';
import type { EngineContext } from '../engine-context.js';
import { parseRfc3339, rfc3339Nano } from '../util/time-format.js';
import { deferred, type RunHandle } from './container-live.js';
import { containerPids, readSmallFile } from './container-pids.js';
import { isRunning, type ContainerRecord } from './container-record.js';
import { prepareContainerRootfs, releaseContainerRootfs } from './create.js';
import { pumpOutput } from './output-pump.js';
import { buildSpec } from './spec-builder.js';
import { probeCommand, startHealthChecks } from './health.js';
import { saveWritableLayer } from './writable-layer.js';
import type { HostMachine } from '../host-machine.js';
import { attachMounts } from '../volume/container-mounts.js';

/**
 * The exit code of a container whose machine went down under it: moby's restore gives 255 to a
 * container whose containerd task vanished with the host (libcontainerd's DeleteTask).
 */
export const HOST_DOWN_EXIT_CODE = 255;

/** moby's prefix for runtime failures at start. */
const TASK_PREFIX = 'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ';

/** Hooks the lifecycle needs from other modules (remove, for AutoRemove). */
export interface LifecycleHooks {
  autoRemove(rec: ContainerRecord): Promise<void>;
}

/**
 * Starts a created or exited container (the caller holds the container's lock). `byPolicy`:
 * the restart policy restarts a container waiting in "restarting" (a manual start resets the policy).
 */
export async function startOp(ctx: EngineContext, rec: ContainerRecord, hooks: LifecycleHooks, byPolicy = false): Promise<void> {
  if (rec.state.status === 'paused') throw ApiError.conflict('cannot start a paused container, try unpause instead');
  if (isRunning(rec) && !(byPolicy && rec.state.status === 'restarting')) throw ApiError.notModified('container already started');
  if (rec.state.status === 'removing' || rec.state.status === 'dead') throw ApiError.conflict(`container is marked for removal and cannot be started`);
  await prepareContainerRootfs(ctx, rec);
  const machine = ctx.machine;
  if (machine.panicked !== undefined) throw ApiError.system(`cannot start container: the kernel panicked (${machine.panicked}) and no fresh one could be booted`);
  const { sys, libc } = machine;
  const live = ctx.liveOf(rec);
  if (!byPolicy) {
    // moby's containerStart(resetRestartManager): a manual start begins a fresh policy count.
    live.restarts.reset();
    rec.restartCount = 0;
  }
  const tty = rec.config.Tty === true;
  const io = tty ? null : await openStdioPipes(libc, rec.config.OpenStdin === true);
  const cgroupPath = ctx.cgroupPath(rec.id);
  const spec = buildSpec(rec, ctx.rootfsPath(rec.id), cgroupPath, io?.child);
  if (tty) spec.terminal = consoleSizeOf(rec.hostConfig.ConsoleSize) ?? live.pendingSize ?? { rows: 0, cols: 0 };
  let started;
  let volumes;
  try {
    volumes = await attachMounts(ctx, rec);
    spec.mounts = [...volumes.mounts, ...(spec.mounts ?? [])];
    started = await startContainer(sys, spec);
  } catch (e) {
    await volumes?.release();
    if (io) for (const fd of io.all) await sys.close(fd);
    if (!(e instanceof RuntimeError)) throw e;
    rec.state.exitCode = e.exitCode;
    rec.state.error = `${TASK_PREFIX}${e.message}: unknown`;
    if (rec.state.status === 'restarting') rec.state = { ...rec.state, status: 'exited', restarting: false };
    await ctx.containers.save(rec);
    live.settle();
    // `docker run --rm` waits for condition=removed even when start fails: remove it (after
    // the caller releases the container's lock, which autoRemove takes).
    if (rec.hostConfig.AutoRemove) void hooks.autoRemove(rec);
    throw e.exitCode === 127 || e.exitCode === 126 ? ApiError.invalidParameter(rec.state.error) : ApiError.system(rec.state.error);
  }
  // The container's mount namespace has its own copy of the root mount now: the engine's is let
  // go (see releaseContainerRootfs), so its mount table does not grow with running containers.
  await volumes.release();
  await releaseContainerRootfs(ctx, rec).catch((e) => ctx.log.warn(`container ${rec.id.slice(0, 12)}: unmounting the root filesystem: ${(e as Error).message}`));
  if (io) for (const fd of io.childEnds) await sys.close(fd);
  const master = started.console ?? null;
  // A TTY container's stdin writes go to a copy of the master: the output pump owns (and
  // closes) the master itself, and the two must never close the same descriptor twice.
  const ttyStdin = master !== null && rec.config.OpenStdin ? await dupCloexec(sys, master) : null;
  const run: RunHandle = {
    generation: ++live.generation, machine, pid: started.pid, stdinFd: io ? io.stdinWrite : ttyStdin, console: master,
    cgroupEnabled: started.cgroup.enabled, ended: deferred<void>(),
  };
  live.run = run;
  live.layerUnsaved = true;
  for (const n of started.cgroup.notes) ctx.log.warn(`container ${rec.id.slice(0, 12)}: ${n}`);
  rec.cgroupPath = started.cgroup.enabled ? cgroupPath : '';
  rec.runtimeNotes = started.cgroup.notes;
  rec.state = {
    ...rec.state, status: 'running', pid: started.pid, exitCode: 0, error: '', oomKilled: false,
    startedAt: rfc3339Nano(await ctx.now()), stoppedByUser: false, restarting: false,
  };
  live.stopHealth?.();
  if (probeCommand(rec.config.Healthcheck)) rec.state.health = { Status: 'starting', FailingStreak: 0, Log: [] };
  else delete rec.state.health;
  // The output pumps and the event before the (real-disk) save, and the health timer after it:
  // the virtual clock may jump while the engine writes, and output read only after the save
  // would get a later time in the log than when it was written.
  // With a TTY there is one output stream, the master's, logged as stdout (as moby does).
  const pumps = master !== null
    ? [pumpOutput(ctx, sys, live, 'stdout', master, true).then(async () => { run.console = null; await sys.close(master); })]
    : io ? [pumpOutput(ctx, sys, live, 'stdout', io.stdoutRead), pumpOutput(ctx, sys, live, 'stderr', io.stderrRead)] : [];
  await ctx.containerEvent(rec, 'start');
  await ctx.containers.save(rec);
  live.stopHealth = startHealthChecks(ctx, rec, run);
  void monitor(ctx, rec, run, pumps, hooks).catch((e) => {
    ctx.log.error(`monitor of ${rec.id.slice(0, 12)} failed`, e);
    run.ended.resolve(); // stop, remove and a reboot wait for it
  });
}

/** The pipes of a non-TTY container: the child's ends (for the spec) and the engine's. */
interface StdioPipes {
  child: StdioFds;
  childEnds: number[];
  stdoutRead: number;
  stderrRead: number;
  stdinWrite: number | null;
  all: number[];
}

async function openStdioPipes(libc: Libc, withStdin: boolean): Promise<StdioPipes> {
  const [outR, outW] = await libc.pipe(O.CLOEXEC);
  const [errR, errW] = await libc.pipe(O.CLOEXEC);
  const stdin = withStdin ? await libc.pipe(O.CLOEXEC) : null;
  return {
    child: { stdin: stdin ? stdin[0] : null, stdout: outW, stderr: errW },
    childEnds: [outW, errW, ...(stdin ? [stdin[0]] : [])],
    stdoutRead: outR, stderrRead: errR, stdinWrite: stdin ? stdin[1] : null,
    all: [outR, outW, errR, errW, ...(stdin ?? [])],
  };
}

/** A second O_CLOEXEC descriptor for the same open file. */
export async function dupCloexec(sys: Sys, fd: number): Promise<number> {
  const r = await sys.fcntl(fd, F.DUPFD_CLOEXEC, 0);
  if (!r.ok) throw new ErrnoError(r.errno, 'fcntl(F_DUPFD_CLOEXEC)');
  return r.value;
}

/** Whether the memory cgroup saw an OOM kill. */
async function oomKilled(ctx: EngineContext, rec: ContainerRecord): Promise<boolean> {
  if (!rec.cgroupPath) return false;
  const text = await readSmallFile(ctx, `${rec.cgroupPath}/memory.events`);
  const m = text ? /^oom_kill (\d+)$/m.exec(text) : null;
  return m !== null && Number(m[1]) > 0;
}

/** Waits for the container's init to exit and the output to drain, then records the exit. */
async function monitor(ctx: EngineContext, rec: ContainerRecord, run: RunHandle, pumps: Promise<void>[], hooks: LifecycleHooks): Promise<void> {
  const machine: HostMachine = run.machine;
  const w = await machine.sys.wait4(run.pid, 0);
  const status = w.ok ? w.value.status : 0;
  await Promise.all(pumps);
  if (run.stdinFd !== null) await machine.sys.close(run.stdinFd);
  // A kernel panic killed it with everything else (kernel-panic.ts): the host went down.
  const hostDown = machine.panicked !== undefined;
  const exitCode = hostDown ? HOST_DOWN_EXIT_CODE : exitCodeOf(status);
  const oom = !hostDown && (await oomKilled(ctx, rec));
  if (rec.cgroupPath) await removeCgroup(machine.libc, rec.cgroupPath).catch(() => undefined);
  await releaseContainerRootfs(ctx, rec).catch((e) => ctx.log.warn(`container ${rec.id.slice(0, 12)}: unmounting the root filesystem: ${(e as Error).message}`));
  const live = ctx.liveOf(rec);
  live.run = undefined;
  live.stopHealth?.();
  const finished = await ctx.now();
  const started = parseRfc3339(rec.state.startedAt ?? '') ?? finished;
  const delayMs = live.restarts.onExit(rec.hostConfig.RestartPolicy, exitCode, rec.state.stoppedByUser, finished - started);
  const restart = delayMs !== undefined;
  // The back-off timer starts now, not after the state is saved to the real disk; on the
  // current machine (after a panic, the fresh one once booted).
  const waiting = restart ? ctx.ready().then(() => live.restarts.wait(ctx.sys, delayMs)) : undefined;
  rec.state = {
    ...rec.state, status: restart ? 'restarting' : 'exited', pid: 0, exitCode, oomKilled: oom, finishedAt: rfc3339Nano(finished), restarting: restart,
  };
  if (restart) rec.restartCount++;
  if (oom) await ctx.containerEvent(rec, 'oom');
  // moby's die attributes: the exit code and the whole seconds the run lasted.
  await ctx.containerEvent(rec, 'die', { exitCode: String(exitCode), execDuration: String((finished - started) / 1_000_000_000n) });
  await ctx.containers.save(rec).catch(() => undefined);
  // Before the exit is reported (wait, stop): an acknowledged exit has its output and its
  // changes on disk. Not the changes of containers removed right after (--rm, build steps).
  await live.log?.flushed();
  if (!rec.hostConfig.AutoRemove && !live.ephemeral) {
    await saveWritableLayer(ctx, rec, machine).catch((e) => ctx.log.warn(`container ${rec.id.slice(0, 12)}: saving the writable layer failed: ${(e as Error).message}`));
  }
  live.endRun(run.generation);
  run.ended.resolve();
  if (waiting) {
    const go = await waiting;
    await live.exclusive(async () => {
      if (rec.state.status !== 'restarting') return; // stopped, killed or removed meanwhile
      if (!go) {
        rec.state = { ...rec.state, status: 'exited', restarting: false };
        await ctx.containers.save(rec).catch(() => undefined);
        live.settle();
        return;
      }
      await startOp(ctx, rec, hooks, true);
    }).catch((e) => {
      ctx.log.warn(`restart of ${rec.id.slice(0, 12)} failed: ${(e as Error).message}`);
      if (rec.state.status === 'restarting') rec.state = { ...rec.state, status: 'exited', restarting: false };
      live.settle();
    });
    return;
  }
  live.settle();
  if (rec.hostConfig.AutoRemove) await hooks.autoRemove(rec);
}

/** Parses a signal name or number; 400 "Invalid signal: x" otherwise. */
export function parseSignal(text: string): number {
  const n = signalNumber(text);
  if (n === undefined || n <= 0) throw ApiError.invalidParameter(`Invalid signal: ${text}`);
  return n;
}

/** docker kill: 409 when not running. */
export async function killOp(ctx: EngineContext, rec: ContainerRecord, signal: string): Promise<void> {
  const sig = parseSignal(signal || 'SIGKILL');
  const live = ctx.liveOf(rec);
  const run = live.run;
  if (!isRunning(rec)) throw ApiError.conflict(`container ${rec.id} is not running`);
  // moby: the stop signal or SIGKILL cancels the restart policy (ExitOnNext); any kill marks
  // the container manually stopped (unless-stopped then stays down).
  if (sig === SIG.KILL || sig === parseSignal(rec.config.StopSignal || 'SIGTERM')) live.restarts.cancel();
  rec.state.stoppedByUser = true;
  if (rec.state.status === 'restarting' || !run) return; // the canceled restart settles it
  await run.machine.sys.kill(run.pid, sig);
  await ctx.containerEvent(rec, 'kill', { signal: String(sig) });
}

/** docker stop: the stop signal, the grace period on the machine's clock, then SIGKILL. */
export async function stopOp(ctx: EngineContext, rec: ContainerRecord, options: { signal?: string; timeout?: number }): Promise<void> {
  const live = ctx.liveOf(rec);
  const run = live.run;
  if (!isRunning(rec)) throw ApiError.notModified('container already stopped');
  live.restarts.cancel();
  rec.state.stoppedByUser = true;
  if (rec.state.status === 'restarting' || !run) {
    rec.state = { ...rec.state, status: 'exited', restarting: false };
    await ctx.containers.save(rec);
    live.settle();
    await ctx.containerEvent(rec, 'stop');
    return;
  }
  await ctx.containers.save(rec);
  const sig = parseSignal(options.signal || rec.config.StopSignal || 'SIGTERM');
  const timeout = options.timeout ?? rec.config.StopTimeout ?? 10;
  await run.machine.sys.kill(run.pid, sig);
  await ctx.containerEvent(rec, 'kill', { signal: String(sig) });
  if (rec.state.status === 'paused' && sig !== SIG.KILL) await resumeProcesses(ctx, rec);
  let ended = false;
  const done = run.ended.promise.then(() => { ended = true; });
  if (timeout >= 0) await Promise.race([done, ctx.sys.nanosleep(timeout * 1e9)]);
  else await done;
  if (!ended) {
    await run.machine.sys.kill(run.pid, SIG.KILL);
    await ctx.containerEvent(rec, 'kill', { signal: String(SIG.KILL) });
    await done;
  }
  await ctx.containerEvent(rec, 'stop');
}

/** SIGCONT or thaw, so a paused container can act on a signal. */
async function resumeProcesses(ctx: EngineContext, rec: ContainerRecord): Promise<void> {
  const live = ctx.liveOf(rec);
  if (live.run?.cgroupEnabled && rec.cgroupPath) await writeCgroupFile(ctx.libc, `${rec.cgroupPath}/cgroup.freeze`, '0').catch(() => undefined);
  else for (const pid of await containerPids(ctx, rec)) await ctx.sys.kill(pid, SIG.CONT);
  rec.state.status = 'running';
}

/** docker pause: cgroup.freeze, or SIGSTOP to every process when cgroups are off. */
export async function pauseOp(ctx: EngineContext, rec: ContainerRecord): Promise<void> {
  if (rec.state.status === 'paused') throw ApiError.conflict(`Container ${rec.id} is already paused`);
  if (!isRunning(rec)) throw ApiError.conflict(`Container ${rec.id} is not running`);
  const live = ctx.liveOf(rec);
  let frozen = false;
  if (live.run?.cgroupEnabled && rec.cgroupPath) {
    frozen = await writeCgroupFile(ctx.libc, `${rec.cgroupPath}/cgroup.freeze`, '1').then(() => true, () => false);
  }
  if (!frozen) for (const pid of await containerPids(ctx, rec)) await ctx.sys.kill(pid, SIG.STOP);
  rec.state.status = 'paused';
  await ctx.containers.save(rec);
  await ctx.containerEvent(rec, 'pause');
}

/** docker unpause. */
export async function unpauseOp(ctx: EngineContext, rec: ContainerRecord): Promise<void> {
  if (rec.state.status !== 'paused') throw ApiError.conflict(`Container ${rec.id} is not paused`);
  await resumeProcesses(ctx, rec);
  await ctx.containers.save(rec);
  await ctx.containerEvent(rec, 'unpause');
}
