// cgroup v2 for the simulated kernel: the hierarchy, its controllers (cpu, cpuset, memory, pids,
// io, freezer), the `cgroup2` filesystem and the hierarchical CPU policy. Boot calls
// installCgroups(kernel) once; then `mount("cgroup2", "/sys/fs/cgroup", "cgroup2", 0, "")`.
import type { Kernel } from '../kernel.js';
import { fileSystems } from '../vfs/fs-type-registry.js';
import { CgroupHierarchy } from './hierarchy.js';
import { cgroup2FsType, hierarchyOf, registerHierarchy } from './cgroup-fs.js';

/**
 * Installs cgroups into `kernel`: every existing process joins the root cgroup, the lifecycle
 * hooks keep membership and pids counts, forkCheck enforces pids.max, chargeMemory and
 * chargeFilePages enforce memory.max with the OOM killer, OOM kills count in memory.events,
 * the scheduler gets the cgroup CPU policy, and the `cgroup2` filesystem type is registered.
 * Idempotent per kernel; returns the hierarchy.
 */
export function installCgroups(kernel: Kernel): CgroupHierarchy {
  const existing = hierarchyOf(kernel);
  if (existing) return existing;
  const h = new CgroupHierarchy(kernel);
  registerHierarchy(kernel, h);
  for (const p of kernel.processes.values()) h.processCreated(p);

  const created = kernel.lifecycle.onCreate;
  kernel.lifecycle.onCreate = (p) => {
    h.processCreated(p);
    created?.(p);
  };
  const released = kernel.lifecycle.onRelease;
  kernel.lifecycle.onRelease = (p) => {
    h.processReleased(p);
    released?.(p);
  };
  const forkCheck = kernel.forkCheck;
  kernel.forkCheck = (parent) => forkCheck?.(parent) ?? h.forkCheck(parent);
  const machine = kernel.chargeMemory;
  kernel.chargeMemory = (proc, bytes) => h.chargeMemory(proc, bytes, machine);
  const machinePages = kernel.chargeFilePages;
  kernel.chargeFilePages = (proc, bytes) => h.chargeFilePages(proc, bytes, machinePages);
  const oomKilled = kernel.onOomKill;
  kernel.onOomKill = (victim) => {
    h.oomKilled(victim);
    oomKilled?.(victim);
  };
  kernel.scheduler.policy = h.cpu;
  kernel.scheduler.invalidateRates();
  fileSystems.register(cgroup2FsType);
  return h;
}

export { CgroupHierarchy } from './hierarchy.js';
export { Cgroup, CONTROLLERS, type Controller } from './cgroup.js';
export { CgroupCpuPolicy, effectiveCpus } from './cpu-policy.js';
export { cgroup2FsType, hierarchyOf } from './cgroup-fs.js';
