// Helpers shared by procfs files: PIDs and IDs as a reader sees them, process state letters,
// per-process owner attributes, path escaping and clock ticks.
import type { Process } from '../task/process.js';
import type { PidNamespace } from '../ns/pid-namespace.js';
import type { UserNamespace } from '../ns/user-namespace.js';
import type { Kernel } from '../kernel.js';

/** USER_HZ: /proc reports CPU times in ticks of 1/100 s. */
export const CLOCK_TICKS = 100;

/** ns → clock ticks. */
export const ticks = (ns: number): number => Math.floor((ns * CLOCK_TICKS) / 1e9);

/** Linux's overflow uid/gid, shown for IDs with no mapping. */
export const OVERFLOW_ID = 65534;

/** An ID of user namespace `from` as user namespace `to` sees it (overflow when unmapped). */
export function mapId(id: number, from: UserNamespace, to: UserNamespace, kind: 'uid' | 'gid'): number {
  if (from === to) return id;
  const host = kind === 'uid' ? from.uidToHost(id) : from.gidToHost(id);
  if (host < 0) return OVERFLOW_ID;
  return kind === 'uid' ? to.uidFromHost(host) : to.gidFromHost(host);
}

/** The host euid/egid of a process (what owns its /proc/<pid> files). */
export function hostOwner(p: Process): { uid: number; gid: number } {
  const ns = p.cred.userns;
  const uid = ns.uidToHost(p.cred.euid);
  const gid = ns.gidToHost(p.cred.egid);
  return { uid: uid < 0 ? OVERFLOW_ID : uid, gid: gid < 0 ? OVERFLOW_ID : gid };
}

/** The PID of the process with host PID `hostPid` in `ns` (0 if gone or invisible). */
export function nsPidOfHost(kernel: Kernel, hostPid: number, ns: PidNamespace): number {
  return kernel.processes.get(hostPid)?.pidIn(ns) ?? 0;
}

/** The state letter and word of /proc/<pid>/stat and status. */
export function stateOf(p: Process): { letter: string; word: string } {
  if (p.state === 'zombie') return { letter: 'Z', word: 'zombie' };
  if (p.state === 'dead') return { letter: 'X', word: 'dead' };
  if (p.sched.stopped || p.state === 'stopped') return { letter: 'T', word: 'stopped' };
  if (p.state === 'sleeping' || p.sched.frozen || p.external) return { letter: 'S', word: 'sleeping' };
  return { letter: 'R', word: 'running' };
}

/** Escapes a path for mounts/mountinfo (space, tab, newline, backslash as octal). */
export function escapePath(s: string): string {
  return s.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
}

/** A capability or signal set as 16 hex digits. */
export const hex16 = (n: bigint): string => (n & 0xffffffffffffffffn).toString(16).padStart(16, '0');

/** Adds getters so a node's owner follows the process's current credentials. */
export function ownedBy<T extends object>(p: Process, node: T): T & { uid: number; gid: number } {
  Object.defineProperty(node, 'uid', { get: () => hostOwner(p).uid, enumerable: true });
  Object.defineProperty(node, 'gid', { get: () => hostOwner(p).gid, enumerable: true });
  return node as T & { uid: number; gid: number };
}

export { cgroupPathFrom } from '../ns/cgroup-namespace.js';
