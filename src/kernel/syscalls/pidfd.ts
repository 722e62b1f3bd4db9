// pidfd_open(2) and pidfd_getfd(2): a file descriptor naming a process, and copying an open
// file out of another process (how a runtime takes the pty master its container's init opened
// inside its own mount namespace, like runc's --console-socket without the socket).
import { CAP, Errno, O, fail, type SysResult } from '../../abi/index.js';
import type { SyscallContext, SyscallGroup } from '../syscall-table.js';
import type { Credentials } from '../task/credentials.js';
import type { Process } from '../task/process.js';
import { openCustomFile } from '../vfs/anon-files.js';
import type { FileOps, OpenFile } from '../vfs/open-file.js';
import { servicesOf } from '../vfs/kernel-services.js';
import { findProcess } from './process.js';

/** A pidfd does no I/O; file.private is the Process. */
const pidfdOps: FileOps = {};

/** The process a pidfd names, or undefined if `file` is not a pidfd. */
function pidfdTarget(file: OpenFile | undefined): Process | undefined {
  return file?.ops === pidfdOps ? (file.private as Process) : undefined;
}

/**
 * pidfd_open(pid, flags): an O_CLOEXEC fd for process `pid` (in the caller's PID namespace).
 * Errors: EINVAL (pid <= 0, flags other than O_NONBLOCK), ESRCH (no such process), EMFILE.
 */
function pidfdOpen(ctx: SyscallContext, pid: number, flags: number): SysResult<number> {
  if (!Number.isInteger(pid) || pid <= 0 || (flags & ~O.NONBLOCK) !== 0) return fail(Errno.EINVAL);
  const target = findProcess(ctx, pid);
  if (!target || !target.alive) return fail(Errno.ESRCH);
  const file = openCustomFile(pidfdOps, O.RDWR | flags, { mode: 0o600, clock: servicesOf(ctx).clock });
  file.private = target;
  const fd = ctx.proc.files.alloc(file, true);
  if (!fd.ok) file.get().put();
  return fd;
}

const hostIds = (c: Credentials, which: 'uid' | 'gid'): number[] => which === 'uid'
  ? [c.uid, c.euid, c.suid].map((id) => c.userns.uidToHost(id))
  : [c.gid, c.egid, c.sgid].map((id) => c.userns.gidToHost(id));

/**
 * ptrace_may_access(PTRACE_MODE_ATTACH_REALCREDS) without LSMs: the caller's real uid and gid
 * match every uid and gid of the target, or it has CAP_SYS_PTRACE over the target's user namespace.
 */
function mayAttach(caller: Process, target: Process): boolean {
  if (caller === target) return true;
  const c = caller.cred;
  const t = target.cred;
  const ruid = c.userns.uidToHost(c.uid);
  const rgid = c.userns.gidToHost(c.gid);
  if (hostIds(t, 'uid').every((id) => id === ruid) && hostIds(t, 'gid').every((id) => id === rgid)) return true;
  return c.capableIn(t.userns, CAP.SYS_PTRACE);
}

/**
 * pidfd_getfd(pidfd, targetfd, flags): a new O_CLOEXEC fd in the caller sharing the open file
 * description of `targetfd` in the pidfd's process. Errors: EINVAL (flags), EBADF (not a pidfd,
 * or targetfd not open there), ESRCH (the process has exited), EPERM (ptrace access denied), EMFILE.
 */
function pidfdGetfd(ctx: SyscallContext, pidfd: number, targetfd: number, flags: number): SysResult<number> {
  if (flags !== 0) return fail(Errno.EINVAL);
  const target = pidfdTarget(ctx.proc.files.get(pidfd));
  if (!target) return fail(Errno.EBADF);
  if (!target.alive) return fail(Errno.ESRCH);
  if (!mayAttach(ctx.proc, target)) return fail(Errno.EPERM);
  const file = target.files.get(targetfd);
  if (!file) return fail(Errno.EBADF);
  return ctx.proc.files.alloc(file, true);
}

export const pidfdSyscalls: SyscallGroup = {
  pidfd_open: { handler: pidfdOpen, level: 'partial', note: 'no poll (exit notification); pidfd_send_signal missing' },
  pidfd_getfd: { handler: pidfdGetfd, level: 'full' },
};
