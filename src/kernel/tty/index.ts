// The pty layer's module root: registers the devpts filesystem type and the drivers of
// /dev/ptmx (5,2), /dev/tty (5,0) and the slaves (136,N). Files: line-discipline.ts (n_tty),
// tty.ts (a pair), pty-ops.ts (the two ends), job-control.ts (sessions), devpts.ts.
import { Errno, fail, ok, type SysResult } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import { registerCharDevice, registerCharMajor } from '../vfs/char-devices.js';
import { lookupChild } from '../vfs/dentry.js';
import { fileSystems } from '../vfs/fs-type-registry.js';
import { followMounts } from '../vfs/mount.js';
import type { FileOps, OpenFile } from '../vfs/open-file.js';
import { DevptsSlaveInode, DevptsSuperBlock, PTY_SLAVE_MAJOR, devptsType } from './devpts.js';
import { devTtyOps, masterOps, openSlave } from './pty-ops.js';

/**
 * The devpts instance a ptmx node belongs to: its own superblock for <devpts>/ptmx, else the
 * devpts mounted at `pts` beside it (/dev/ptmx → /dev/pts, Linux ≥ 4.7). Errors: ENOENT (no
 * `pts`), ENODEV (`pts` is not a devpts).
 */
function devptsOf(file: OpenFile, ctx: SyscallContext): SysResult<DevptsSuperBlock> {
  if (file.inode.sb instanceof DevptsSuperBlock) return ok(file.inode.sb);
  const path = file.path;
  const parent = path?.dentry.parent;
  if (!path || !parent) return fail(Errno.ENOENT);
  const pts = lookupChild(parent, 'pts', ctx);
  if (!pts) return fail(Errno.ENOENT);
  const sb = followMounts(path.mnt, pts).dentry.inode.sb;
  return sb instanceof DevptsSuperBlock ? ok(sb) : fail(Errno.ENODEV);
}

/** /dev/ptmx: a new pair; the description is its master. */
export const ptmxOps: FileOps = {
  open(file, ctx) {
    const devpts = devptsOf(file, ctx);
    if (!devpts.ok) return devpts;
    const tty = devpts.value.allocate(ctx);
    if (!tty.ok) return tty;
    file.private = tty.value;
    return ok(masterOps);
  },
};

/** <devpts>/N: the slave of pair N of that instance (ENXIO for a 136,N node elsewhere). */
export const ptySlaveDriver: FileOps = {
  open(file, ctx, flags) {
    const inode = file.inode;
    if (!(inode instanceof DevptsSlaveInode)) return fail(Errno.ENXIO);
    return openSlave(inode.tty, file, ctx, flags);
  },
};

registerCharDevice(5, 0, devTtyOps);
registerCharDevice(5, 2, ptmxOps);
registerCharMajor(PTY_SLAVE_MAJOR, ptySlaveDriver);
fileSystems.register(devptsType);

export { Tty } from './tty.js';
export { LineDiscipline } from './line-discipline.js';
export { DevptsSuperBlock, devptsType } from './devpts.js';
