// Test support for the resource-limit tests: a machine with N virtual CPUs and an engine over it
// (busybox and stress pulled), detached container starts, and a probe program that measures
// cgroup counters over windows of virtual time from inside the kernel (so the clock waits for it).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AT_FDCWD, CLOCK, type Sys } from '../../src/abi/index.js';
import { bootMachine, type Machine } from '../../src/boot/machine.js';
import { ImageStore } from '../../src/image/index.js';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { APPLET_NAMES } from '../../src/userland/busybox.js';
import { skiffElf } from '../../src/userland/applet.js';
import type { HostConfig, StatsJSON } from '../../src/api/index.js';

/** A booted machine and an engine on its host process. */
export interface ResourceRig {
  machine: Machine;
  engine: Engine;
}

const never = new AbortController().signal;

/** Boots a machine with `ncpus` CPUs on the virtual clock and an engine with busybox and stress. */
export async function resourceRig(ncpus: number, memoryBytes = 1 << 30): Promise<ResourceRig> {
  const machine = await bootMachine({ ncpus, memoryBytes });
  const dataRoot = await mkdtemp(join(tmpdir(), 'skiff-resources-'));
  const imageStore = await ImageStore.open(join(dataRoot, 'image'));
  let x = 0x2545f491;
  const engine = await createEngine({
    sys: machine.host.sys, dataRoot, imageStore,
    random: async (n) => {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; out[i] = x & 0xff; }
      return out;
    },
    userland: { executable: skiffElf, applets: APPLET_NAMES },
    machine: { ncpus: machine.kernel.ncpus, memoryBytes: machine.kernel.memoryBytes },
  });
  for (const image of ['busybox', 'stress']) {
    for await (const _ of await engine.image.imagePull({ fromImage: `docker.io/library/${image}`, tag: 'latest' }, never)) { /* drain */ }
  }
  return { machine, engine };
}

/** `docker run -d` with HostConfig limits; returns the container ID. */
export async function startDetached(engine: Engine, image: string, cmd: string[], hostConfig: HostConfig = {}, name?: string): Promise<string> {
  const { Id } = await engine.container.containerCreate({ name, config: { Image: image, Cmd: cmd, HostConfig: hostConfig } });
  await engine.container.containerStart(Id, {});
  return Id;
}

/** Waits for a container to stop running; returns its exit code. */
export async function waitExit(engine: Engine, id: string): Promise<number> {
  return (await (await engine.container.containerWait(id, 'not-running', never)).result).StatusCode;
}

/**
 * Runs `fn` as a kernel program (a child of the host process, in the root cgroup). Unlike host
 * code, the virtual clock waits for a program's JS between its syscalls, so windows measured
 * with its nanosleep are exact.
 */
export async function probe<T>(machine: Machine, fn: (sys: Sys) => Promise<T>): Promise<T> {
  let result: { ok: true; value: T } | { ok: false; error: unknown } = { ok: false, error: new Error('probe did not run') };
  const child = machine.kernel.spawn({
    argv: ['resource-probe'], parent: machine.host.proc,
    program: async (_a, _e, sys) => {
      try { result = { ok: true, value: await fn(sys) }; } catch (error) { result = { ok: false, error }; }
      return 0;
    },
  });
  await child.exited;
  await machine.host.sys.wait4(child.pid, 0);
  if (!result.ok) throw result.error;
  return result.value;
}

/** Reads a small file through raw syscalls (throws with the errno). */
export async function readText(sys: Sys, path: string): Promise<string> {
  const fd = await sys.openat(AT_FDCWD, path, 0);
  if (!fd.ok) throw new Error(`open ${path}: errno ${fd.errno}`);
  let out = '';
  for (;;) {
    const r = await sys.read(fd.value, 65536);
    if (!r.ok) throw new Error(`read ${path}: errno ${r.errno}`);
    if (r.value.length === 0) break;
    out += new TextDecoder().decode(r.value);
  }
  await sys.close(fd.value);
  return out;
}

/** A `key value` file (cpu.stat, memory.events) as numbers. */
export function keyed(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const [k, v] = line.split(' ');
    if (k) out[k] = Number(v);
  }
  return out;
}

/** CLOCK_MONOTONIC in ns. */
export async function monotonicNs(sys: Sys): Promise<number> {
  const t = await sys.clock_gettime(CLOCK.MONOTONIC);
  if (!t.ok) throw new Error(`clock_gettime: errno ${t.errno}`);
  return t.value.sec * 1e9 + t.value.nsec;
}

/** The cgroup directory of a container (as the engine names it). */
export const cgroupDir = (id: string): string => `/sys/fs/cgroup/skiff/${id}`;

/** CPU used (ns, from cpu.stat usage_usec) by each cgroup over `windowNs` of virtual time, and the window's true length. */
export async function cpuOverWindow(machine: Machine, dirs: string[], windowNs: number): Promise<{ usedNs: number[]; elapsedNs: number }> {
  return probe(machine, async (sys) => {
    const read = async () => {
      const out: number[] = [];
      for (const d of dirs) out.push(keyed(await readText(sys, `${d}/cpu.stat`)).usage_usec * 1000);
      return out;
    };
    const t0 = await monotonicNs(sys);
    const before = await read();
    const s = await sys.nanosleep(windowNs);
    if (!s.ok) throw new Error(`nanosleep: errno ${s.errno}`);
    const after = await read();
    const t1 = await monotonicNs(sys);
    return { usedNs: after.map((a, i) => a - before[i]), elapsedNs: t1 - t0 };
  });
}

/** docker stats' CPU %: (cpu delta / system delta) × online CPUs × 100. */
export function cpuPercent(s: StatsJSON): number {
  const cpu = s.cpu_stats.cpu_usage.total_usage - s.precpu_stats.cpu_usage.total_usage;
  const system = (s.cpu_stats.system_cpu_usage ?? 0) - (s.precpu_stats.system_cpu_usage ?? 0);
  return (cpu / system) * (s.cpu_stats.online_cpus ?? 0) * 100;
}

/** The engine's `docker stats --no-stream` sample (two readings, precpu then cpu). */
export async function statsOnce(rig: ResourceRig, id: string): Promise<StatsJSON> {
  for await (const s of await rig.engine.container.containerStats(id, { stream: false, oneShot: false }, never)) return s;
  throw new Error('stats gave no sample');
}
