// The exec backend (the daemon's ExecBackend): exec instances joining a running container's
// namespaces through the runtime (setns, like `runc exec`), with their own stdio pipes.
import { O, exitCodeOf, type Sys } from '../abi/index.js';
import { ApiError, type ExecCreateRequest, type ExecInspect, type IdResponse } from '../api/index.js';
import { RuntimeError, execInContainer } from '../runtime/index.js';
import type { AttachStreams, StreamSession } from './backend-types.js';
import type { ContainerService } from './container-service.js';
import { capabilities, processEnv } from './container/spec-builder.js';
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
    this.execs.set(id, { id, containerId: rec.id, config, running: false, exitCode: null, pid: 0 });
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
    const [outR, outW] = await libc.pipe(O.CLOEXEC);
    const [errR, errW] = await libc.pipe(O.CLOEXEC);
    const stdin = withStdin ? await libc.pipe(O.CLOEXEC) : null;
    const c = e.config;
    const hc = { ...rec.hostConfig, Privileged: rec.hostConfig.Privileged || c.Privileged };
    let pid: number;
    try {
      ({ pid } = await execInContainer(sys, {
        initPid: run.pid, cgroupPath: rec.cgroupPath || undefined,
        process: {
          args: c.Cmd, env: [...processEnv(rec), ...(c.Env ?? [])], cwd: c.WorkingDir || rec.config.WorkingDir || '/',
          user: c.User || rec.config.User || '', capabilities: capabilities(hc), additionalGroups: rec.hostConfig.GroupAdd ?? [],
        },
        stdio: { stdin: stdin ? stdin[0] : null, stdout: outW, stderr: c.Tty ? outW : errW },
      }));
    } catch (err) {
      for (const fd of [outR, outW, errR, errW, ...(stdin ?? [])]) await sys.close(fd);
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
    for (const fd of [outW, errW, ...(stdin ? [stdin[0]] : [])]) await sys.close(fd);
    await this.ctx.containerEvent(rec, `exec_start: ${c.Cmd.join(' ')}`, { execID: e.id });
    const pump = async (fd: number, stream: 'stdout' | 'stderr') => {
      for (;;) {
        const r = await sys.read(fd, 65536);
        if (!r.ok || r.value.length === 0) break;
        onOutput(stream, r.value.slice());
      }
      await sys.close(fd);
    };
    const pumps = [pump(outR, 'stdout'), pump(errR, 'stderr')];
    const done = (async () => {
      const w = await sys.wait4(pid, 0);
      await Promise.all(pumps);
      e.exitCode = w.ok ? exitCodeOf(w.value.status) : 126;
      e.running = false;
      await this.ctx.containerEvent(rec, 'exec_die', { execID: e.id, exitCode: String(e.exitCode) });
    })();
    return { done, stdinFd: stdin ? stdin[1] : null, sys };
  }

  async execStart(id: string, options: { tty: boolean; consoleSize?: [number, number] }): Promise<StreamSession> {
    const e = this.get(id);
    const tty = options.tty || e.config.Tty === true;
    return {
      tty,
      run: async (streams: AttachStreams, signal: AbortSignal) => {
        const write = (s: 'stdout' | 'stderr', c: Uint8Array) => (s === 'stderr' && !tty ? streams.stderr : streams.stdout)?.write(c);
        const { done, stdinFd, sys } = await this.launch(e, e.config.AttachStdin === true && streams.stdin !== null, write);
        if (stdinFd !== null && streams.stdin) void this.pumpStdin(streams.stdin, stdinFd, sys);
        const aborted = new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
        await Promise.race([done, aborted]);
      },
    };
  }

  /** Copies the client's stdin to `fd` of `sys` (the machine the exec runs on). */
  private async pumpStdin(stdin: NodeJS.ReadableStream, fd: number, sys: Sys): Promise<void> {
    try {
      for await (const chunk of stdin) {
        const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk as Buffer);
        const r = await sys.write(fd, bytes);
        if (!r.ok) break;
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

  async execResize(id: string, _height: number, _width: number): Promise<void> {
    this.get(id);
  }
}
