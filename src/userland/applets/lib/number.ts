// Number arguments with busybox's size suffixes (b=512, k=1024, m=1024², g; kB/MB/KiB forms),
// as head -c, tail -c, dd and stress take them.

const SUFFIXES: Record<string, number> = {
  '': 1, b: 512, c: 1, w: 2, k: 1024, K: 1024, m: 1024 ** 2, M: 1024 ** 2, g: 1024 ** 3, G: 1024 ** 3,
  kB: 1000, KB: 1000, MB: 1000 ** 2, GB: 1000 ** 3, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, T: 1024 ** 4,
};

/** Parses `12`, `4k`, `1M`, `512b`; undefined if invalid. */
export function parseSize(s: string): number | undefined {
  const m = /^(\d+)([a-zA-Z]*)$/.exec(s);
  if (!m || !(m[2] in SUFFIXES)) return undefined;
  return Number(m[1]) * SUFFIXES[m[2]];
}

/** Parses a plain decimal integer (optional sign); undefined if invalid. */
export function parseInteger(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}
