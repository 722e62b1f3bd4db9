// Capability numbers (linux/capability.h), Docker's default set, and helpers for capability sets.

/** Capability numbers. */
export const CAP = {
  CHOWN: 0, DAC_OVERRIDE: 1, DAC_READ_SEARCH: 2, FOWNER: 3, FSETID: 4, KILL: 5, SETGID: 6,
  SETUID: 7, SETPCAP: 8, LINUX_IMMUTABLE: 9, NET_BIND_SERVICE: 10, NET_BROADCAST: 11,
  NET_ADMIN: 12, NET_RAW: 13, IPC_LOCK: 14, IPC_OWNER: 15, SYS_MODULE: 16, SYS_RAWIO: 17,
  SYS_CHROOT: 18, SYS_PTRACE: 19, SYS_PACCT: 20, SYS_ADMIN: 21, SYS_BOOT: 22, SYS_NICE: 23,
  SYS_RESOURCE: 24, SYS_TIME: 25, SYS_TTY_CONFIG: 26, MKNOD: 27, LEASE: 28, AUDIT_WRITE: 29,
  AUDIT_CONTROL: 30, SETFCAP: 31, MAC_OVERRIDE: 32, MAC_ADMIN: 33, SYSLOG: 34, WAKE_ALARM: 35,
  BLOCK_SUSPEND: 36, AUDIT_READ: 37, PERFMON: 38, BPF: 39, CHECKPOINT_RESTORE: 40,
} as const;
export type CapName = keyof typeof CAP;
export const CAP_LAST_CAP = 40;

/** A capability set as a bit mask (bigint: there are more than 32 capabilities). */
export type CapSet = bigint;
export const CAPS_NONE: CapSet = 0n;
export const CAPS_ALL: CapSet = (1n << BigInt(CAP_LAST_CAP + 1)) - 1n;
export const capBit = (cap: number): CapSet => 1n << BigInt(cap);
export const hasCap = (set: CapSet, cap: number): boolean => (set & capBit(cap)) !== 0n;

/** `CAP_NET_RAW`, `net_raw` or `NET_RAW` → number, or undefined. */
export function capNumber(name: string): number | undefined {
  return CAP[name.toUpperCase().replace(/^CAP_/, '') as CapName];
}

/** A set from names, e.g. Docker's default list. */
export function capSetOf(names: readonly string[]): CapSet {
  let set = CAPS_NONE;
  for (const name of names) {
    const n = capNumber(name);
    if (n !== undefined) set |= capBit(n);
  }
  return set;
}

/** The names in a set, `CAP_`-prefixed, in number order. */
export function capNames(set: CapSet): string[] {
  return Object.entries(CAP).filter(([, n]) => hasCap(set, n)).map(([name]) => `CAP_${name}`);
}

/** Docker's default capability set (moby oci/caps/defaults.go). */
export const DOCKER_DEFAULT_CAPS = [
  'CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP',
  'SETPCAP', 'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE',
] as const;
