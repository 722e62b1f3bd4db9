// API version constants of skiff's Engine API and the comparison of "1.NN" version strings.

/** Highest API version served (docker CLI 28.2.2 speaks 1.50). */
export const API_VERSION = '1.50';

/** Lowest API version served. */
export const MIN_API_VERSION = '1.24';

/** Compares "major.minor" strings numerically: negative if a < b, 0 if equal, positive if a > b. */
export function compareApiVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
