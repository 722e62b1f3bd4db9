// The credential part of container (and exec) init: the capability bounding set, the user
// and groups from the container's /etc files, and the permitted/effective capabilities.
import { CAP_LAST_CAP, CAPS_ALL, CAPS_NONE, ErrnoError, PR, capBit, capSetOf, type CapSet } from '../abi/index.js';
import type { Libc } from '../userland/libc/index.js';
import { parseGroup, parsePasswd, resolveUser, type ExecUser } from './user-lookup.js';
import type { ProcessSpec } from './spec.js';

/** Reads a text file, or "" when it is absent or unreadable. */
async function readText(libc: Libc, path: string): Promise<string> {
  try {
    return await libc.readTextFile(path);
  } catch {
    return '';
  }
}

/** Resolves the process's user in the current root (after pivot_root or setns). */
export async function lookupUser(libc: Libc, proc: ProcessSpec): Promise<ExecUser> {
  const passwd = parsePasswd(await readText(libc, '/etc/passwd'));
  const groups = parseGroup(await readText(libc, '/etc/group'));
  return resolveUser(proc.user, passwd, groups, proc.additionalGroups ?? []);
}

/** The capability set for `proc` (undefined capabilities = all of them). */
export function capabilitySet(proc: ProcessSpec): CapSet {
  return proc.capabilities === undefined ? CAPS_ALL : capSetOf(proc.capabilities);
}

/**
 * Drops to the process's credentials: bounding set, setgroups/setgid/setuid, then (for uid 0)
 * permitted+effective = the set. A non-root uid ends with no effective capabilities, as in Docker.
 */
export async function applyCredentials(libc: Libc, user: ExecUser, caps: CapSet): Promise<void> {
  const sys = libc.sys;
  if (caps !== CAPS_ALL) {
    for (let cap = 0; cap <= CAP_LAST_CAP; cap++) {
      if ((caps & capBit(cap)) !== 0n) continue;
      const r = await sys.prctl(PR.CAPBSET_DROP, cap);
      if (!r.ok) throw new ErrnoError(r.errno, 'prctl(PR_CAPBSET_DROP)');
    }
  }
  const g = await sys.setgroups(user.groups);
  if (!g.ok) throw new ErrnoError(g.errno, 'setgroups');
  const gid = await sys.setgid(user.gid);
  if (!gid.ok) throw new ErrnoError(gid.errno, 'setgid');
  const uid = await sys.setuid(user.uid);
  if (!uid.ok) throw new ErrnoError(uid.errno, 'setuid');
  if (user.uid === 0) {
    const c = await sys.capset(caps, caps, CAPS_NONE);
    if (!c.ok) throw new ErrnoError(c.errno, 'capset');
  }
}

/** Adds HOME (from passwd) when the environment lacks it, as runc does. */
export function withHome(env: readonly string[], user: ExecUser): string[] {
  return env.some((e) => e.startsWith('HOME=')) ? [...env] : [...env, `HOME=${user.home || '/'}`];
}
