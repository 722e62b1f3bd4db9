// hostfs: real host directories as filesystems of the machine, for bind mounts and volumes.
// The kernel defines the HostDirectory interface; boot/ implements it with node:fs, registers
// the type (registerHostfs) and gives each kernel the directories it may mount
// (attachHostDirectories).
import { fileSystems } from '../../vfs/fs-type-registry.js';
import { hostfsType } from './hostfs-super.js';

export type { HostDirectories, HostDirectory, HostStat } from './host-directory.js';
export { attachHostDirectories, hostfsType, HostfsSuperBlock } from './hostfs-super.js';
export { HostfsInode, hostModeFor } from './hostfs-inode.js';

/** Registers the `hostfs` type with the kernel's filesystem registry (idempotent). */
export function registerHostfs(): void {
  fileSystems.register(hostfsType);
}
