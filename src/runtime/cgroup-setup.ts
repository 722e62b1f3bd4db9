// The container's cgroup, created and configured as runc does: mkdir under /sys/fs/cgroup,
// enable controllers in the parents' cgroup.subtree_control, write the limit files. When cgroup2
// is not mounted (no /sys/fs/cgroup/cgroup.procs) it is skipped and the result says so.
import { AT, AT_FDCWD, Errno, ErrnoError, O } from '../abi/index.js';
import { mkdirp } from './fs-util.js';
import { Libc } from '../userland/libc/index.js';
import type { CgroupResources } from './spec.js';

/** Where cgroup2 is mounted in the engine's mount namespace. */
export const CGROUP_ROOT = '/sys/fs/cgroup';

/** The outcome of setting up a cgroup. */
export interface CgroupSetup {
  /** False when cgroup2 is not mounted: the container runs in the engine's cgroup. */
  enabled: boolean;
  /** Problems met (a limit file that could not be written, ...), for the engine's log. */
  notes: string[];
}

/** Whether cgroup2 is mounted at /sys/fs/cgroup. */
export async function cgroupsAvailable(libc: Libc): Promise<boolean> {
  return (await libc.statOrUndefined(`${CGROUP_ROOT}/cgroup.procs`)) !== undefined;
}

/** Writes `value` to a cgroup interface file (no O_CREAT: the files exist or the write fails). */
export async function writeCgroupFile(libc: Libc, path: string, value: string): Promise<void> {
  await libc.writeFile(path, value, 0o644, O.WRONLY | O.TRUNC);
}

/** The limit files of `resources`, in runc's order. */
export function cgroupFiles(resources: CgroupResources): [string, string][] {
  const files: [string, string][] = [];
  if (resources.cpusetCpus) files.push(['cpuset.cpus', resources.cpusetCpus]);
  if (resources.cpuWeight !== undefined) files.push(['cpu.weight', String(resources.cpuWeight)]);
  if (resources.cpuMax !== undefined) files.push(['cpu.max', resources.cpuMax]);
  if (resources.memoryMax !== undefined) files.push(['memory.max', String(resources.memoryMax)]);
  if (resources.pidsMax !== undefined) files.push(['pids.max', String(resources.pidsMax)]);
  return files;
}

/**
 * Creates `path` (e.g. /sys/fs/cgroup/skiff/<id>) and writes its limits. Controllers are enabled
 * top-down in each parent's cgroup.subtree_control first (failures there are noted, not fatal).
 */
export async function setupCgroup(libc: Libc, path: string, resources: CgroupResources): Promise<CgroupSetup> {
  const notes: string[] = [];
  if (!(await cgroupsAvailable(libc))) {
    return { enabled: false, notes: [`cgroup2 is not mounted at ${CGROUP_ROOT}: limits not applied`] };
  }
  const rel = path.slice(CGROUP_ROOT.length).split('/').filter(Boolean);
  let parent = CGROUP_ROOT;
  for (const part of rel) {
    try {
      await writeCgroupFile(libc, `${parent}/cgroup.subtree_control`, '+cpu +memory +pids +cpuset');
    } catch (e) {
      notes.push(`enable controllers in ${parent}: ${(e as Error).message}`);
    }
    parent += `/${part}`;
    await mkdirp(libc, parent);
  }
  for (const [file, value] of cgroupFiles(resources)) {
    try {
      await writeCgroupFile(libc, `${path}/${file}`, value);
    } catch (e) {
      throw new Error(`failed to write ${JSON.stringify(value)} to ${path}/${file}: ${(e as Error).message}`);
    }
  }
  return { enabled: true, notes };
}

/** Removes a container's cgroup directory (rmdir, as runc destroy does); absent is fine. */
export async function removeCgroup(libc: Libc, path: string): Promise<void> {
  const r = await libc.sys.unlinkat(AT_FDCWD, path, AT.REMOVEDIR);
  if (!r.ok && r.errno !== Errno.ENOENT) throw new ErrnoError(r.errno, 'rmdir', path);
}
