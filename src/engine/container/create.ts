// POST /containers/create: resolve the image, merge its config with the request like moby's
// daemon/create.go, pick the ID and name, prepare the root filesystem, persist, emit "create".
import { ApiError, type ContainerConfig, type ContainerCreateRequest, type ContainerCreateResponse, type HostConfig } from '../../api/index.js';
import { familiarString, parseReference, withDefaultTag } from '../../image/index.js';
import { extractLayer, prepareRootfs, releaseRootfs } from '../../runtime/index.js';
import type { EngineContext } from '../engine-context.js';
import { nameConflict, translating } from '../util/errors.js';
import { JsonLog } from '../util/json-log.js';
import { generateName, VALID_NAME } from '../util/names.js';
import { randomId } from '../util/random-source.js';
import { parseRfc3339, rfc3339Nano } from '../util/time-format.js';
import { createdState, type ContainerRecord } from './container-record.js';
import { initLayerEntries } from './init-layer.js';
import { restoreWritableLayer } from './writable-layer.js';
import { prepareMounts } from '../volume/container-mounts.js';

/** Merges KEY=VALUE lists: later lists override keys of earlier ones, order of first appearance kept. */
export function mergeEnv(base: readonly string[], override: readonly string[]): string[] {
  const out = new Map<string, string>();
  for (const e of [...base, ...override]) out.set(e.includes('=') ? e.slice(0, e.indexOf('=')) : e, e);
  return [...out.values()];
}

/** The container Config: the request's fields over the image's defaults (moby merge rules). */
export function mergeConfig(user: ContainerCreateRequest, image: ContainerConfig, id: string): ContainerConfig {
  const { HostConfig: _h, NetworkingConfig: _n, ...cfg } = user;
  void _h; void _n;
  const merged: ContainerConfig = { ...cfg };
  merged.Hostname = user.Hostname || id.slice(0, 12);
  merged.Env = mergeEnv(image.Env ?? [], user.Env ?? []);
  const userEntrypointGiven = user.Entrypoint !== undefined && user.Entrypoint !== null;
  if (!userEntrypointGiven || user.Entrypoint!.length === 0) {
    if (!user.Cmd || user.Cmd.length === 0) merged.Cmd = image.Cmd ?? null;
    if (!userEntrypointGiven) merged.Entrypoint = image.Entrypoint ?? null;
  }
  if (merged.Entrypoint && merged.Entrypoint.length === 1 && merged.Entrypoint[0] === '') merged.Entrypoint = null;
  merged.WorkingDir = user.WorkingDir || image.WorkingDir || '';
  merged.User = user.User || image.User || '';
  merged.Labels = { ...(image.Labels ?? {}), ...(user.Labels ?? {}) };
  merged.StopSignal = user.StopSignal || image.StopSignal || undefined;
  merged.ExposedPorts = { ...(image.ExposedPorts ?? {}), ...(user.ExposedPorts ?? {}) };
  merged.Volumes = { ...(image.Volumes ?? {}), ...(user.Volumes ?? {}) };
  if (!user.Healthcheck && image.Healthcheck) merged.Healthcheck = image.Healthcheck;
  if (image.OnBuild) merged.OnBuild = image.OnBuild;
  if (merged.StopSignal === undefined) delete merged.StopSignal;
  merged.Tty = user.Tty === true;
  merged.OpenStdin = user.OpenStdin === true;
  merged.StdinOnce = user.StdinOnce === true;
  merged.AttachStdin = user.AttachStdin === true;
  merged.AttachStdout = user.AttachStdout === true;
  merged.AttachStderr = user.AttachStderr === true;
  merged.Domainname = user.Domainname ?? '';
  return merged;
}

/** HostConfig with moby's defaults filled in. */
export function normalizeHostConfig(hc: HostConfig | null | undefined): HostConfig {
  const h: HostConfig = { ...(hc ?? {}) };
  if (!h.NetworkMode || h.NetworkMode === 'default') h.NetworkMode = 'bridge';
  if (!h.LogConfig || !h.LogConfig.Type) h.LogConfig = { Type: 'json-file', Config: h.LogConfig?.Config ?? {} };
  if (!h.RestartPolicy || !h.RestartPolicy.Name) h.RestartPolicy = { Name: 'no', MaximumRetryCount: 0 };
  return h;
}

/** Picks a free generated name (Atomic: the caller inserts before any await). */
async function freeName(ctx: EngineContext): Promise<string> {
  for (let retry = 0; retry < 20; retry++) {
    const bytes = await ctx.random(8);
    let i = 0;
    const name = generateName((n) => bytes[i++ % bytes.length] % n, retry >= 10 ? 1 : 0);
    if (!ctx.containers.byName(name)) return name;
  }
  return `skiff_${Buffer.from(await ctx.random(6)).toString('hex')}`;
}

/** moby's container name check (also rename's); returns the name without a leading "/". */
export function checkedName(name: string): string {
  if (!VALID_NAME.test(name)) throw ApiError.invalidParameter(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  return name.replace(/^\//, '');
}

/** Creates a container. */
export async function createContainer(ctx: EngineContext, requestedName: string | undefined, req: ContainerCreateRequest): Promise<ContainerCreateResponse> {
  const imageRef = req.Image ?? '';
  if (imageRef === '') throw ApiError.invalidParameter('config cannot be empty in order to create a container');
  const name = requestedName ? checkedName(requestedName) : undefined;
  if (name !== undefined) {
    const holder = ctx.containers.byName(name);
    if (holder) throw nameConflict(name, holder.id);
  }
  const details = await translating(async () => {
    try {
      return await ctx.images.inspect(imageRef);
    } catch (e) {
      let familiar = imageRef;
      try { familiar = familiarString(withDefaultTag(parseReference(imageRef))); } catch { /* keep as typed */ }
      if ((e as { kind?: string }).kind === 'not-found') throw ApiError.notFound(`No such image: ${familiar}`);
      throw e;
    }
  });
  const id = await randomId(ctx.random);
  const config = mergeConfig(req, details.containerConfig as ContainerConfig, id);
  const argv = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
  if (argv.length === 0) throw ApiError.invalidParameter('no command specified');
  const hostConfig = normalizeHostConfig(req.HostConfig);
  if (hostConfig.AutoRemove && hostConfig.RestartPolicy?.Name && hostConfig.RestartPolicy.Name !== 'no') {
    throw ApiError.invalidParameter('can\'t create \'AutoRemove\' container with restart policy');
  }
  const mountPoints = await prepareMounts(ctx, hostConfig, config);
  const chosen = name ?? (await freeName(ctx));
  const rec: ContainerRecord = {
    id, name: chosen, created: rfc3339Nano(await ctx.creationTime()), image: imageRef, imageId: details.id,
    config, hostConfig, networkingConfig: req.NetworkingConfig ?? null, path: argv[0], args: argv.slice(1),
    state: createdState(), restartCount: 0, cgroupPath: '', runtimeNotes: [], mountPoints,
  };
  // Atomic: no await between the name check and the insert.
  const holder = ctx.containers.byName(chosen);
  if (holder) throw nameConflict(chosen, holder.id);
  ctx.containers.add(rec);
  try {
    await ctx.containers.save(rec);
    const live = ctx.liveOf(rec);
    live.layerOnDisk = false; // a new container: nothing saved to restore
    live.log = JsonLog.create(`${ctx.containers.dir(id)}/${id}-json.log`);
    await prepareContainerRootfs(ctx, rec);
  } catch (e) {
    await ctx.containers.remove(id);
    ctx.dropLive(id);
    throw ApiError.system(`failed to create container: ${(e as Error).message}`);
  }
  await ctx.containerEvent(rec, 'create');
  return { Id: id, Warnings: [] };
}

/**
 * Mounts the container's root (once per machine): the image's layers, each extracted once per
 * machine and shared (LayerDirs), under the container's init layer and its own writable layer.
 * A root already mounted on this machine (the engine restarted) is reused; so is the writable
 * layer of a stopped container (a restart keeps its changes). On a machine that lacks the
 * writable layer (a new daemon, a reboot after a panic) it is restored from the data root.
 */
export async function prepareContainerRootfs(ctx: EngineContext, rec: ContainerRecord): Promise<void> {
  await ctx.ready();
  const live = ctx.liveOf(rec);
  const machine = ctx.machine;
  if (live.rootfsOn === machine) return;
  const { libc } = machine;
  const path = ctx.rootfsPath(rec.id);
  if ((await libc.statOrUndefined(path)) !== undefined) {
    const names = (await libc.readdir(path)).filter((d) => d.name !== '.' && d.name !== '..');
    if (names.length > 0) { live.rootfsOn = machine; return; } // this machine already has it mounted (engine restarted)
  }
  const details = await translating(() => ctx.images.inspect(rec.imageId));
  const lowerdirs: string[] = [];
  for (const diffID of details.layers) lowerdirs.unshift(await machine.layers.ensure(diffID, () => translating(() => ctx.images.layerEntries(diffID))));
  const dir = ctx.containerDir(rec.id);
  const init = `${dir}/init`;
  const created = parseRfc3339(rec.created);
  await extractLayer(libc, init, initLayerEntries(created === undefined ? 0 : Number(created / 1_000_000n)));
  const upperdir = ctx.upperPath(rec.id);
  if (live.layerOnDisk !== false && !(await libc.statOrUndefined(upperdir, false))) await restoreWritableLayer(ctx, rec, libc);
  await prepareRootfs(libc, { rootfs: path, lowerdirs: [init, ...lowerdirs], upperdir, workdir: `${dir}/work` });
  live.rootfsOn = machine;
}

/**
 * Unmounts the engine's mount of a container's root once the container has started (its own
 * mount namespace holds a copy) or stopped (moby's cleanup). The layers stay; the engine reads
 * the writable layer directly (diff, export, commit), and prepareContainerRootfs mounts the root
 * again for the next start or a build step's unstaging. Every start copies the engine's mount
 * table (clone with CLONE_NEWNS, MS_REC|MS_PRIVATE, detaching the old root after pivot_root:
 * three passes over every mount), so a mount kept per container made each start slower than the last.
 */
export async function releaseContainerRootfs(ctx: EngineContext, rec: ContainerRecord): Promise<void> {
  const live = ctx.liveOf(rec);
  const machine = live.rootfsOn;
  if (!machine) return;
  live.rootfsOn = undefined;
  if (machine.panicked !== undefined) return; // the machine and its mounts are gone
  await releaseRootfs(machine.libc, ctx.rootfsPath(rec.id));
}
