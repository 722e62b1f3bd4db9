// Small Go string helpers docker's formatters rely on: strconv.Quote, Ellipsis, TruncateID,
// and time.Time's String() ("2026-11-23 11:18:50 +0000 UTC").

/** Go's strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0x80 && cp < 0xa0) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** docker's formatter.Ellipsis: cut to `max` runes, the last one replaced by "…". */
export function ellipsis(s: string, max: number): string {
  const runes = [...s];
  if (max <= 0) return '';
  if (runes.length <= max) return s;
  if (max === 1) return runes[0];
  return runes.slice(0, max - 1).join('') + '…';
}

/** docker's TruncateID: drops an algorithm prefix ("sha256:") and keeps 12 characters. */
export function truncateId(id: string): string {
  const colon = id.indexOf(':');
  const bare = colon >= 0 ? id.slice(colon + 1) : id;
  return bare.length > 12 ? bare.slice(0, 12) : bare;
}

/** Go's time.Time.String() for a unix time in the local zone (nanoseconds dropped when 0). */
export function goTimeString(ms: number, fractionNanos = 0): string {
  const d = new Date(ms);
  const offsetMin = -d.getTimezoneOffset();
  const local = new Date(ms + offsetMin * 60_000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const base = `${local.getUTCFullYear()}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())} ${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())}`;
  const frac = fractionNanos ? '.' + String(fractionNanos).padStart(9, '0').replace(/0+$/, '') : '';
  const sign = offsetMin >= 0 ? '+' : '-';
  const off = `${sign}${p(Math.trunc(Math.abs(offsetMin) / 60))}${p(Math.abs(offsetMin) % 60)}`;
  let zone = 'UTC';
  if (offsetMin !== 0) {
    const name = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((x) => x.type === 'timeZoneName')?.value;
    zone = name && !/^GMT/.test(name) ? name : off;
  }
  return `${base}${frac} ${off} ${zone}`;
}

/** RFC3339 with nanoseconds (Go's time.RFC3339Nano) in UTC, from unix nanoseconds. */
export function rfc3339Nano(nanos: bigint): string {
  const ms = Number(nanos / 1_000_000n);
  const frac = String(nanos % 1_000_000_000n).padStart(9, '0');
  return new Date(ms).toISOString().slice(0, 19) + '.' + frac + 'Z';
}
