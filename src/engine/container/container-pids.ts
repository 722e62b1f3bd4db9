// Which host processes belong to a container: the cgroup's cgroup.procs when cgroups are on,
// else every /proc/<pid> whose PID namespace is the init's, else just the init.
import { AT_FDCWD } from '../../abi/index.js';
import { decode } from '../../userland/libc/index.js';
import type { EngineContext } from '../engine-context.js';
import type { ContainerRecord } from './container-record.js';

/** Host PIDs of the container's processes (init first when known). */
export async function containerPids(ctx: EngineContext, rec: ContainerRecord): Promise<number[]> {
  const init = rec.state.pid;
  if (init <= 0) return [];
  const libc = ctx.libc;
  if (rec.cgroupPath) {
    try {
      const text = await libc.readTextFile(`${rec.cgroupPath}/cgroup.procs`);
      const pids = text.split('\n').filter(Boolean).map(Number).filter((n) => n > 0);
      if (pids.length > 0) return [init, ...pids.filter((p) => p !== init)];
    } catch {
      // fall back to /proc
    }
  }
  const ns = await ctx.sys.readlinkat(AT_FDCWD, `/proc/${init}/ns/pid`);
  if (!ns.ok) return [init];
  const pids = [init];
  try {
    for (const d of await libc.readdir('/proc')) {
      if (!/^\d+$/.test(d.name) || Number(d.name) === init) continue;
      const other = await ctx.sys.readlinkat(AT_FDCWD, `/proc/${d.name}/ns/pid`);
      if (other.ok && other.value === ns.value) pids.push(Number(d.name));
    }
  } catch {
    return [init];
  }
  return pids;
}

/** Reads a small text file, or undefined. */
export async function readSmallFile(ctx: EngineContext, path: string): Promise<string | undefined> {
  const r = await ctx.sys.openat(AT_FDCWD, path, 0);
  if (!r.ok) return undefined;
  try {
    const d = await ctx.sys.read(r.value, 65536);
    return d.ok ? decode(d.value) : undefined;
  } finally {
    await ctx.sys.close(r.value);
  }
}
