// attach, wait and logs: the streaming operations of a container. Attach sessions subscribe to
// output before start (nothing is lost) and end with the run they belong to.
import { ApiError, type ContainerWaitResponse, type WaitCondition } from '../../api/index.js';
import type { AttachOptions, LogEntry, LogsOptions, LogStream, WaitHandle } from '../../api/index.js';
import type { StreamSession } from '../backend-types.js';
import type { EngineContext } from '../engine-context.js';
import { JsonLog } from '../util/json-log.js';
import type { OutputListener } from './container-live.js';
import { isRunning, type ContainerRecord } from './container-record.js';

/** The run an attach or next-exit wait belongs to: the current one, or the next. */
function targetRun(ctx: EngineContext, rec: ContainerRecord): number {
  const live = ctx.liveOf(rec);
  return isRunning(rec) && live.run ? live.run.generation : live.generation + 1;
}

/** Registers a wait (POST /containers/{id}/wait). */
export function waitOp(ctx: EngineContext, rec: ContainerRecord, condition: WaitCondition, signal: AbortSignal): WaitHandle {
  const live = ctx.liveOf(rec);
  const result = (): ContainerWaitResponse => ({
    StatusCode: rec.state.exitCode, Error: rec.state.error ? { Message: rec.state.error } : null,
  });
  let done: Promise<unknown>;
  if (condition === 'removed') done = live.removed.promise;
  else if (condition === 'next-exit') done = live.runEnd(targetRun(ctx, rec));
  else done = isRunning(rec) ? live.whenNotRunning() : Promise.resolve(); // through policy restarts, like moby
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error('client went away'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const promise = Promise.race([done.then(result), aborted]);
  // A settled wait lets go of the signal (a long-lived signal would otherwise collect listeners).
  void promise.then(() => signal.removeEventListener('abort', onAbort), () => signal.removeEventListener('abort', onAbort));
  return { result: promise };
}

/** The container's log, opened on demand. */
async function logOf(ctx: EngineContext, rec: ContainerRecord): Promise<JsonLog> {
  const live = ctx.liveOf(rec);
  live.log ??= await JsonLog.open(`${ctx.containers.dir(rec.id)}/${rec.id}-json.log`);
  return live.log;
}

/** GET /containers/{id}/logs. */
export async function logsOp(ctx: EngineContext, rec: ContainerRecord, options: LogsOptions, signal: AbortSignal): Promise<LogStream> {
  const log = await logOf(ctx, rec);
  const live = ctx.liveOf(rec);
  const read = { since: options.since, until: options.until, tail: options.tail, stdout: options.stdout, stderr: options.stderr };
  const done = options.follow && isRunning(rec) && live.run ? live.runEnd(live.run.generation) : Promise.resolve();
  async function* entries(): AsyncIterable<LogEntry> {
    for await (const e of log.follow(read, done, signal)) yield { stream: e.stream, data: e.log, time: e.time };
  }
  return { tty: rec.config.Tty === true, entries: entries() };
}

/** POST /containers/{id}/attach: a session bound to the current (or next) run. */
export async function attachOp(ctx: EngineContext, rec: ContainerRecord, options: AttachOptions): Promise<StreamSession> {
  const live = ctx.liveOf(rec);
  const target = targetRun(ctx, rec);
  const pending: [('stdout' | 'stderr'), Uint8Array][] = [];
  let sink: OutputListener | undefined;
  const listener: OutputListener = (stream, chunk) => {
    if ((stream === 'stdout' && !options.stdout) || (stream === 'stderr' && !options.stderr)) return;
    if (sink) sink(stream, chunk);
    else pending.push([stream, chunk]);
  };
  live.listeners.add(listener);
  const backlog = options.logs ? await (await logOf(ctx, rec)).read({ stdout: options.stdout, stderr: options.stderr }) : [];
  await ctx.containerEvent(rec, 'attach');
  const tty = rec.config.Tty === true;
  return {
    tty,
    async run(streams, signal) {
      const write = (stream: 'stdout' | 'stderr', chunk: Uint8Array | string) => {
        const out = stream === 'stderr' && !tty ? streams.stderr : streams.stdout;
        out?.write(chunk);
      };
      for (const e of backlog) write(e.stream, e.log);
      if (!options.stream) { // attach ?logs=1&stream=0: the replay only, as moby
        live.listeners.delete(listener);
        return;
      }
      sink = write;
      for (const [s, c] of pending.splice(0)) write(s, c);
      const stdinDone = options.stdin && streams.stdin && rec.config.OpenStdin
        ? pumpStdin(ctx, rec, target, streams.stdin, signal) : new Promise<never>(() => undefined);
      // moby: with a TTY, the end of the client's stdin ends the session (the container's
      // stdin stays open); without one, StdinOnce closes the container's stdin instead.
      const ended = tty ? stdinDone : new Promise<never>(() => undefined);
      const aborted = new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
      try {
        await Promise.race([live.runEnd(target), live.removed.promise, aborted, ended]);
      } finally {
        live.listeners.delete(listener);
      }
    },
  };
}

/**
 * Copies the client's stdin into the container's stdin (pipe, or pty master); at EOF closes
 * it when StdinOnce and there is no TTY. Resolves when the client's stdin is over.
 */
async function pumpStdin(ctx: EngineContext, rec: ContainerRecord, target: number, stdin: NodeJS.ReadableStream, signal: AbortSignal): Promise<void> {
  const live = ctx.liveOf(rec);
  const runFd = async (): Promise<number | null> => {
    while (!live.run || live.run.generation < target) {
      if (signal.aborted || (live.generation >= target && !live.run)) return null;
      await new Promise((r) => setTimeout(r, 5));
    }
    return live.run.generation === target ? live.run.stdinFd : null;
  };
  // The run's machine: after a kernel panic the engine's current one is another kernel.
  const sysOf = () => live.run?.machine.sys ?? ctx.sys;
  try {
    for await (const chunk of stdin) {
      const fd = await runFd();
      if (fd === null) return;
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk as Buffer);
      let off = 0;
      while (off < bytes.length) {
        const r = await sysOf().write(fd, bytes.subarray(off));
        if (!r.ok) return;
        off += r.value;
      }
    }
    if (rec.config.StdinOnce && rec.config.Tty !== true) {
      const fd = await runFd();
      if (fd !== null && live.run) {
        const { sys } = live.run.machine;
        live.run.stdinFd = null;
        await sys.close(fd);
      }
    }
  } catch {
    // the client went away: a detach, never a kill
  }
}

/** 404 helper for unknown names, used before any streaming starts. */
export function requireContainer(ctx: EngineContext, name: string): ContainerRecord {
  const rec = ctx.containers.find(name);
  if (!rec) throw ApiError.notFound(`No such container: ${name}`);
  return rec;
}
