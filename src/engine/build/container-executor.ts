// The engine's BuildExecutor: a RUN step runs in a throw-away container made from the
// intermediate image (create, attach, wait, start — what `docker run` does), and the changes
// its overlay upper dir holds (read by container/filesystem.ts's diffLayer, as docker commit
// does) become the step's changes in overlay form. The builder itself is src/build.
import { Writable } from 'node:stream';
import type { BuildExecutor, RunResult, RunStep } from '../../build/index.js';
import { ociToOverlay, type ImageStore, type OverlayEntry } from '../../image/index.js';
import type { ContainerService } from '../container-service.js';
import { prepareContainerRootfs } from '../container/create.js';
import { diffLayer } from '../container/filesystem.js';
import type { EngineContext } from '../engine-context.js';
import { stageFiles, unstageFiles, wrapWithFiles } from './step-files.js';

/** Thrown when a step is cancelled (the build's signal was aborted). */
export class StepCancelled extends Error {
  constructor() {
    super('build cancelled');
    this.name = 'StepCancelled';
  }
}

/** A Writable handing each chunk to `sink`. */
function forward(sink: (chunk: Uint8Array) => void): Writable {
  return new Writable({ write(chunk: Buffer, _enc, cb) { sink(new Uint8Array(chunk)); cb(); } });
}

/** Runs RUN steps in containers of the engine. */
export class ContainerExecutor implements BuildExecutor {
  private scratchId: string | null = null;

  constructor(private readonly ctx: EngineContext, private readonly containers: ContainerService) {}

  async run(step: RunStep): Promise<RunResult> {
    if (step.signal.aborted) throw new StepCancelled();
    if (step.files.length > 0 && step.user !== '' && step.user !== 'root' && step.user !== '0' && !step.user.startsWith('0:') && !step.user.startsWith('root:')) {
      throw new Error(`RUN with a #! heredoc script as USER ${step.user} is not supported by skiff (the script is placed under /dev/pipes by a root preamble); run it as root`);
    }
    const image = step.imageId ?? (await this.emptyImage(this.ctx.images));
    const { Id: id } = await this.containers.containerCreate({
      config: {
        Image: image, Cmd: wrapWithFiles(step.cmd, step.files), Entrypoint: [], Env: step.env, User: step.user, WorkingDir: step.workdir,
        AttachStdout: true, AttachStderr: true,
        HostConfig: step.network === 'none' || step.network === 'host' ? { NetworkMode: step.network } : {},
      },
    });
    step.started(id);
    this.ctx.liveOf(this.ctx.containers.get(id)).ephemeral = true; // removed below: its layer is never saved
    const rootfs = this.ctx.rootfsPath(id);
    try {
      await stageFiles(this.ctx, rootfs, step.files);
      const session = await this.containers.containerAttach(id, { stream: true, stdin: false, stdout: true, stderr: true, logs: false });
      const ac = new AbortController();
      const wait = await this.containers.containerWait(id, 'next-exit', ac.signal);
      const attached = session.run({ stdin: null, stdout: forward(step.output), stderr: forward(step.stderr) }, ac.signal);
      try {
        await this.containers.containerStart(id, {});
      } catch (err) {
        ac.abort();
        throw err;
      }
      const cancel = () => { void this.containers.containerKill(id, 'SIGKILL').catch(() => undefined); };
      step.signal.addEventListener('abort', cancel, { once: true });
      if (step.signal.aborted) cancel(); // aborted before the listener was in place
      let exitCode: number;
      try {
        await attached;
        exitCode = (await wait.result).StatusCode;
      } finally {
        step.signal.removeEventListener('abort', cancel);
      }
      if (step.signal.aborted) throw new StepCancelled();
      if (exitCode !== 0) return { exitCode, changes: [] };
      if (step.files.length > 0) await prepareContainerRootfs(this.ctx, this.ctx.containers.get(id)); // unmounted at exit
      await unstageFiles(this.ctx, rootfs, step.files);
      return { exitCode, changes: await this.changes(id) };
    } finally {
      await this.containers.containerRemove(id, { force: true, removeVolumes: false, removeLink: false })
        .catch((e) => this.ctx.log.warn(`removing build container ${id.slice(0, 12)}: ${(e as Error).message}`));
    }
  }

  /** The container root's changes against its image, in overlay form (0/0 devices for deletions). */
  private async changes(id: string): Promise<OverlayEntry[]> {
    const rec = this.ctx.containers.get(id);
    return ociToOverlay(await diffLayer(this.ctx, rec));
  }

  /** RUN on `FROM scratch` needs an image to make a container from: an empty one. */
  private async emptyImage(store: ImageStore): Promise<string> {
    this.scratchId ??= await store.putImage({ architecture: 'amd64', os: 'linux', config: {}, history: [] }, []);
    return this.scratchId;
  }
}
