// Kernel parts that plug in beside the core: cgroup v2 with its CPU policy, procfs (and the
// setns(2) it makes possible through /proc/<pid>/ns fds), and the overlay and hostfs filesystem
// types (a machine mounts host directories only when booted with some: bootMachine's hostDirectories).
import type { Kernel } from '../kernel/kernel.js';
import { installCgroups } from '../kernel/cgroup/index.js';
import '../kernel/proc/index.js';
import { setnsSyscalls } from '../kernel/syscalls/setns.js';
import { registerOverlay } from '../kernel/fs/overlay/index.js';
import { registerHostfs } from '../kernel/fs/hostfs/index.js';

/** Installs the optional kernel subsystems (filesystem types, scheduling policy, syscalls). */
export function installKernelExtensions(kernel: Kernel): void {
  installCgroups(kernel);
  kernel.registerSyscalls(setnsSyscalls);
  registerOverlay();
  registerHostfs();
}
