// Shared pieces of od and hexdump: reading all inputs (with skip/limit) and formatting one
// unit (octal/hex/decimal/char) of a line, plus repeated-line suppression ("*").
import type { AppletContext } from '../../applet.js';
import { closeInput, openInput } from './io.js';
import { concat } from '../../libc/index.js';
import { errText, errorMsg } from './report.js';

/** Reads and joins the inputs (`-` = stdin). Returns undefined (after a message) on failure. */
export async function readAllInputs(ctx: AppletContext, files: string[], skip = 0, limit = Infinity): Promise<{ data: Uint8Array; failed: boolean }> {
  const parts: Uint8Array[] = [];
  let failed = false;
  for (const f of files.length ? files : ['-']) {
    let fd: number;
    try { fd = await openInput(ctx.libc, f); } catch (e) {
      await errorMsg(ctx, `${f}: ${errText(e)}`);
      failed = true;
      continue;
    }
    try { parts.push(await ctx.libc.readAll(fd)); } catch (e) {
      await errorMsg(ctx, `${f}: ${errText(e)}`);
      failed = true;
    } finally { await closeInput(ctx.libc, fd); }
  }
  const all = concat(parts);
  return { data: all.subarray(Math.min(skip, all.length), Math.min(all.length, skip + limit)), failed };
}

/** An od output type: a = named chars, c = chars, o/x/d/u integers, f floats; size in bytes. */
export interface DumpType { kind: 'a' | 'c' | 'o' | 'x' | 'd' | 'u' | 'f'; size: number }

const C_ESC: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
const A_NAMES = ['nul', 'soh', 'stx', 'etx', 'eot', 'enq', 'ack', 'bel', 'bs', 'ht', 'nl', 'vt', 'ff', 'cr', 'so', 'si', 'dle', 'dc1', 'dc2', 'dc3', 'dc4', 'nak', 'syn', 'etb', 'can', 'em', 'sub', 'esc', 'fs', 'gs', 'rs', 'us', 'sp'];

/** Field width (without the separating space) of a type. */
export function typeWidth(t: DumpType): number {
  if (t.kind === 'c' || t.kind === 'a') return 3;
  const bits = t.size * 8;
  const max = (1n << BigInt(bits)) - 1n;
  if (t.kind === 'o') return max.toString(8).length;
  if (t.kind === 'x') return t.size * 2;
  if (t.kind === 'u') return max.toString(10).length;
  if (t.kind === 'f') return t.size === 4 ? 14 : 23;
  return (1n << BigInt(bits - 1)).toString(10).length + 1;
}

/** Formats the unit of `t` at `data[off]` (little-endian), zero-padding a short final unit. */
export function formatUnit(t: DumpType, data: Uint8Array, off: number): string {
  const w = typeWidth(t);
  if (t.kind === 'c') {
    const b = data[off];
    const s = C_ESC[b] ?? (b >= 32 && b < 127 ? String.fromCharCode(b) : b.toString(8).padStart(3, '0'));
    return s.padStart(w);
  }
  if (t.kind === 'a') {
    const b = data[off] & 0x7f;
    return (b <= 32 ? A_NAMES[b] : b === 127 ? 'del' : String.fromCharCode(b)).padStart(w);
  }
  const bytes = new Uint8Array(8);
  for (let i = 0; i < t.size; i++) bytes[i] = off + i < data.length ? data[off + i] : 0;
  const view = new DataView(bytes.buffer);
  if (t.kind === 'f') {
    const v = t.size === 4 ? view.getFloat32(0, true) : view.getFloat64(0, true);
    return (t.size === 4 ? v.toPrecision(8) : v.toPrecision(17)).replace(/e\+?/, 'e+').padStart(w);
  }
  let v = 0n;
  for (let i = t.size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  if (t.kind === 'd' && v >= 1n << BigInt(t.size * 8 - 1)) v -= 1n << BigInt(t.size * 8);
  const s = t.kind === 'o' ? v.toString(8).padStart(w, '0') : t.kind === 'x' ? v.toString(16).padStart(w, '0') : v.toString(10);
  return s.padStart(w);
}
