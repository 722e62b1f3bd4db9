// A container's writable layer (its overlay upper dir) lives in the simulated kernel's memory,
// which a daemon restart or a kernel panic loses. So the engine keeps a copy on the real disk,
// <dataRoot>/containers/<id>/rw-layer.tar, written when a run ends (before stop, wait or
// `docker run` report the exit: an acknowledged exit has its changes on disk) and put back
// into the upper dir when the root is mounted on a machine that lacks it.
//
// The tar holds the upper dir as it is: overlay whiteouts stay 0/0 character devices and opaque
// directories keep their `.wh..wh..opq` marker, with modes, owners, devices, symlinks and hard
// links (mtimes in whole seconds, as in every layer tar). The runtime files (hostname, hosts,
// resolv.conf) are rewritten at every start and left out; a layer holding nothing else is not
// written at all, so short-lived containers cost two readdirs. Writes are atomic (temp file,
// fsync, rename): a crash leaves the previous copy or the new one.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createLayerTar, readLayerTar, writeFileAtomic } from '../../image/index.js';
import { mkdirp, populateTree } from '../../runtime/index.js';
import type { Libc } from '../../userland/libc/index.js';
import type { EngineContext } from '../engine-context.js';
import type { HostMachine } from '../host-machine.js';
import type { ContainerRecord } from './container-record.js';
import { RUNTIME_FILES, readTree } from './filesystem.js';

/** The saved writable layer, in the container's directory on the data root. */
export const WRITABLE_LAYER_FILE = 'rw-layer.tar';

/** The directory the runtime files are in: etc/ (RUNTIME_FILES). */
const RUNTIME_DIR = 'etc';

const visible = (names: { name: string }[]) => names.map((d) => d.name).filter((n) => n !== '.' && n !== '..');

/** Whether the upper dir holds nothing but the runtime files; undefined when it does not exist. */
async function onlyRuntimeFiles(libc: Libc, upper: string): Promise<boolean | undefined> {
  if (!(await libc.statOrUndefined(upper, false))) return undefined;
  const top = visible(await libc.readdir(upper));
  if (top.length === 0) return true;
  if (top.length > 1 || top[0] !== RUNTIME_DIR) return false;
  return visible(await libc.readdir(`${upper}/${RUNTIME_DIR}`)).every((n) => RUNTIME_FILES.has(`${RUNTIME_DIR}/${n}`));
}

function layerFile(ctx: EngineContext, rec: ContainerRecord): string {
  return join(ctx.containers.dir(rec.id), WRITABLE_LAYER_FILE);
}

/** Writes the upper dir (read on `machine`, where the container ran) to the data root. */
async function writeLayer(ctx: EngineContext, rec: ContainerRecord, machine: HostMachine): Promise<void> {
  const live = ctx.liveOf(rec);
  const upper = ctx.upperPath(rec.id);
  live.layerUnsaved = false; // a run starting while this reads sets it again
  try {
    const trivial = await onlyRuntimeFiles(machine.libc, upper);
    if (trivial === undefined) return; // never mounted on that machine: the saved copy stands
    if (trivial) {
      if (live.layerOnDisk !== false) await rm(layerFile(ctx, rec), { force: true });
      live.layerOnDisk = false;
      return;
    }
    const entries = (await readTree(machine.libc, upper, { hardlinks: true })).filter((e) => !RUNTIME_FILES.has(e.path));
    const tar = await createLayerTar(entries);
    if (!ctx.containers.find(rec.id)) return; // removed meanwhile
    await writeFileAtomic(layerFile(ctx, rec), tar);
    live.layerOnDisk = true;
  } catch (e) {
    live.layerUnsaved = true;
    throw e;
  }
}

/**
 * Saves the container's writable layer from `machine` (default: the current one). Saves of one
 * container run one after another.
 */
export function saveWritableLayer(ctx: EngineContext, rec: ContainerRecord, machine: HostMachine = ctx.machine): Promise<void> {
  const live = ctx.liveOf(rec);
  const next = (live.layerSave ?? Promise.resolve()).then(() => writeLayer(ctx, rec, machine));
  live.layerSave = next.catch(() => undefined);
  return next;
}

/**
 * Fills the (absent) upper dir on the current machine from the saved copy, if there is one.
 * Waits for a save in progress first (a container that died with a panicked kernel).
 */
export async function restoreWritableLayer(ctx: EngineContext, rec: ContainerRecord, libc: Libc): Promise<void> {
  const live = ctx.liveOf(rec);
  await live.layerSave;
  if (live.layerOnDisk === false) return;
  let tar: Buffer;
  try {
    tar = await readFile(layerFile(ctx, rec));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    live.layerOnDisk = false;
    return;
  }
  const upper = ctx.upperPath(rec.id);
  await mkdirp(libc, upper, 0o755);
  await populateTree(libc, upper, await readLayerTar(tar));
  live.layerOnDisk = true;
}
