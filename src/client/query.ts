// Query-string encoding the way Go's url.Values.Encode does it: keys sorted, repeated keys for
// arrays, and Go's QueryEscape (space as '+', only A-Z a-z 0-9 - _ . ~ left bare).

/** A query value: undefined/false values are left out, arrays repeat the key. */
export type QueryValue = string | number | boolean | undefined | null | readonly string[];

/** Escapes one component like Go's url.QueryEscape. */
export function goQueryEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Encodes `query` sorted by key; `true` becomes `1`, `false`/undefined/null are omitted. */
export function encodeQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value === undefined || value === null || value === false) continue;
    const values = Array.isArray(value) ? value : [value === true ? '1' : String(value)];
    for (const v of values) parts.push(`${goQueryEscape(key)}=${goQueryEscape(v)}`);
  }
  return parts.join('&');
}

/** Docker's `filters` parameter: `{"key":{"value":true}}` from `key=value` pairs (undefined if none). */
export function encodeFilters(pairs: readonly string[] | Record<string, readonly string[]> | undefined): string | undefined {
  if (!pairs) return undefined;
  const map: Record<string, Record<string, boolean>> = {};
  const add = (k: string, v: string) => { (map[k] ??= {})[v] = true; };
  if (Array.isArray(pairs)) {
    for (const p of pairs as readonly string[]) {
      const eq = p.indexOf('=');
      if (eq <= 0) throw new Error(`bad format of filter (expected name=value)`);
      add(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1));
    }
  } else {
    for (const [k, vs] of Object.entries(pairs)) for (const v of vs) add(k, v);
  }
  const keys = Object.keys(map).sort();
  if (keys.length === 0) return undefined;
  const sorted: Record<string, Record<string, boolean>> = {};
  for (const k of keys) {
    sorted[k] = {};
    for (const v of Object.keys(map[k]).sort()) sorted[k][v] = true;
  }
  return JSON.stringify(sorted);
}
