// The VFS module root: what the kernel core and other kernel parts (procfs, cgroupfs, overlay,
// hostfs, sockets) use. Registers the built-in filesystem types (tmpfs, devtmpfs, and devpts
// with the pty drivers from ../tty).
import type { VfsProvider } from '../kernel.js';
import { fileSystems } from './fs-type-registry.js';
import { tmpfsType } from '../fs/tmpfs.js';
import { devtmpfsType } from '../fs/devtmpfs.js';
import { createRootMountNamespace } from './root-namespace.js';
import { readExecutable } from './exec-file.js';
import { fsOpenSyscalls } from '../syscalls/fs-open.js';
import { fsRwSyscalls } from '../syscalls/fs-rw.js';
import { fsDirSyscalls } from '../syscalls/fs-dir.js';
import { fsMetaSyscalls } from '../syscalls/fs-meta.js';
import { mountSyscalls } from '../syscalls/mount.js';
import { pidfdSyscalls } from '../syscalls/pidfd.js';

import '../tty/index.js'; // devpts, /dev/ptmx, /dev/tty and the pty slaves

fileSystems.register(tmpfsType);
fileSystems.register(devtmpfsType);

export { createRootMountNamespace } from './root-namespace.js';
export { readExecutable } from './exec-file.js';
export { openCustomFile, createPipe } from './anon-files.js';
export { FdTable, DEFAULT_NOFILE } from './fd-table.js';
export { FsContext } from './fs-context.js';
export { OpenFile, type FileOps } from './open-file.js';
export { Inode, AnonInode, MAY_READ, MAY_WRITE, MAY_EXEC, type DirEntry, type InodeAttrs } from './inode.js';
export { Dentry } from './dentry.js';
export { SuperBlock } from './super-block.js';
export { Mount, pathString, type PathRef } from './mount.js';
export { namei, nameiParent, lookupAt, lookupParentAt, startDir } from './namei.js';
export { inodePermission, type FsActor } from './permission.js';
export { fileSystems, FsTypeRegistry, type FileSystemType, type MountRequest } from './fs-type-registry.js';
export { mountinfo, procMounts, mountOptions } from './mountinfo.js';
export { registerCharDevice } from './char-devices.js';
export { Pipe, PIPE_BUF, PIPE_CAPACITY } from './pipe.js';
export type { KernelServices, Clock, ConsoleSink } from './kernel-services.js';

/** The VFS as the kernel core plugs it in: `new Kernel({ vfs, ... })`. */
export const vfs: VfsProvider = {
  createRootMountNamespace,
  readExecutable,
  syscalls: [fsOpenSyscalls, fsRwSyscalls, fsDirSyscalls, fsMetaSyscalls, mountSyscalls, pidfdSyscalls],
};
