// Health checks (moby daemon/health.go): while a container runs, its HEALTHCHECK command is
// run inside it (through the runtime's exec) every interval; results go to State.Health (the
// last 5 probes, the failing streak, starting/healthy/unhealthy) and "health_status" events.
import { O, SIG, exitCodeOf } from '../../abi/index.js';
import type { Health, HealthcheckResult, HealthConfig } from '../../api/index.js';
import { RuntimeError, execInContainer } from '../../runtime/index.js';
import type { EngineContext } from '../engine-context.js';
import { parseRfc3339, rfc3339Nano } from '../util/time-format.js';
import type { RunHandle } from './container-live.js';
import type { ContainerRecord } from './container-record.js';
import { capabilities, processEnv } from './spec-builder.js';

/** moby's defaults (nanoseconds) and limits. */
const DEFAULT_INTERVAL = 30e9, DEFAULT_TIMEOUT = 30e9, DEFAULT_START_INTERVAL = 5e9, DEFAULT_RETRIES = 3;
const MAX_LOG_ENTRIES = 5, MAX_OUTPUT = 4096;

/** The probe's argv, or undefined when there is no check (no Test, or NONE). */
export function probeCommand(hc: HealthConfig | null | undefined): string[] | undefined {
  const test = hc?.Test;
  if (!test || test.length === 0 || test[0] === 'NONE') return undefined;
  if (test[0] === 'CMD-SHELL') return ['/bin/sh', '-c', test.slice(1).join(' ')];
  if (test[0] === 'CMD') return test.length > 1 ? test.slice(1) : undefined;
  return undefined;
}

/** A Go time.Duration string for whole seconds and milliseconds ("1s", "1m30s", "500ms"). */
export function goDuration(ns: number): string {
  if (ns < 1e9) return `${Math.round(ns / 1e6)}ms`;
  const s = ns / 1e9;
  if (s < 60) return `${Number(s.toFixed(3))}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${Number((s - m * 60).toFixed(3))}s` : `${Math.floor(m / 60)}h${m % 60}m${Number((s - m * 60).toFixed(3))}s`;
}

/** One probe: runs `args` in the container; exit code -1 and a message on timeout. */
async function probe(ctx: EngineContext, rec: ContainerRecord, run: RunHandle, args: string[], timeoutNs: number): Promise<HealthcheckResult> {
  const { sys, libc } = ctx;
  const start = rfc3339Nano(await ctx.now());
  const [r, w] = await libc.pipe(O.CLOEXEC);
  let pid: number;
  try {
    ({ pid } = await execInContainer(sys, {
      initPid: run.pid, cgroupPath: rec.cgroupPath || undefined,
      process: { args, env: processEnv(rec), cwd: rec.config.WorkingDir || '/', user: rec.config.User || '', capabilities: capabilities(rec.hostConfig), additionalGroups: rec.hostConfig.GroupAdd ?? [] },
      stdio: { stdin: null, stdout: w, stderr: w },
    }));
  } catch (e) {
    await sys.close(r);
    await sys.close(w);
    const msg = e instanceof RuntimeError ? `OCI runtime exec failed: ${e.message}: unknown` : (e as Error).message;
    return { Start: start, End: rfc3339Nano(await ctx.now()), ExitCode: e instanceof RuntimeError ? 126 : -1, Output: msg };
  }
  await sys.close(w);
  let out = new Uint8Array(0);
  const reading = (async () => {
    for (;;) {
      const c = await sys.read(r, 65536);
      if (!c.ok || c.value.length === 0) return;
      if (out.length < MAX_OUTPUT) out = Uint8Array.from([...out, ...c.value.slice(0, MAX_OUTPUT - out.length)]);
    }
  })();
  const exited = (async () => {
    const st = await sys.wait4(pid, 0);
    await reading;
    return st.ok ? exitCodeOf(st.value.status) : -1;
  })();
  const timedOut = sys.nanosleep(timeoutNs).then(() => 'timeout' as const);
  const outcome = await Promise.race([exited, timedOut]);
  if (outcome === 'timeout') {
    await sys.kill(pid, SIG.KILL);
    await sys.close(r);
    void exited.catch(() => undefined);
    return { Start: start, End: rfc3339Nano(await ctx.now()), ExitCode: -1, Output: `Health check exceeded timeout (${goDuration(timeoutNs)})` };
  }
  await sys.close(r);
  return { Start: start, End: rfc3339Nano(await ctx.now()), ExitCode: outcome, Output: new TextDecoder().decode(out) };
}

/** Applies a probe result to `h` (moby handleProbeResult). Returns the status before it. */
export function applyProbeResult(h: Health, result: HealthcheckResult, cfg: HealthConfig, startedAt: string | undefined): Health['Status'] {
  const before = h.Status;
  h.Log = [...h.Log, result].slice(-MAX_LOG_ENTRIES);
  if (result.ExitCode === 0) {
    h.FailingStreak = 0;
    h.Status = 'healthy';
    return before;
  }
  let count = true;
  if (h.Status === 'starting') {
    const started = startedAt ? parseRfc3339(startedAt) : undefined;
    const at = parseRfc3339(result.Start);
    if (started !== undefined && at !== undefined && Number(at - started) < (cfg.StartPeriod || 0)) count = false;
  }
  if (count) {
    h.FailingStreak++;
    if (h.FailingStreak >= (cfg.Retries || DEFAULT_RETRIES)) h.Status = 'unhealthy';
  }
  return before;
}

/**
 * Starts the health checks of run `run` (when the container has one; the caller has set
 * State.Health to starting); returns the function that stops them. The first probe comes one interval after the start (the start interval
 * while inside the start period).
 */
export function startHealthChecks(ctx: EngineContext, rec: ContainerRecord, run: RunHandle): (() => void) | undefined {
  const cfg = rec.config.Healthcheck ?? undefined;
  const args = probeCommand(cfg);
  if (!cfg || !args) return undefined;
  let stopped = false;
  let wake: (() => void) | undefined;
  const live = ctx.liveOf(rec);
  const current = () => !stopped && live.run === run;
  const nap = (ns: number) => {
    const slept = ctx.sys.nanosleep(ns).then(() => undefined);
    const cut = new Promise<void>((r) => { wake = r; });
    return Promise.race([slept, cut]);
  };
  const intervalFor = async () => {
    const started = parseRfc3339(rec.state.startedAt ?? '');
    const inStart = started !== undefined && cfg.StartPeriod && Number((await ctx.now()) - started) < cfg.StartPeriod;
    return inStart ? (cfg.StartInterval || DEFAULT_START_INTERVAL) : (cfg.Interval || DEFAULT_INTERVAL);
  };
  void (async () => {
    let tick = nap(await intervalFor());
    for (;;) {
      await tick;
      if (!current()) return;
      const result = await probe(ctx, rec, run, args, cfg.Timeout || DEFAULT_TIMEOUT);
      if (!current()) return;
      // Armed before any disk write: the virtual clock may jump while the engine writes.
      tick = nap(await intervalFor());
      const h = rec.state.health ?? { Status: 'starting', FailingStreak: 0, Log: [] };
      rec.state.health = h;
      const before = applyProbeResult(h, result, cfg, rec.state.startedAt);
      if (h.Status !== before) await ctx.containerEvent(rec, `health_status: ${h.Status}`);
      // Not awaited (the store serialises writes, each a snapshot): the virtual clock must not
      // run past the next probe while the engine writes to the real disk.
      void ctx.containers.save(rec).catch((e) => ctx.log.warn(`saving ${rec.id.slice(0, 12)}: ${(e as Error).message}`));
    }
  })().catch((e) => ctx.log.warn(`health check of ${rec.id.slice(0, 12)} failed: ${(e as Error).message}`));
  return () => {
    stopped = true;
    wake?.();
  };
}
