// User namespaces: uid/gid maps and the owner, relative to which capabilities count.
import { Namespace } from './namespace.js';

/** One line of uid_map/gid_map: `inside outside count`. */
export interface IdMapping {
  inside: number;
  outside: number;
  count: number;
}

/** A user namespace. The initial one maps every ID to itself. */
export class UserNamespace extends Namespace {
  readonly kind = 'user' as const;
  uidMap: IdMapping[];
  gidMap: IdMapping[];

  constructor(inum: number, readonly parent: UserNamespace | undefined, readonly ownerUid: number) {
    super(inum);
    const identity = parent ? [] : [{ inside: 0, outside: 0, count: 4294967295 }];
    this.uidMap = identity;
    this.gidMap = [...identity];
  }

  /** Maps an ID inside this namespace to the initial namespace (-1 if unmapped → overflow id). */
  uidToHost(uid: number): number {
    return mapUp(this, uid, 'uidMap');
  }

  gidToHost(gid: number): number {
    return mapUp(this, gid, 'gidMap');
  }

  /** Maps a host ID into this namespace; 65534 (overflow) if it has no mapping. */
  uidFromHost(uid: number): number {
    return mapDown(this, uid, 'uidMap');
  }

  gidFromHost(gid: number): number {
    return mapDown(this, gid, 'gidMap');
  }
}

function mapUp(ns: UserNamespace, id: number, which: 'uidMap' | 'gidMap'): number {
  for (let n: UserNamespace | undefined = ns; n?.parent; n = n.parent) {
    const m = n[which].find((e) => id >= e.inside && id < e.inside + e.count);
    if (!m) return -1;
    id = m.outside + (id - m.inside);
  }
  return id;
}

function mapDown(ns: UserNamespace, id: number, which: 'uidMap' | 'gidMap'): number {
  const chain: UserNamespace[] = [];
  for (let n: UserNamespace | undefined = ns; n?.parent; n = n.parent) chain.unshift(n);
  for (const n of chain) {
    const m = n[which].find((e) => id >= e.outside && id < e.outside + e.count);
    if (!m) return 65534;
    id = m.inside + (id - m.outside);
  }
  return id;
}
