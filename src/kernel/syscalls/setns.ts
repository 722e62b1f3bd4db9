// setns(2): join the namespace an fd of /proc/<pid>/ns/<kind> stands for (see proc/ns-dir.ts).
// Register with kernel.registerSyscalls(setnsSyscalls).
import { CAP, CAPS_ALL, Errno, NS_FLAG, fail, ok } from '../../abi/index.js';
import type { SyscallContext, SyscallGroup } from '../syscall-table.js';
import { nsOfFile } from '../proc/ns-dir.js';
import { UserNamespace } from '../ns/user-namespace.js';
import { PidNamespace } from '../ns/pid-namespace.js';
import { MountNamespace } from '../ns/mount-namespace.js';
import { followMounts } from '../vfs/mount.js';
import type { Namespace } from '../ns/namespace.js';

/** Host view of an ID of `ns`, then the same ID in `to` (overflow 65534 when unmapped). */
function remap(id: number, from: UserNamespace, to: UserNamespace, kind: 'uid' | 'gid'): number {
  const host = kind === 'uid' ? from.uidToHost(id) : from.gidToHost(id);
  if (host < 0) return 65534;
  return kind === 'uid' ? to.uidFromHost(host) : to.gidFromHost(host);
}

/** The user namespace that owns a namespace (a user namespace's own parent for CAP checks). */
function ownerOf(ns: Namespace): UserNamespace {
  return ns instanceof UserNamespace ? ns : (ns as Namespace & { owner: UserNamespace }).owner;
}

/**
 * setns(fd, nstype): nstype 0 or the CLONE_NEW* flag of the namespace's kind. Joining needs
 * CAP_SYS_ADMIN over the target (and, except for user namespaces, in the caller's own user
 * namespace). A PID namespace applies to future children and must be the caller's own or a
 * descendant; a mount namespace moves root and cwd to its root; a user namespace grants full
 * capabilities in it. Errors: EBADF (fd not open), EINVAL (not a namespace fd, wrong nstype,
 * own user namespace, PID namespace outside the caller's), EPERM.
 */
function setns(ctx: SyscallContext, fd: number, nstype: number) {
  const proc = ctx.proc;
  const file = proc.files.get(fd);
  if (!file) return fail(Errno.EBADF);
  const ns = nsOfFile(file);
  if (!ns) return fail(Errno.EINVAL);
  if (nstype !== 0 && nstype !== NS_FLAG[ns.kind]) return fail(Errno.EINVAL);
  const cred = proc.cred;
  if (ns instanceof UserNamespace) {
    if (ns === cred.userns) return fail(Errno.EINVAL);
    if (!cred.capableIn(ns, CAP.SYS_ADMIN)) return fail(Errno.EPERM);
    const c = cred.clone();
    const from = cred.userns;
    c.uid = remap(cred.uid, from, ns, 'uid'); c.euid = remap(cred.euid, from, ns, 'uid');
    c.suid = remap(cred.suid, from, ns, 'uid'); c.fsuid = remap(cred.fsuid, from, ns, 'uid');
    c.gid = remap(cred.gid, from, ns, 'gid'); c.egid = remap(cred.egid, from, ns, 'gid');
    c.sgid = remap(cred.sgid, from, ns, 'gid'); c.fsgid = remap(cred.fsgid, from, ns, 'gid');
    c.groups = cred.groups.map((g) => remap(g, from, ns, 'gid'));
    c.userns = ns;
    c.effective = c.permitted = CAPS_ALL;
    proc.cred = c;
    proc.ns = { ...proc.ns, user: ns };
    return ok(undefined);
  }
  if (!cred.capableIn(ownerOf(ns), CAP.SYS_ADMIN) || !cred.hasCap(CAP.SYS_ADMIN)) return fail(Errno.EPERM);
  if (ns instanceof PidNamespace) {
    if (!proc.ns.pid.contains(ns)) return fail(Errno.EINVAL);
    proc.ns = { ...proc.ns, pidForChildren: ns };
    return ok(undefined);
  }
  if (ns instanceof MountNamespace) {
    if (!cred.hasCap(CAP.SYS_CHROOT)) return fail(Errno.EPERM);
    const top = followMounts(ns.root, ns.root.root);
    proc.ns = { ...proc.ns, mnt: ns };
    proc.fs.setRoot(top);
    proc.fs.setCwd(top);
    return ok(undefined);
  }
  switch (ns.kind) {
    case 'uts': case 'ipc': case 'net': case 'cgroup':
      proc.ns = { ...proc.ns, [ns.kind]: ns };
      return ok(undefined);
    default:
      return fail(Errno.EINVAL);
  }
}

/** The setns syscall. */
export const setnsSyscalls: SyscallGroup = {
  setns: { handler: setns, level: 'partial', note: 'namespace fds from /proc/<pid>/ns; no pidfds; time namespaces absent' },
};
