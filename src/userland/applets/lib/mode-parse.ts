// chmod-style mode parsing: octal (`755`) or symbolic (`u+x,go-w`, `a=rX`, `g=u`), applied to
// a current mode. Returns undefined for an invalid specification.
import { S } from '../../../abi/index.js';

const WHO: Record<string, number> = { u: 0o4700, g: 0o2070, o: 0o0007, a: 0o7777 };

/** The new permission bits for `spec` applied to `current` (which may include the file type). */
export function parseMode(spec: string, current: number): number | undefined {
  if (/^[0-7]+$/.test(spec)) {
    const v = parseInt(spec, 8);
    return v > 0o7777 ? undefined : v;
  }
  let mode = current & 0o7777;
  const isDir = (current & S.IFMT) === S.IFDIR;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) return undefined;
    let who = 0;
    for (const c of m[1]) who |= WHO[c];
    const all = who === 0;
    if (all) who = WHO.a;
    for (const action of m[2].match(/[-+=][rwxXstugo]*/g)!) {
      const op = action[0];
      let bits = 0;
      for (const p of action.slice(1)) {
        if (p === 'r') bits |= 0o444;
        else if (p === 'w') bits |= 0o222;
        else if (p === 'x') bits |= 0o111;
        else if (p === 'X') { if (isDir || (mode & 0o111)) bits |= 0o111; }
        else if (p === 's') bits |= S.ISUID | S.ISGID;
        else if (p === 't') bits |= S.ISVTX;
        else {
          const shift = p === 'u' ? 6 : p === 'g' ? 3 : 0;
          const v = (mode >> shift) & 7;
          bits |= (v << 6) | (v << 3) | v;
        }
      }
      const mask = all ? (who & ~0) : who;
      bits &= mask;
      if (op === '+') mode |= bits;
      else if (op === '-') mode &= ~bits;
      else mode = (mode & ~(mask & ~(isDir ? S.ISUID | S.ISGID : 0))) | bits;
    }
  }
  return mode;
}
