// /proc/meminfo parsing for free and top (values in kB).
import type { Libc } from '../../libc/index.js';

/** meminfo fields by name, in kB. */
export async function readMeminfo(libc: Libc): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let text = '';
  try { text = await libc.readTextFile('/proc/meminfo'); } catch { return out; }
  for (const line of text.split('\n')) {
    const m = /^([^:]+):\s+(\d+)/.exec(line);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}
