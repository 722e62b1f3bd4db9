// Test harness: a booted machine, an image store in a temp dir and an engine over the
// machine's host process, plus `docker run`-like helpers driving the engine's backends.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { bootMachine, rebootMachine, type Machine } from '../../src/boot/machine.js';
import { HostExports } from '../../src/boot/host-directory.js';
import { ImageStore } from '../../src/image/index.js';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { APPLET_NAMES } from '../../src/userland/busybox.js';
import { skiffElf } from '../../src/userland/applet.js';
import type { ContainerCreateRequest } from '../../src/api/index.js';

export interface Harness {
  /** The machine the engine runs on (a new one after a kernel panic or restart({ newMachine })). */
  machine: Machine;
  engine: Engine;
  dataRoot: string;
  store: ImageStore;
  /**
   * A fresh engine over the same data root (a daemon restart): on the same machine, or with
   * `newMachine` on a freshly booted one, as when skiffd restarts (the old engine and machine
   * are left as they are; only the data root carries over).
   */
  restart(options?: { newMachine?: boolean }): Promise<Engine>;
}

let seed = 1;

/** Deterministic randomness, different per harness. */
function seeded(): (n: number) => Promise<Uint8Array> {
  let x = (seed++ * 0x9e3779b1) >>> 0 || 1;
  return async (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      out[i] = x & 0xff;
    }
    return out;
  };
}

export async function harness(): Promise<Harness> {
  const dataRoot = await mkdtemp(join(tmpdir(), 'skiff-engine-'));
  const store = await ImageStore.open(join(dataRoot, 'image'));
  const random = seeded();
  // Real directories the machines may mount (bind mounts, volumes), as boot/engine-wiring.ts gives them.
  const hostDirectories = new HostExports();
  const make = (m: Machine) => createEngine({
    sys: m.host.sys, dataRoot, imageStore: store, random,
    userland: { executable: skiffElf, applets: APPLET_NAMES },
    allowHostDirectory: (dir) => hostDirectories.allow(dir),
    machine: { ncpus: m.kernel.ncpus, memoryBytes: m.kernel.memoryBytes },
    watchPanic: (onPanic) => { m.kernel.onPanic = onPanic; },
    reboot: async () => {
      const fresh = await rebootMachine(h.machine);
      h.machine = fresh;
      return { sys: fresh.host.sys, watchPanic: (onPanic) => { fresh.kernel.onPanic = onPanic; } };
    },
  });
  const machine = await bootMachine({ hostDirectories });
  const h: Harness = {
    machine, engine: await make(machine), dataRoot, store,
    restart: async (options = {}) => {
      if (options.newMachine) h.machine = await rebootMachine(h.machine);
      h.engine = await make(h.machine);
      return h.engine;
    },
  };
  for await (const _ of await h.engine.image.imagePull({ fromImage: 'docker.io/library/busybox', tag: 'latest' }, new AbortController().signal)) { /* drain */ }
  return h;
}

/** A Writable collecting text. */
export function collector(): { stream: Writable; text(): string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { chunks.push(Buffer.from(chunk)); cb(); } });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** `docker run` without -d: create, attach, wait, start; returns output and exit code. */
export async function run(engine: Engine, cmd: string[], extra: Partial<ContainerCreateRequest> = {}, name?: string): Promise<{ id: string; stdout: string; stderr: string; code: number }> {
  const { Id: id } = await engine.container.containerCreate({ name, config: { Image: 'busybox', Cmd: cmd, AttachStdout: true, AttachStderr: true, ...extra } });
  const session = await engine.container.containerAttach(id, { stream: true, stdin: false, stdout: true, stderr: true, logs: false });
  const out = collector(), err = collector();
  const ac = new AbortController();
  const wait = await engine.container.containerWait(id, extra.HostConfig?.AutoRemove ? 'removed' : 'next-exit', ac.signal);
  const attached = session.run({ stdin: null, stdout: out.stream, stderr: err.stream }, ac.signal);
  await engine.container.containerStart(id, {});
  await attached;
  const r = await wait.result;
  return { id, stdout: out.text(), stderr: err.text(), code: r.StatusCode };
}

/** Polls `top` until a process named `comm` runs in the container (e.g. docker-init's command). */
export async function waitForProcess(engine: Engine, id: string, comm: string): Promise<void> {
  while (!(await engine.container.containerTop(id, '')).Processes.some((p) => p.at(-1) === comm)) {
    await new Promise((r) => setTimeout(r, 5));
  }
}
