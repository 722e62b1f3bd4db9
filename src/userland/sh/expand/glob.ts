// Pathname expansion: matches a pattern (with backslash-escaped literal characters) against
// the filesystem through libc.readdir, component by component; results sorted bytewise.
import { isDir } from '../../../abi/index.js';
import type { Libc } from '../../libc/libc.js';
import { hasGlobChars, matchPattern, unescapePattern } from '../pattern.js';

const join = (base: string, name: string): string => (base === '' ? name : base.endsWith('/') ? `${base}${name}` : `${base}/${name}`);

/** Paths matching `pattern`, sorted; empty if none. */
export async function glob(libc: Libc, pattern: string): Promise<string[]> {
  const comps = pattern.split('/');
  let bases = [pattern.startsWith('/') ? '/' : ''];
  const first = pattern.startsWith('/') ? 1 : 0;
  const trailingSlash = comps.length > 1 && comps[comps.length - 1] === '';
  const last = trailingSlash ? comps.length - 2 : comps.length - 1;
  let needCheck = false;
  for (let i = first; i <= last; i++) {
    const comp = comps[i];
    if (comp === '') continue;
    const next: string[] = [];
    if (!hasGlobChars(comp)) {
      for (const b of bases) next.push(join(b, unescapePattern(comp)));
      needCheck = true;
    } else {
      for (const b of bases) {
        if (needCheck && !(await libc.statOrUndefined(b || '.'))) continue;
        let names: string[];
        try {
          names = (await libc.readdir(b || '.')).map((d) => d.name);
        } catch {
          continue;
        }
        const dotOk = comp.startsWith('.') || comp.startsWith('\\.');
        for (const n of names.sort(bytewise)) {
          if (n === '.' || n === '..') { if (!dotOk) continue; }
          if (n.startsWith('.') && !dotOk) continue;
          if (!matchPattern(comp, n)) continue;
          if (i < last || trailingSlash) {
            const st = await libc.statOrUndefined(join(b, n));
            if (!st || !isDir(st.mode)) continue;
          }
          next.push(join(b, n));
        }
      }
      needCheck = false;
    }
    bases = next;
    if (!bases.length) return [];
  }
  const out: string[] = [];
  for (const b of bases) {
    if (needCheck && !(await libc.statOrUndefined(b, false))) continue;
    out.push(trailingSlash ? `${b}/` : b);
  }
  return out.sort(bytewise);
}

function bytewise(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
