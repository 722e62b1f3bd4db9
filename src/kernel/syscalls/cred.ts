// Credential syscalls: get/set uid, gid and groups, and capget/capset, with Linux's rules
// (CAP_SETUID/CAP_SETGID to change to arbitrary IDs; dropping root clears capabilities).
import { CAP, Errno, fail, ok, type CapSet } from '../../abi/index.js';
import type { SyscallContext, SyscallGroup } from '../syscall-table.js';
import { isSetgroupsDenied } from '../proc/id-map.js';

/** After a uid change: leaving euid 0 clears effective caps; leaving all-0 uids clears permitted. */
function fixCapsAfterUidChange(ctx: SyscallContext, wasRoot: boolean): void {
  const c = ctx.proc.cred;
  const stillRoot = c.uid === 0 || c.euid === 0 || c.suid === 0;
  if (wasRoot && !stillRoot) c.permitted = c.effective = 0n;
  else if (c.euid !== 0) c.effective = 0n;
  else if (c.euid === 0) c.effective = c.permitted;
}

/** setuid(uid): with CAP_SETUID sets all uids; else only euid to uid or suid. EPERM, EINVAL. */
function setuid(ctx: SyscallContext, uid: number) {
  const c = ctx.proc.cred;
  if (!Number.isInteger(uid) || uid < 0) return fail(Errno.EINVAL);
  const wasRoot = c.uid === 0 || c.euid === 0 || c.suid === 0;
  if (c.hasCap(CAP.SETUID)) c.uid = c.euid = c.suid = c.fsuid = uid;
  else if (uid === c.uid || uid === c.suid) c.euid = c.fsuid = uid;
  else return fail(Errno.EPERM);
  fixCapsAfterUidChange(ctx, wasRoot);
  return ok(undefined);
}

function setgid(ctx: SyscallContext, gid: number) {
  const c = ctx.proc.cred;
  if (!Number.isInteger(gid) || gid < 0) return fail(Errno.EINVAL);
  if (c.hasCap(CAP.SETGID)) c.gid = c.egid = c.sgid = c.fsgid = gid;
  else if (gid === c.gid || gid === c.sgid) c.egid = c.fsgid = gid;
  else return fail(Errno.EPERM);
  return ok(undefined);
}

function setreuid(ctx: SyscallContext, ruid: number, euid: number) {
  const c = ctx.proc.cred;
  const wasRoot = c.uid === 0 || c.euid === 0 || c.suid === 0;
  const priv = c.hasCap(CAP.SETUID);
  if (ruid !== -1 && !priv && ruid !== c.uid && ruid !== c.euid) return fail(Errno.EPERM);
  if (euid !== -1 && !priv && euid !== c.uid && euid !== c.euid && euid !== c.suid) return fail(Errno.EPERM);
  if (ruid !== -1) c.uid = ruid;
  if (euid !== -1) c.euid = c.fsuid = euid;
  if (ruid !== -1 || (euid !== -1 && euid !== c.uid)) c.suid = c.euid;
  fixCapsAfterUidChange(ctx, wasRoot);
  return ok(undefined);
}

function setregid(ctx: SyscallContext, rgid: number, egid: number) {
  const c = ctx.proc.cred;
  const priv = c.hasCap(CAP.SETGID);
  if (rgid !== -1 && !priv && rgid !== c.gid && rgid !== c.egid) return fail(Errno.EPERM);
  if (egid !== -1 && !priv && egid !== c.gid && egid !== c.egid && egid !== c.sgid) return fail(Errno.EPERM);
  if (rgid !== -1) c.gid = rgid;
  if (egid !== -1) c.egid = c.fsgid = egid;
  if (rgid !== -1 || (egid !== -1 && egid !== c.gid)) c.sgid = c.egid;
  return ok(undefined);
}

function setgroups(ctx: SyscallContext, groups: number[]) {
  if (!Array.isArray(groups) || groups.length > 65536) return fail(Errno.EINVAL);
  if (!ctx.proc.cred.hasCap(CAP.SETGID)) return fail(Errno.EPERM);
  // /proc/<pid>/setgroups "deny" (needed before an unprivileged gid_map write) forbids it.
  if (isSetgroupsDenied(ctx.proc.cred.userns)) return fail(Errno.EPERM);
  ctx.proc.cred.groups = [...groups];
  return ok(undefined);
}

/** capset: new sets must be subsets of the permitted set (inheritable also of bounding). EPERM. */
function capset(ctx: SyscallContext, effective: CapSet, permitted: CapSet, inheritable: CapSet) {
  const c = ctx.proc.cred;
  if ((permitted & ~c.permitted) !== 0n) return fail(Errno.EPERM);
  if ((effective & ~permitted) !== 0n) return fail(Errno.EPERM);
  if ((inheritable & ~(c.inheritable | c.permitted)) !== 0n && !c.hasCap(CAP.SETPCAP)) return fail(Errno.EPERM);
  c.effective = effective;
  c.permitted = permitted;
  c.inheritable = inheritable;
  return ok(undefined);
}

const get = (pick: (ctx: SyscallContext) => unknown) => ({ handler: (ctx: SyscallContext) => ok(pick(ctx)), level: 'full' as const, costNs: 100 });

export const credSyscalls: SyscallGroup = {
  getuid: get((ctx) => ctx.proc.cred.uid),
  geteuid: get((ctx) => ctx.proc.cred.euid),
  getgid: get((ctx) => ctx.proc.cred.gid),
  getegid: get((ctx) => ctx.proc.cred.egid),
  getgroups: get((ctx) => [...ctx.proc.cred.groups]),
  setuid: { handler: setuid, level: 'full' },
  setgid: { handler: setgid, level: 'full' },
  setreuid: { handler: setreuid, level: 'full' },
  setregid: { handler: setregid, level: 'full' },
  setgroups: { handler: setgroups, level: 'full' },
  capget: get((ctx) => {
    const c = ctx.proc.cred;
    return { effective: c.effective, permitted: c.permitted, inheritable: c.inheritable, bounding: c.bounding };
  }),
  capset: { handler: capset, level: 'full' },
};
