// The exec backend (the daemon's ExecBackend): exec instances joining a running container's
// namespaces through the runtime (setns, like `runc exec`), with their own stdio pipes.
import { O, exitCodeOf, type Sys } from '../abi/index.js';
import { ApiError, type ExecCreateRequest, type ExecInspect, type IdResponse } from '../api/index.js';
import { RuntimeError, execInContainer } from '../runtime/index.js';
import type { AttachStreams, StreamSession } from './backend-types.js';
import type { ContainerService } from './container-service.js';
import { capabilities, processEnv } from './container/spec-builder.js';
import { consoleSizeOf, setConsoleSize, winsizeOf } from './container/console-size.js';
import { dupCloexec } from './container/lifecycle.js';
import type { ConsoleSize } from '../runtime/index.js';
import { requireContainer } from './container/streams.js';
import { isRunning } from './container/container-record.js';
import type { EngineContext } from './engine-context.js';
import { randomId } from './util/random-source.js';

interface ExecInstance {
  id: string;
  containerId: string;
  config: ExecCreateRequest;
  running: boolean;
  exitCode: number | null;
  pid: number;
  /** The pty master of a running TTY exec (resize target), else null. */
  console: number | null;
  /** The size for a TTY exec: from start's ConsoleSize, create's, or a resize before start. */
  size?: ConsoleSize;
}

/** Implements the daemon's ExecBackend. */
export class ExecService {
  private readonly execs = new Map<string, ExecInstance>();

  constructor(private readonly ctx: EngineContext, private readonly containers: ContainerService) {}

  private get(id: string): ExecInstance {
    const e = this.execs.get(id);
    if (!e) throw ApiError.notFound(`No such exec instance: ${id}`);
    return e;
  }

  async execCreate(container: string, config: ExecCreateRequest): Promise<IdResponse> {
    const rec = requireContainer(this.ctx, container);
    if (rec.state.status === 'paused') throw ApiError.conflict(`Container ${rec.id} is paused, unpause the container before exec`);
    if (rec.state.status === 'restarting') throw ApiError.conflict(`Container ${rec.id} is restarting, wait until the container is running`);
    if (!isRunning(rec)) throw ApiError.conflict(`container ${rec.id} is not running`);
    const id = await randomId(this.ctx.random);
    this.execs.set(id, { id, containerId: rec.id, config, running: false, exitCode: null, pid: 0, console: null, size: consoleSizeOf(config.ConsoleSize) });
    const list = this.containers.execIds.get(rec.id) ?? [];
    list.push(id);
    this.containers.execIds.set(rec.id, list);
    await this.ctx.containerEvent(rec, `exec_create: ${config.Cmd.join(' ')}`, { execID: id });
    return { Id: id };
  }

  /** Starts the process; `onOutput` receives its output. Resolves with a promise of the exit. */
  private async launch(e: ExecInstance, withStdin: boolean, onOutput: (s: 'stdout' | 'stderr', c: Uint8Array) => void): Promise<{ done: Promise<void>; stdinFd: number | null; sys: Sys }> {
    const rec = requireContainer(this.ctx, e.containerId);
    const run = this.ctx.liveOf(rec).run;
    if (!isRunning(rec) || !run) throw ApiError.conflict(`container ${rec.id} is not running`);
    if (e.running || e.exitCode !== null) throw ApiError.conflict(`Error: Exec command ${e.id} has already run`);
    const { sys, libc } = run.machine;
    const c = e.config;
    const tty = c.Tty === true;
    // Without a TTY: stdout, stderr (and stdin) pipes. With one: the runtime opens a pty in the
    // container and hands back its master, which carries all three.
    const [outR, outW] = tty ? [-1, -1] : await libc.pipe(O.CLOEXEC);
    const [errR, errW] = tty ? [-1, -1] : await libc.pipe(O.CLOEXEC);
    const stdin = withStdin && !tty ? await libc.pipe(O.CLOEXEC) : null;
    const pipeFds = tty ? [] : [outR, outW, errR, errW, ...(stdin ?? [])];
    const hc = { ...rec.hostConfig, Privileged: rec.hostConfig.Privileged || c.Privileged };
    let pid: number;
    let master: number | null = null;
    try {
      const started = await execInContainer(sys, {
        initPid: run.pid, cgroupPath: rec.cgroupPath || undefined,
        process: {
          args: c.Cmd, env: [...processEnv(rec), ...(tty && !rec.config.Tty ? ['TERM=xterm'] : []), ...(c.Env ?? [])],
          cwd: c.WorkingDir || rec.config.WorkingDir || '/',
          user: c.User || rec.config.User || '', capabilities: capabilities(hc), additionalGroups: rec.hostConfig.GroupAdd ?? [],
        },
        ...(tty ? { terminal: e.size ?? { rows: 0, cols: 0 } } : { stdio: { stdin: stdin ? stdin[0] : null, stdout: outW, stderr: errW } }),
      });
      pid = started.pid;
      master = started.console ?? null;
    } catch (err) {
      for (const fd of pipeFds) await sys.close(fd);
      if (err instanceof RuntimeError) {
        // moby: any failure to start the exec is ExitCode 126, its text written to stdout + "\r\n".
        e.exitCode = 126;
        onOutput('stdout', new TextEncoder().encode(`OCI runtime exec failed: ${err.message}: unknown\r\n`));
        return { done: Promise.resolve(), stdinFd: null, sys };
      }
      throw err;
    }
    e.running = true;
    e.pid = pid;
    e.console = master;
    if (!tty) for (const fd of [outW, errW, ...(stdin ? [stdin[0]] : [])]) await sys.close(fd);
    // The stdin pump writes to its own copy of the master: the output pump closes the master.
    const stdinFd = stdin ? stdin[1] : master !== null && withStdin ? await dupCloexec(sys, master) : null;
    await this.ctx.containerEvent(rec, `exec_start: ${c.Cmd.join(' ')}`, { execID: e.id });
    const pump = async (fd: number, stream: 'stdout' | 'stderr') => {
      for (;;) {
        const r = await sys.read(fd, 65536);
        if (!r.ok || r.value.length === 0) break; // a pty master reads EIO after the last slave closes
        onOutput(stream, r.value.slice());
      }
      if (fd === master) e.console = null;
      await sys.close(fd);
    };
    const pumps = master !== null ? [pump(master, 'stdout')] : [pump(outR, 'stdout'), pump(errR, 'stderr')];
    const done = (async () => {
      const w = await sys.wait4(pid, 0);
      await Promise.all(pumps);
      e.exitCode = w.ok ? exitCodeOf(w.value.status) : 126;
      e.running = false;
      await this.ctx.containerEvent(rec, 'exec_die', { execID: e.id, exitCode: String(e.exitCode) });
    })();
    return { done, stdinFd, sys };
  }

  async execStart(id: string, options: { tty: boolean; consoleSize?: [number, number] }): Promise<StreamSession> {
    const e = this.get(id);
    const tty = options.tty || e.config.Tty === true;
    return {
      tty,
      run: async (streams: AttachStreams, signal: AbortSignal) => {
        const write = (s: 'stdout' | 'stderr', c: Uint8Array) => (s === 'stderr' && !tty ? streams.stderr : streams.stdout)?.write(c);
        if (options.consoleSize) e.size = consoleSizeOf(options.consoleSize) ?? e.size;
        const { done, stdinFd, sys } = await this.launch(e, e.config.AttachStdin === true && streams.stdin !== null, write);
        const stdinDone = stdinFd !== null && streams.stdin ? this.pumpStdin(streams.stdin, stdinFd, sys) : new Promise<never>(() => undefined);
        // moby: with a TTY the end of the client's stdin ends the session, not the process.
        const ended = e.config.Tty === true ? stdinDone : new Promise<never>(() => undefined);
        const aborted = new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
        await Promise.race([done, aborted, ended]);
      },
    };
  }

  /** Copies the client's stdin to `fd` of `sys` (the machine the exec runs on). */
  private async pumpStdin(stdin: NodeJS.ReadableStream, fd: number, sys: Sys): Promise<void> {
    try {
      for await (const chunk of stdin) {
        const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk as Buffer);
        let off = 0;
        while (off < bytes.length) {
          const r = await sys.write(fd, bytes.subarray(off));
          if (!r.ok) return void (await sys.close(fd));
          off += r.value;
        }
      }
    } catch {
      // client gone
    }
    await sys.close(fd);
  }

  async execStartDetached(id: string, _options: { tty: boolean }): Promise<void> {
    const e = this.get(id);
    await this.launch(e, false, () => undefined);
  }

  async execInspect(id: string): Promise<ExecInspect> {
    const e = this.get(id);
    const c = e.config;
    return {
      ID: e.id, Running: e.running, ExitCode: e.exitCode,
      ProcessConfig: { tty: c.Tty === true, entrypoint: c.Cmd[0] ?? '', arguments: c.Cmd.slice(1), privileged: c.Privileged === true, user: c.User ?? '' },
      OpenStdin: c.AttachStdin === true, OpenStderr: c.AttachStderr === true, OpenStdout: c.AttachStdout === true,
      CanRemove: false, ContainerID: e.containerId, DetachKeys: c.DetachKeys ?? '', Pid: e.pid,
    };
  }

  /**
   * POST /exec/{id}/resize: TIOCSWINSZ on a running TTY exec's master; before start the size
   * is kept for it (moby waits for the start instead). 404 for an unknown exec.
   */
  async execResize(id: string, height: number, width: number): Promise<void> {
    const e = this.get(id);
    const size = winsizeOf(height, width);
    if (e.console === null) {
      if (!e.running && e.exitCode === null) e.size = size;
      return;
    }
    await setConsoleSize(this.ctx.sys, e.console, size).catch(() => undefined);
  }
}
