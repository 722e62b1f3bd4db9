// Parsing of mount(2) option strings (`size=64m,mode=1777,uid=0`) shared by filesystem types.
import { Errno, type SysResult } from '../../abi/index.js';

/** `a=1,b,c=x` → Map {a: '1', b: '', c: 'x'}; empty items are skipped. */
export function parseMountOptions(data: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of (data ?? '').split(',')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) out.set(item, '');
    else out.set(item.slice(0, eq), item.slice(eq + 1));
  }
  return out;
}

/** `65536k`, `64m`, `1g`, `4096` → bytes. Errors: EINVAL. */
export function parseSize(text: string): SysResult<number> {
  const m = /^(\d+)([kKmMgGtT]?)$/.exec(text);
  if (!m) return { ok: false, errno: Errno.EINVAL };
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return { ok: true, value: Number(m[1]) * mult };
}

/** An octal mode (`755`, `1777`). Errors: EINVAL. */
export function parseOctal(text: string): SysResult<number> {
  if (!/^[0-7]{1,4}$/.test(text)) return { ok: false, errno: Errno.EINVAL };
  return { ok: true, value: parseInt(text, 8) };
}

/** A decimal ID. Errors: EINVAL. */
export function parseId(text: string): SysResult<number> {
  if (!/^\d+$/.test(text)) return { ok: false, errno: Errno.EINVAL };
  return { ok: true, value: Number(text) };
}
