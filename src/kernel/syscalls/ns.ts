// Namespace syscalls: unshare, sethostname/setdomainname and uname. (setns needs an fd of
// /proc/<pid>/ns/<kind>: it lives with procfs.)
import { CAP, CLONE, Errno, fail, ok } from '../../abi/index.js';
import type { SyscallContext, SyscallGroup } from '../syscall-table.js';
import { copyNamespaces } from '../ns/copy-namespaces.js';

/** The kernel release and version uname reports. */
export const KERNEL_RELEASE = '6.8.0-skiff';
export const KERNEL_VERSION = '#1 SMP PREEMPT_DYNAMIC skiff';

/**
 * unshare(flags): new namespaces for the caller. CLONE_NEWPID affects only future children.
 * Errors: EPERM without CAP_SYS_ADMIN, EINVAL for unknown flags.
 */
function unshare(ctx: SyscallContext, flags: number) {
  const known = CLONE.NEWNS | CLONE.NEWUTS | CLONE.NEWIPC | CLONE.NEWPID | CLONE.NEWNET | CLONE.NEWUSER |
    CLONE.NEWCGROUP | CLONE.FS | CLONE.FILES;
  if (flags & ~known) return fail(Errno.EINVAL);
  const proc = ctx.proc;
  const cred = proc.cred.clone();
  if (flags & CLONE.FILES) proc.files = proc.files.clone();
  if (flags & (CLONE.FS | CLONE.NEWNS)) {
    const shared = proc.fs;
    proc.fs = shared.clone();
    shared.drop();
  }
  const ns = copyNamespaces(ctx.kernel, proc, cred, proc.fs, flags);
  if (typeof ns === 'number') return fail(ns);
  proc.cred = cred;
  proc.ns = ns;
  return ok(undefined);
}

const MAX_HOSTNAME = 64;

/** sethostname(name): EPERM without CAP_SYS_ADMIN over the UTS namespace; EINVAL if too long. */
function sethostname(ctx: SyscallContext, name: string) {
  const uts = ctx.proc.ns.uts;
  if (!ctx.proc.cred.capableIn(uts.owner, CAP.SYS_ADMIN)) return fail(Errno.EPERM);
  if (typeof name !== 'string' || name.length > MAX_HOSTNAME) return fail(Errno.EINVAL);
  uts.hostname = name;
  return ok(undefined);
}

function setdomainname(ctx: SyscallContext, name: string) {
  const uts = ctx.proc.ns.uts;
  if (!ctx.proc.cred.capableIn(uts.owner, CAP.SYS_ADMIN)) return fail(Errno.EPERM);
  if (typeof name !== 'string' || name.length > MAX_HOSTNAME) return fail(Errno.EINVAL);
  uts.domainname = name;
  return ok(undefined);
}

function uname(ctx: SyscallContext) {
  const uts = ctx.proc.ns.uts;
  return ok({
    sysname: 'Linux', nodename: uts.hostname, release: KERNEL_RELEASE, version: KERNEL_VERSION,
    machine: 'x86_64', domainname: uts.domainname,
  });
}

export const nsSyscalls: SyscallGroup = {
  unshare: { handler: unshare, level: 'full' },
  sethostname: { handler: sethostname, level: 'full' },
  setdomainname: { handler: setdomainname, level: 'full' },
  uname: { handler: uname, level: 'full', costNs: 200 },
};
