// Date parsing for touch -d/-t and date -d/-s: the layouts busybox accepts
// ("YYYY-MM-DD hh:mm[:ss]", "@EPOCH", "[[CC]YY]MMDDhhmm[.ss]", "hh:mm[:ss]"), all in UTC.

/** Seconds since the epoch for a date string, or undefined if the layout is not recognised. */
export function parseDate(s: string, nowSec: number): number | undefined {
  s = s.trim();
  let m = /^@(-?\d+)$/.exec(s);
  if (m) return Number(m[1]);
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/.exec(s);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) / 1000;
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (m) {
    const d = new Date(nowSec * 1000);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), +m[1], +m[2], +(m[3] ?? 0)) / 1000;
  }
  return parseStamp(s, nowSec);
}

/** touch -t / date MMDDhhmm layout: [[CC]YY]MMDDhhmm[.ss]. */
export function parseStamp(s: string, nowSec: number): number | undefined {
  const m = /^(\d{8}|\d{10}|\d{12})(?:\.(\d{2}))?$/.exec(s);
  if (!m) return undefined;
  const d = m[1];
  let year = new Date(nowSec * 1000).getUTCFullYear();
  let rest = d;
  if (d.length === 12) { year = +d.slice(0, 4); rest = d.slice(4); }
  else if (d.length === 10) { const yy = +d.slice(0, 2); year = yy < 69 ? 2000 + yy : 1900 + yy; rest = d.slice(2); }
  return Date.UTC(year, +rest.slice(0, 2) - 1, +rest.slice(2, 4), +rest.slice(4, 6), +rest.slice(6, 8), +(m[2] ?? 0)) / 1000;
}
