// Start, exit monitoring, stop, kill, restart, pause and unpause of a container: the engine
// side of runc run/kill plus moby's state bookkeeping and events.
import { O, SIG, exitCodeOf, signalNumber } from '../../abi/index.js';
import { ApiError } from '../../api/index.js';
import { RuntimeError, removeCgroup, startContainer, writeCgroupFile } from '../../runtime/index.js';
import type { EngineContext } from '../engine-context.js';
import { parseRfc3339, rfc3339Nano } from '../util/time-format.js';
import { deferred, type RunHandle } from './container-live.js';
import { containerPids, readSmallFile } from './container-pids.js';
import { isRunning, type ContainerRecord } from './container-record.js';
import { prepareContainerRootfs } from './create.js';
import { pumpOutput } from './output-pump.js';
import { buildSpec } from './spec-builder.js';
import { probeCommand, startHealthChecks } from './health.js';

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
  const { sys, libc } = ctx;
  const live = ctx.liveOf(rec);
  if (!byPolicy) live.restarts.reset();
  const [outR, outW] = await libc.pipe(O.CLOEXEC);
  const [errR, errW] = await libc.pipe(O.CLOEXEC);
  const stdin = rec.config.OpenStdin ? await libc.pipe(O.CLOEXEC) : null;
  const cgroupPath = ctx.cgroupPath(rec.id);
  const spec = buildSpec(rec, ctx.rootfsPath(rec.id), cgroupPath, { stdin: stdin ? stdin[0] : null, stdout: outW, stderr: errW });
  let started;
  try {
    started = await startContainer(sys, spec);
  } catch (e) {
    for (const fd of [outR, outW, errR, errW, ...(stdin ?? [])]) await sys.close(fd);
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
  await sys.close(outW);
  await sys.close(errW);
  if (stdin) await sys.close(stdin[0]);
  const run: RunHandle = {
    generation: ++live.generation, pid: started.pid, stdinFd: stdin ? stdin[1] : null,
    cgroupEnabled: started.cgroup.enabled, ended: deferred<void>(),
  };
  live.run = run;
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
  const pumps = [pumpOutput(ctx, sys, live, 'stdout', outR), pumpOutput(ctx, sys, live, 'stderr', errR)];
  await ctx.containerEvent(rec, 'start');
  await ctx.containers.save(rec);
  live.stopHealth = startHealthChecks(ctx, rec, run);
  void monitor(ctx, rec, run, pumps, hooks).catch((e) => ctx.log.error(`monitor of ${rec.id.slice(0, 12)} failed`, e));
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
  const w = await ctx.sys.wait4(run.pid, 0);
  const status = w.ok ? w.value.status : 0;
  await Promise.all(pumps);
  if (run.stdinFd !== null) await ctx.sys.close(run.stdinFd);
  const exitCode = exitCodeOf(status);
  const oom = await oomKilled(ctx, rec);
  if (rec.cgroupPath) await removeCgroup(ctx.libc, rec.cgroupPath).catch(() => undefined);
  const live = ctx.liveOf(rec);
  live.run = undefined;
  live.stopHealth?.();
  const finished = await ctx.now();
  const started = parseRfc3339(rec.state.startedAt ?? '') ?? finished;
  const delayMs = live.restarts.onExit(rec.hostConfig.RestartPolicy, exitCode, rec.state.stoppedByUser, finished - started);
  const restart = delayMs !== undefined;
  // The back-off timer starts now, not after the state is saved to the real disk.
  const waiting = restart ? live.restarts.wait(ctx.sys, delayMs) : undefined;
  rec.state = {
    ...rec.state, status: restart ? 'restarting' : 'exited', pid: 0, exitCode, oomKilled: oom, finishedAt: rfc3339Nano(finished), restarting: restart,
  };
  if (restart) rec.restartCount++;
  if (oom) await ctx.containerEvent(rec, 'oom');
  // moby's die attributes: the exit code and the whole seconds the run lasted.
  await ctx.containerEvent(rec, 'die', { exitCode: String(exitCode), execDuration: String((finished - started) / 1_000_000_000n) });
  await ctx.containers.save(rec).catch(() => undefined);
  await live.log?.flushed(); // as moby: the json-file holds all output before a wait returns
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
  await ctx.sys.kill(run.pid, sig);
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
  await ctx.sys.kill(run.pid, sig);
  await ctx.containerEvent(rec, 'kill', { signal: String(sig) });
  if (rec.state.status === 'paused' && sig !== SIG.KILL) await resumeProcesses(ctx, rec);
  let ended = false;
  const done = run.ended.promise.then(() => { ended = true; });
  if (timeout >= 0) await Promise.race([done, ctx.sys.nanosleep(timeout * 1e9)]);
  else await done;
  if (!ended) {
    await ctx.sys.kill(run.pid, SIG.KILL);
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
