// Canonical JSON for blobs skiff writes itself: object keys sorted recursively (like Go's
// encoding of maps), no whitespace. The same value always gives the same bytes, so the same
// config always gives the same image ID. Loaded blobs keep their original bytes instead.

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The canonical UTF-8 bytes of `value` (keys sorted, `undefined` members dropped). */
export function canonicalJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(sortKeys(value)), 'utf8');
}
