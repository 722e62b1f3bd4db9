// Kernel parts that plug in beside the core: cgroup v2 with its CPU policy, procfs, overlay.
import type { Kernel } from '../kernel/kernel.js';
import { installCgroups } from '../kernel/cgroup/index.js';

/** Installs the optional kernel subsystems (filesystem types, scheduling policy). */
export function installKernelExtensions(kernel: Kernel): void {
  installCgroups(kernel);
}
