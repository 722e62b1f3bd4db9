// procfs: the `proc` filesystem type. Each mount shows the PID namespace of the process that
// mounted it: /proc/<pid> for its processes (numbered in that namespace), /proc/self, and the
// system files. Importing this module registers the type; boot then mounts it on /proc.
import { Errno } from '../../abi/index.js';
import { pseudoFsType } from '../fs/pseudo-fs.js';
import { fileSystems } from '../vfs/fs-type-registry.js';
import type { FileSystemType } from '../vfs/fs-type-registry.js';
import { procRoot } from './proc-root.js';

/** The `proc` filesystem type (mountable from user namespaces, as in Linux). */
export const procFsType: FileSystemType = pseudoFsType('proc', (req) => {
  if (!req.ctx) return { ok: false, errno: Errno.EINVAL };
  return { ok: true, value: procRoot(req.ctx.proc.ns.pid) };
}, true);

fileSystems.register(procFsType);

export { nsOfFile } from './ns-dir.js';
export { oomScoreAdjOf } from './pid-dir.js';
export { isSetgroupsDenied } from './id-map.js';
