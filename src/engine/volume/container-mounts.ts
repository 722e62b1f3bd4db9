// A container's bind mounts and volumes through its life: made ready at create (volumes made,
// `-v` host directories created), mounted at each start (each host directory mounted with
// hostfs under <kernelRoot>/mounts/<id>/ in the engine's namespace, filled from the image when
// a volume is new, then bind-mounted into the container by the runtime and let go from the
// engine's namespace once the container has its own copy), and anonymous volumes removed with
// the container (`rm -v`, `--rm`).
import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, basename } from 'node:path';
import { MNT, MS, S } from '../../abi/index.js';
import { ApiError, type ContainerConfig, type HostConfig } from '../../api/index.js';
import { mkdirp, removeAll, type ExtraMount } from '../../runtime/index.js';
import type { Libc } from '../../userland/libc/index.js';
import type { ContainerRecord } from '../container/container-record.js';
import { tmpfsMount } from '../container/spec-builder.js';
import type { EngineContext } from '../engine-context.js';
import { randomId } from '../util/random-source.js';
import { copyTree } from './copy-tree.js';
import { planMounts, type MountPointRecord } from './mount-plan.js';
import { ANONYMOUS_LABEL } from './volume-store.js';

/** RFC 3339 in seconds, as Docker shows a volume's CreatedAt. */
export async function volumeTimestamp(ctx: EngineContext): Promise<string> {
  const ns = await ctx.now();
  return new Date(Number(ns / 1_000_000n)).toISOString().replace(/\.\d+Z$/, 'Z');
}

/**
 * The mounts of a container being created: parsed and checked (400 on a bad specification),
 * named volumes made on first use, anonymous volumes made with fresh names, missing `-v` bind
 * sources made as directories; a missing `--mount` bind source is 400.
 */
export async function prepareMounts(ctx: EngineContext, hc: HostConfig, config: ContainerConfig): Promise<MountPointRecord[]> {
  const points = planMounts(hc, config);
  const store = ctx.volumes;
  await store.load();
  const created = await volumeTimestamp(ctx);
  for (const p of points) {
    if (p.type === 'bind') {
      const exists = await stat(p.source).then(() => true, () => false);
      if (exists) continue;
      if (!p.createSource) throw ApiError.invalidParameter(`invalid mount config for type "bind": bind source path does not exist: ${p.source}`);
      await mkdir(p.source, { recursive: true, mode: 0o755 }).catch((e) => {
        throw ApiError.system(`error while creating mount source path '${p.source}': ${(e as Error).message}`);
      });
    } else if (p.type === 'volume') {
      if (p.anonymous) p.name = await randomId(ctx.random);
      await store.create(p.name!, created, p.anonymous ? { [ANONYMOUS_LABEL]: '' } : {});
      p.source = store.dataPath(p.name!);
    }
  }
  return points;
}

/** Mounts made ready for one start: what the runtime binds, and how to let them go. */
export interface AttachedMounts {
  mounts: ExtraMount[];
  /** Unmounts the host directories from the engine's namespace (the container keeps its copies). */
  release(): Promise<void>;
}

async function isEmptyDir(path: string): Promise<boolean> {
  return (await readdir(path).catch(() => ['?'])).length === 0;
}

/**
 * Mounts each bind source and volume of `rec` on the current machine for a start. The root
 * filesystem must be mounted (a new volume is filled from the image's files at its destination).
 */
export async function attachMounts(ctx: EngineContext, rec: ContainerRecord): Promise<AttachedMounts> {
  const points = rec.mountPoints ?? [];
  const { libc } = ctx.machine;
  const base = `${ctx.kernelRoot}/mounts/${rec.id}`;
  const mounted: string[] = [];
  const release = async () => {
    for (const m of mounted.reverse()) await libc.sys.umount2(m, MNT.DETACH);
    mounted.length = 0;
    await removeAll(libc, base).catch(() => undefined);
  };
  const mounts: ExtraMount[] = [];
  try {
    for (const [i, p] of points.entries()) {
      if (p.type === 'tmpfs') {
        mounts.push(tmpfsMount(p.destination, p.tmpfsOptions ?? ''));
        continue;
      }
      const host = p.type === 'bind' ? p.source : ctx.volumes.dataPath(p.name ?? '');
      const st = await stat(host).catch(() => undefined);
      if (!st && p.type === 'bind' && p.createSource) await mkdir(host, { recursive: true, mode: 0o755 });
      else if (!st) throw ApiError.invalidParameter(`invalid mount config for type "${p.type}": bind source path does not exist: ${host}`);
      const isDir = st ? st.isDirectory() : true;
      const dir = isDir ? host : dirname(host);
      const at = `${base}/${i}`;
      await mkdirp(libc, at);
      ctx.volumes.allowHost(dir);
      const m = await libc.sys.mount(dir, at, 'hostfs', 0, '');
      if (!m.ok) throw ApiError.system(`error while mounting volume '${host}': mount hostfs: errno ${m.errno}`);
      mounted.push(at);
      if (p.type === 'volume' && p.copyData !== false && (await isEmptyDir(host))) {
        await copyImageContent(libc, `${ctx.rootfsPath(rec.id)}${p.destination}`, at);
      }
      mounts.push({ destination: p.destination, type: 'bind', source: isDir ? at : `${at}/${basename(host)}`, flags: p.rw ? 0 : MS.RDONLY, data: '' });
    }
  } catch (e) {
    await release();
    throw e;
  }
  // Parents before children, as moby sorts mounts by destination depth.
  mounts.sort((a, b) => a.destination.split('/').length - b.destination.split('/').length);
  return { mounts, release };
}

/** Docker's copy-up: a new volume gets the image's files at its destination (with owners and modes). */
async function copyImageContent(libc: Libc, from: string, to: string): Promise<void> {
  const st = await libc.statOrUndefined(from, false);
  if (!st || (st.mode & S.IFMT) !== S.IFDIR) return;
  await copyTree(libc, from, to);
  await libc.chown(to, st.uid, st.gid, false);
  await libc.chmod(to, st.mode & 0o7777);
}

/** Removes the anonymous volumes of a removed container (`rm -v`, `--rm`) that no other container uses. */
export async function removeAnonymousVolumes(ctx: EngineContext, rec: ContainerRecord): Promise<void> {
  for (const p of rec.mountPoints ?? []) {
    if (p.type !== 'volume' || !p.anonymous || !p.name) continue;
    if (volumeUsers(ctx, p.name).some((id) => id !== rec.id)) continue;
    await ctx.volumes.remove(p.name).catch((e) => ctx.log.warn(`removing volume ${p.name}: ${(e as Error).message}`));
  }
}

/** IDs of the containers whose mounts name volume `name`. */
export function volumeUsers(ctx: EngineContext, name: string): string[] {
  return ctx.containers.all().filter((r) => (r.mountPoints ?? []).some((p) => p.type === 'volume' && p.name === name)).map((r) => r.id);
}
