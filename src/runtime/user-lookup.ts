// Resolves `--user` the way runc (moby/sys/user GetExecUser) does, from the container's own
// /etc/passwd and /etc/group: names or numbers, "user:group", supplementary groups, HOME.

/** One /etc/passwd line. */
export interface PasswdEntry { name: string; uid: number; gid: number; home: string; shell: string }
/** One /etc/group line. */
export interface GroupEntry { name: string; gid: number; members: string[] }

/** The credentials the process gets. */
export interface ExecUser { uid: number; gid: number; groups: number[]; home: string }

/** Parses /etc/passwd text (bad lines are skipped, as libc does). */
export function parsePasswd(text: string): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(':');
    if (f.length < 7 || f[0].startsWith('#')) continue;
    const uid = Number(f[2]), gid = Number(f[3]);
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) continue;
    out.push({ name: f[0], uid, gid, home: f[5], shell: f[6] });
  }
  return out;
}

/** Parses /etc/group text. */
export function parseGroup(text: string): GroupEntry[] {
  const out: GroupEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(':');
    if (f.length < 4 || f[0].startsWith('#')) continue;
    const gid = Number(f[2]);
    if (!Number.isInteger(gid)) continue;
    out.push({ name: f[0], gid, members: f[3] ? f[3].split(',').map((m) => m.trim()).filter(Boolean) : [] });
  }
  return out;
}

const isNumber = (s: string): boolean => /^\d+$/.test(s);

/** A lookup failure, with runc's message. */
export class UserLookupError extends Error {}

/**
 * Resolves `spec` ("", "uid", "name", "uid:gid", "name:group") against the container's files.
 * A numeric uid absent from passwd gets gid 0 and home "/"; a name must exist.
 */
export function resolveUser(spec: string, passwd: PasswdEntry[], groups: GroupEntry[], additional: string[] = []): ExecUser {
  const [userPart, groupPart] = spec.includes(':') ? [spec.slice(0, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1)] : [spec, undefined];
  let user: ExecUser = { uid: 0, gid: 0, groups: [], home: '/' };
  let entry: PasswdEntry | undefined;
  if (userPart === '') {
    entry = passwd.find((p) => p.uid === 0);
  } else if (isNumber(userPart)) {
    entry = passwd.find((p) => p.uid === Number(userPart));
    if (!entry) user = { ...user, uid: Number(userPart) };
  } else {
    entry = passwd.find((p) => p.name === userPart);
    if (!entry) throw new UserLookupError(`unable to find user ${userPart}: no matching entries in passwd file`);
  }
  if (entry) user = { uid: entry.uid, gid: entry.gid, groups: [], home: entry.home || '/' };
  if (groupPart !== undefined && groupPart !== '') {
    if (isNumber(groupPart)) user.gid = Number(groupPart);
    else {
      const g = groups.find((x) => x.name === groupPart);
      if (!g) throw new UserLookupError(`unable to find group ${groupPart}: no matching entries in group file`);
      user.gid = g.gid;
    }
  }
  // Supplementary groups: those listing the user by name (only when the gid was not forced).
  if (entry && (groupPart === undefined || groupPart === '')) {
    for (const g of groups) if (g.members.includes(entry.name) && !user.groups.includes(g.gid)) user.groups.push(g.gid);
  }
  for (const a of additional) {
    const gid = isNumber(a) ? Number(a) : groups.find((g) => g.name === a)?.gid;
    if (gid === undefined) throw new UserLookupError(`unable to find group ${a}: no matching entries in group file`);
    if (!user.groups.includes(gid)) user.groups.push(gid);
  }
  return user;
}
