// New namespaces for clone(CLONE_NEW*) and unshare(): each flag gets a fresh namespace,
// everything else is shared. Privilege: CAP_SYS_ADMIN in the user namespace that will own
// the new namespaces (a new user namespace grants it, so unprivileged users can nest).
import { CAP, CLONE, Errno } from '../../abi/index.js';
import type { Kernel } from '../kernel.js';
import type { NsProxy, Process } from '../task/process.js';
import type { Credentials } from '../task/credentials.js';
import type { FsContext } from '../vfs/fs-context.js';
import { UserNamespace } from './user-namespace.js';
import { PidNamespace } from './pid-namespace.js';
import { UtsNamespace } from './uts-namespace.js';
import { IpcNamespace } from './ipc-namespace.js';
import { NetNamespace } from './net-namespace.js';
import { CgroupNamespace } from './cgroup-namespace.js';

const NEEDS_ADMIN = CLONE.NEWNS | CLONE.NEWUTS | CLONE.NEWIPC | CLONE.NEWPID | CLONE.NEWNET | CLONE.NEWCGROUP;

/**
 * The namespaces a process gets from `flags`; `fs` is the context whose root and cwd move
 * into a new mount namespace. `cred` is the new credential set: with
 * CLONE_NEWUSER it is moved into the new user namespace with full capabilities there.
 * Returns an errno (EPERM without CAP_SYS_ADMIN, EINVAL for a nested user-ns limit).
 */
export function copyNamespaces(kernel: Kernel, proc: Process, cred: Credentials, fs: FsContext, flags: number): NsProxy | number {
  const old = proc.ns;
  let user = old.user;
  if (flags & CLONE.NEWUSER) {
    if (userDepth(user) >= 32) return Errno.EINVAL; // Linux says EUSERS past 32 levels; skiff has no EUSERS
    user = new UserNamespace(kernel.allocInum(), old.user, cred.euid);
    cred.userns = user;
    cred.effective = cred.permitted = cred.bounding;
  }
  if ((flags & NEEDS_ADMIN) && !cred.capableIn(user, CAP.SYS_ADMIN)) return Errno.EPERM;
  const ns: NsProxy = { ...old, user };
  if (flags & CLONE.NEWPID) ns.pidForChildren = new PidNamespace(kernel.allocInum(), old.pidForChildren, user);
  if (flags & CLONE.NEWUTS) ns.uts = new UtsNamespace(kernel.allocInum(), user, old.uts.hostname, old.uts.domainname);
  if (flags & CLONE.NEWIPC) ns.ipc = new IpcNamespace(kernel.allocInum(), user);
  if (flags & CLONE.NEWNET) ns.net = new NetNamespace(kernel.allocInum(), user);
  if (flags & CLONE.NEWCGROUP) ns.cgroup = new CgroupNamespace(kernel.allocInum(), user, proc.cgroup.path);
  if (flags & CLONE.NEWNS) ns.mnt = old.mnt.copy(kernel.allocInum(), user, fs);
  return ns;
}

function userDepth(ns: UserNamespace): number {
  let d = 0;
  for (let n: UserNamespace | undefined = ns; n?.parent; n = n.parent) d++;
  return d;
}
