// clone(2)/unshare(2) flags, setns types, prctl options and reboot commands.

/** clone/unshare flags. */
export const CLONE = {
  VM: 0x100, FS: 0x200, FILES: 0x400, SIGHAND: 0x800, PIDFD: 0x1000, VFORK: 0x4000,
  PARENT: 0x8000, THREAD: 0x10000,
  NEWNS: 0x20000, NEWCGROUP: 0x02000000, NEWUTS: 0x04000000, NEWIPC: 0x08000000,
  NEWUSER: 0x10000000, NEWPID: 0x20000000, NEWNET: 0x40000000,
} as const;

/** All namespace flags. */
export const CLONE_NEW_ALL = CLONE.NEWNS | CLONE.NEWCGROUP | CLONE.NEWUTS | CLONE.NEWIPC |
  CLONE.NEWUSER | CLONE.NEWPID | CLONE.NEWNET;

/** Namespace kinds, as named in /proc/<pid>/ns. */
export type NamespaceKind = 'pid' | 'mnt' | 'uts' | 'ipc' | 'net' | 'user' | 'cgroup';

/** The clone flag of each namespace kind. */
export const NS_FLAG: Record<NamespaceKind, number> = {
  mnt: CLONE.NEWNS, cgroup: CLONE.NEWCGROUP, uts: CLONE.NEWUTS, ipc: CLONE.NEWIPC,
  user: CLONE.NEWUSER, pid: CLONE.NEWPID, net: CLONE.NEWNET,
};

/** prctl options skiff supports. */
export const PR = { SET_PDEATHSIG: 1, GET_PDEATHSIG: 2, SET_NAME: 15, GET_NAME: 16, CAPBSET_READ: 23, CAPBSET_DROP: 24, SET_NO_NEW_PRIVS: 38 } as const;
