// Docker's time texts: RFC3339Nano (Go's format, trailing zeros of the fraction dropped),
// the zero time "0001-01-01T00:00:00Z", and the human durations of `docker ps` ("Up 5 seconds").

/** A point in time as nanoseconds since the epoch. */
export type TimeNs = bigint;

/** Go's zero time as Docker prints unset timestamps. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** RFC3339Nano in UTC, e.g. 2024-01-02T03:04:05.0607Z (no fraction when whole seconds). */
export function rfc3339Nano(t: TimeNs | undefined): string {
  if (t === undefined) return ZERO_TIME;
  const sec = t / 1_000_000_000n;
  const nanos = Number(t % 1_000_000_000n);
  const base = new Date(Number(sec) * 1000).toISOString().slice(0, 19);
  const frac = nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
  return `${base}${frac}Z`;
}

/** Parses an RFC 3339 time (any fraction length) to ns; undefined for the zero time or bad text. */
export function parseRfc3339(text: string): TimeNs | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m || text === ZERO_TIME) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0') || '0');
}

/** Unix seconds (floor) of a time. */
export const unixSeconds = (t: TimeNs): number => Number(t / 1_000_000_000n);

/** go-units HumanDuration: "Less than a second", "5 seconds", "About a minute", "3 hours", ... */
export function humanDuration(ns: bigint): string {
  const seconds = Number(ns / 1_000_000_000n);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(seconds / 3600);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}
