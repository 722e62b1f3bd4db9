// User and group database lookups from /etc/passwd and /etc/group (no NSS: files only).
import type { Libc } from '../../libc/index.js';

/** One /etc/passwd entry. */
export interface PasswdEntry { name: string; uid: number; gid: number; gecos: string; home: string; shell: string }
/** One /etc/group entry. */
export interface GroupEntry { name: string; gid: number; members: string[] }

async function readLines(libc: Libc, path: string): Promise<string[]> {
  try {
    return (await libc.readTextFile(path)).split('\n').filter((l) => l && !l.startsWith('#'));
  } catch {
    return [];
  }
}

/** All entries of /etc/passwd (empty if it cannot be read). */
export async function readPasswd(libc: Libc): Promise<PasswdEntry[]> {
  return (await readLines(libc, '/etc/passwd')).map((l) => {
    const f = l.split(':');
    return { name: f[0], uid: Number(f[2]), gid: Number(f[3]), gecos: f[4] ?? '', home: f[5] ?? '', shell: f[6] ?? '' };
  });
}

/** All entries of /etc/group (empty if it cannot be read). */
export async function readGroups(libc: Libc): Promise<GroupEntry[]> {
  return (await readLines(libc, '/etc/group')).map((l) => {
    const f = l.split(':');
    return { name: f[0], gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) };
  });
}

/** Caches name lookups for listing tools (ls -l, ps, stat). */
export class NameCache {
  private users?: PasswdEntry[];
  private groups?: GroupEntry[];
  constructor(private readonly libc: Libc) {}

  /** The user name of `uid`, or undefined. */
  async user(uid: number): Promise<string | undefined> {
    this.users ??= await readPasswd(this.libc);
    return this.users.find((u) => u.uid === uid)?.name;
  }

  /** The group name of `gid`, or undefined. */
  async group(gid: number): Promise<string | undefined> {
    this.groups ??= await readGroups(this.libc);
    return this.groups.find((g) => g.gid === gid)?.name;
  }

  /** The passwd entry of user NAME, or undefined. */
  async userByName(name: string): Promise<PasswdEntry | undefined> {
    this.users ??= await readPasswd(this.libc);
    return this.users.find((u) => u.name === name);
  }

  /** The group entry of NAME, or undefined. */
  async groupByName(name: string): Promise<GroupEntry | undefined> {
    this.groups ??= await readGroups(this.libc);
    return this.groups.find((g) => g.name === name);
  }

  /** All groups (for `id` and `groups`). */
  async allGroups(): Promise<GroupEntry[]> {
    this.groups ??= await readGroups(this.libc);
    return this.groups;
  }
}
