// Parsers and formatters for cgroup v2 interface-file values: `max` or a number, byte sizes
// with K/M/G suffixes (memparse), CPU lists (`0-2,4`), cpu.max (`quota period`).
// Every parser returns undefined for bad input; callers turn that into EINVAL.

/** The page size used to round memory limits down, as page_counter_memparse does. */
export const PAGE_SIZE = 4096;

/** The text of a limit: `max` for Infinity, else the number. */
export function formatLimit(n: number): string {
  return n === Infinity ? 'max' : String(n);
}

/** One written value without its trailing newline and surrounding blanks. */
export function oneLine(text: string): string {
  return text.replace(/\n$/, '').trim();
}

/** `max` → Infinity, or a non-negative integer within [min, max]. */
export function parseLimit(text: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const t = oneLine(text);
  if (t === 'max') return Infinity;
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

/** An integer within [min, max] (signed allowed). */
export function parseInt(text: string, min: number, max: number): number | undefined {
  const t = oneLine(text);
  if (!/^[-+]?\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

const SUFFIX: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50, e: 2 ** 60 };

/**
 * A memory size: `max` → Infinity, or bytes with an optional K/M/G/T/P/E suffix (either case),
 * rounded down to whole pages (Linux's page_counter_memparse).
 */
export function parseBytes(text: string): number | undefined {
  const t = oneLine(text);
  if (t === 'max') return Infinity;
  const m = /^(\d+)([kmgtpeKMGTPE]?)$/.exec(t);
  if (!m) return undefined;
  const bytes = Number(m[1]) * (m[2] ? SUFFIX[m[2].toLowerCase()] : 1);
  if (!Number.isFinite(bytes)) return undefined;
  return Math.floor(bytes / PAGE_SIZE) * PAGE_SIZE;
}

/**
 * A CPU list (`0-2,5`; empty means none) for a machine of `ncpus` CPUs: sorted unique numbers,
 * or undefined when malformed or naming a CPU that does not exist.
 */
export function parseCpuList(text: string, ncpus: number): number[] | undefined {
  const t = oneLine(text);
  if (t === '') return [];
  const out = new Set<number>();
  for (const part of t.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || b >= ncpus) return undefined;
    for (let c = a; c <= b; c++) out.add(c);
  }
  return [...out].sort((x, y) => x - y);
}

/** A CPU list in Linux's compact form: `0-2,5`. */
export function formatCpuList(cpus: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < cpus.length; ) {
    let j = i;
    while (j + 1 < cpus.length && cpus[j + 1] === cpus[j] + 1) j++;
    parts.push(i === j ? `${cpus[i]}` : `${cpus[i]}-${cpus[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** cpu.max bounds, in µs (kernel/sched/core.c: 1 ms ≤ period ≤ 1 s, quota ≥ 1 ms). */
export const CPU_PERIOD_MIN_US = 1000;
export const CPU_PERIOD_MAX_US = 1_000_000;
export const CPU_QUOTA_MIN_US = 1000;

/**
 * cpu.max: `$MAX [$PERIOD]`, where $MAX is `max` or a quota in µs. A missing period keeps
 * `currentPeriod`. Returns { quota (Infinity = max), period } or undefined.
 */
export function parseCpuMax(text: string, currentPeriod: number): { quota: number; period: number } | undefined {
  const parts = oneLine(text).split(/\s+/);
  if (parts.length < 1 || parts.length > 2 || parts[0] === '') return undefined;
  let period = currentPeriod;
  if (parts.length === 2) {
    if (!/^\d+$/.test(parts[1])) return undefined;
    period = Number(parts[1]);
    if (period < CPU_PERIOD_MIN_US || period > CPU_PERIOD_MAX_US) return undefined;
  }
  if (parts[0] === 'max') return { quota: Infinity, period };
  if (!/^\d+$/.test(parts[0])) return undefined;
  const quota = Number(parts[0]);
  if (quota < CPU_QUOTA_MIN_US) return undefined;
  return { quota, period };
}

/** Linux's sched_prio_to_weight: the CFS weight of nice -20…19. */
export const NICE_TO_WEIGHT = [
  88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
  9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
  1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
  110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
];

/** cpu.weight for a nice value (what writing cpu.weight.nice stores). */
export function weightOfNice(nice: number): number {
  return Math.max(1, Math.min(10000, Math.round((NICE_TO_WEIGHT[nice + 20] * 100) / 1024)));
}

/** The nice value whose weight is closest to cpu.weight `weight` (cpu.weight.nice's reading). */
export function niceOfWeight(weight: number): number {
  const w = (weight * 1024) / 100;
  let best = 0;
  let bestDiff = Infinity;
  for (let i = 0; i < NICE_TO_WEIGHT.length; i++) {
    const d = Math.abs(NICE_TO_WEIGHT[i] - w);
    if (d < bestDiff) {
      bestDiff = d;
      best = i - 20;
    }
  }
  return best;
}
