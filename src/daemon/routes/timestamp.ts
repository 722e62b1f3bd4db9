// Decoding of Docker's time query values (since/until of logs and events): unix seconds with
// an optional fraction ("1704067200.500000000"), RFC3339 dates, or Go durations back from now ("5m").

import { ApiError } from '../../api/index.js';

const units: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Unix seconds for a time query value, or undefined when absent/empty. `nowSeconds` anchors durations. */
export function parseTimestamp(name: string, value: string | undefined, nowSeconds: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(v)) {
    let total = 0;
    for (const m of v.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * units[m[2]];
    return nowSeconds - total;
  }
  const ms = Date.parse(v);
  if (!Number.isNaN(ms)) return ms / 1000;
  throw ApiError.invalidParameter(`invalid value for ${name}: ${JSON.stringify(value)}`);
}
