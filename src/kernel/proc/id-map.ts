// /proc/<pid>/uid_map, gid_map and setgroups of the process's user namespace. A map is
// written once, in one write, by a process in the namespace or its parent: with CAP_SETUID
// (CAP_SETGID) in the parent any non-overlapping lines; without it only a single line mapping
// the writer's own ID (for gid_map only after `deny` was written to setgroups).
import { CAP, Errno } from '../../abi/index.js';
import type { SyscallContext } from '../syscall-table.js';
import type { Process } from '../task/process.js';
import type { IdMapping, UserNamespace } from '../ns/user-namespace.js';
import { OVERFLOW_ID } from './proc-util.js';

/** Linux accepts at most 340 lines per map. */
const MAX_LINES = 340;

/** setgroups policy per user namespace (`allow` unless `deny` was written). */
const deniedNamespaces = new WeakSet<UserNamespace>();

/** Has `deny` been written to the namespace's setgroups file (setgroups(2) must then fail with EPERM)? */
export function isSetgroupsDenied(ns: UserNamespace): boolean {
  for (let n: UserNamespace | undefined = ns; n; n = n.parent) if (deniedNamespaces.has(n)) return true;
  return false;
}

/** The text of a map. */
export function mapText(map: readonly IdMapping[]): string {
  return map.map((m) => `${String(m.inside).padStart(10)} ${String(m.outside).padStart(10)} ${String(m.count).padStart(10)}\n`).join('');
}

function parseMap(text: string): IdMapping[] | undefined {
  const out: IdMapping[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0 || lines.length > MAX_LINES) return undefined;
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    if (f.length !== 3 || f.some((x) => !/^\d+$/.test(x))) return undefined;
    const [inside, outside, count] = f.map(Number);
    if (count === 0 || inside + count > 4294967295 || outside + count > 4294967295) return undefined;
    out.push({ inside, outside, count });
  }
  const overlaps = (key: 'inside' | 'outside') => out.some((a, i) =>
    out.some((b, j) => i !== j && a[key] < b[key] + b.count && b[key] < a[key] + a.count));
  if (overlaps('inside') || overlaps('outside')) return undefined;
  return out;
}

/**
 * A write to uid_map or gid_map of `target`'s user namespace. Errors: EPERM (already written,
 * the initial namespace, writer outside the namespace and its parent, or not allowed to map
 * those IDs), EINVAL (malformed or overlapping lines).
 */
export function writeIdMap(ctx: SyscallContext, target: Process, kind: 'uid' | 'gid', text: string): number {
  const ns = target.cred.userns;
  const parent = ns.parent;
  const writer = ctx.proc.cred;
  const key = kind === 'uid' ? 'uidMap' : 'gidMap';
  if (!parent || ns[key].length > 0) return Errno.EPERM;
  if (writer.userns !== ns && writer.userns !== parent) return Errno.EPERM;
  const map = parseMap(text);
  if (!map) return Errno.EINVAL;
  if (!writer.capableIn(parent, kind === 'uid' ? CAP.SETUID : CAP.SETGID)) {
    const own = kind === 'uid' ? writer.euid : writer.egid;
    const ownInParent = writer.userns === parent ? own : (kind === 'uid' ? ns.uidToHost(own) : ns.gidToHost(own));
    if (map.length !== 1 || map[0].count !== 1 || map[0].outside !== ownInParent) return Errno.EPERM;
    if (kind === 'gid' && !deniedNamespaces.has(ns)) return Errno.EPERM;
  }
  ns[key] = map;
  adoptIds(ctx, ns, kind, map);
  return 0;
}

/**
 * Credentials in `ns` were created holding the parent's ID numbers (no map existed yet); now
 * that the map exists they become the inside IDs (unmapped ones the overflow ID).
 */
function adoptIds(ctx: SyscallContext, ns: UserNamespace, kind: 'uid' | 'gid', map: IdMapping[]): void {
  const toInside = (id: number): number => {
    const m = map.find((e) => id >= e.outside && id < e.outside + e.count);
    return m ? m.inside + (id - m.outside) : OVERFLOW_ID;
  };
  for (const p of ctx.kernel.processes.values()) {
    const c = p.cred;
    if (c.userns !== ns) continue;
    if (kind === 'uid') {
      c.uid = toInside(c.uid); c.euid = toInside(c.euid); c.suid = toInside(c.suid); c.fsuid = toInside(c.fsuid);
    } else {
      c.gid = toInside(c.gid); c.egid = toInside(c.egid); c.sgid = toInside(c.sgid); c.fsgid = toInside(c.fsgid);
      c.groups = c.groups.map(toInside);
    }
  }
}

/** Reads setgroups. */
export function setgroupsText(p: Process): string {
  return isSetgroupsDenied(p.cred.userns) ? 'deny\n' : 'allow\n';
}

/** Writes setgroups: `allow` or `deny`, only before gid_map is written. EINVAL, EPERM. */
export function writeSetgroups(ctx: SyscallContext, target: Process, text: string): number {
  const ns = target.cred.userns;
  const v = text.trim();
  if (v !== 'allow' && v !== 'deny') return Errno.EINVAL;
  if (!ns.parent) return Errno.EPERM;
  if (ns.gidMap.length > 0) return Errno.EPERM;
  if (!ctx.proc.cred.capableIn(ns, CAP.SYS_ADMIN)) return Errno.EPERM;
  if (v === 'deny') deniedNamespaces.add(ns);
  else if (deniedNamespaces.has(ns)) return Errno.EPERM;
  return 0;
}
