// Filesystem types registered by name, so mount(2) can find them (Linux's
// register_filesystem). Types are code, not state: one registry serves every kernel.
import type { SysResult } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import type { UserNamespace } from '../ns/user-namespace.js';
import type { Clock } from './kernel-services.js';
import type { SuperBlock } from './super-block.js';

/** What a filesystem type gets from mount(2). */
export interface MountRequest {
  /** mount(2)'s source argument ("tmpfs", "overlay", a host path…). */
  source: string;
  /** mount(2) flags (MS_RDONLY here makes the superblock read-only). */
  flags: number;
  /** The option string (`size=64m,mode=755`, `lowerdir=…,upperdir=…`). */
  data: string;
  clock: Clock;
  /** The mounter's user namespace: uid=/gid= options are read in it. */
  userns: UserNamespace;
  /** The mounting syscall (absent for mounts the kernel makes at boot). */
  ctx?: SyscallContext;
}

/** A filesystem type. */
export interface FileSystemType {
  readonly name: string;
  /** May be mounted from a non-initial user namespace (Linux's FS_USERNS_MOUNT). */
  readonly usernsMount?: boolean;
  /**
   * Makes a new superblock (with its root set). Errors: EINVAL (bad options), ENOENT/ENOTDIR
   * (bad paths in options), ENODEV, EPERM.
   */
  mount(req: MountRequest): SysResult<SuperBlock>;
}

/** Name → type. */
export class FsTypeRegistry {
  private readonly types = new Map<string, FileSystemType>();

  /** Adds a type (a later registration of the same name replaces the earlier one). */
  register(type: FileSystemType): void {
    this.types.set(type.name, type);
  }

  get(name: string): FileSystemType | undefined {
    return this.types.get(name);
  }

  /** Registered names, for /proc/filesystems. */
  names(): string[] {
    return [...this.types.keys()];
  }
}

/** The registry mount(2) consults. tmpfs and devtmpfs are registered by vfs/index.ts. */
export const fileSystems = new FsTypeRegistry();
