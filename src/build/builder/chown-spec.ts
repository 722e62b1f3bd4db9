// `--chown=user[:group]` resolved the way the classic builder does: numbers are taken as they
// are, names are looked up in the destination image's /etc/passwd and /etc/group; a lone user
// also names the group (its number, or the user's primary group for a name).
import type { LayerTree } from '../../image/index.js';
import { BuildFailure } from './build-messages.js';
import { followInTree } from './source-select.js';

/** A resolved owner. */
export interface Owner {
  uid: number;
  gid: number;
}

const prefix = 'unable to convert uid/gid chown string to host mapping';

function readLines(tree: LayerTree, path: string): string[][] {
  let real: string;
  try {
    real = followInTree(tree, path);
  } catch {
    return [];
  }
  const e = tree.get(real);
  if (!e?.data) return [];
  return new TextDecoder().decode(e.data).split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(':'));
}

const isNumber = (s: string) => /^\d+$/.test(s);

/** Resolves a --chown value against the image filesystem `tree`. */
export function resolveOwner(spec: string, tree: LayerTree): Owner {
  const [userPart, groupPart] = spec.split(':', 2);
  if (userPart === '') throw new BuildFailure(`${prefix}: invalid chown string: ${spec}`);
  let uid: number;
  let primaryGid: number | undefined;
  if (isNumber(userPart)) uid = Number(userPart);
  else {
    const row = readLines(tree, 'etc/passwd').find((r) => r[0] === userPart);
    if (!row) throw new BuildFailure(`${prefix}: can't find uid for user ${userPart}: no such user: ${userPart}`);
    uid = Number(row[2]);
    primaryGid = Number(row[3]);
  }
  const group = groupPart ?? userPart;
  let gid: number;
  if (isNumber(group)) gid = Number(group);
  else {
    const row = readLines(tree, 'etc/group').find((r) => r[0] === group);
    if (row) gid = Number(row[2]);
    else if (groupPart === undefined && primaryGid !== undefined) gid = primaryGid;
    else throw new BuildFailure(`${prefix}: can't find gid for group ${group}: no such group: ${group}`);
  }
  return { uid, gid };
}
