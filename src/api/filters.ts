// The `filters` query parameter of Docker list/prune/events routes: JSON of
// map[string]map[string]bool (or the old map[string][]string form), here as key → values.

import { ApiError } from './api-error.js';

/** Parsed filters: filter name → the values given for it (e.g. `{status: ['exited']}`). */
export type Filters = Record<string, string[]>;

/**
 * Parses a `filters` query value. Empty or absent text gives `{}`.
 * Accepts `{"k":{"v":true}}` and the old `{"k":["v"]}`. Throws invalid-parameter on bad JSON.
 */
export function parseFilters(text: string | null | undefined): Filters {
  if (text === null || text === undefined || text.trim() === '') return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw ApiError.invalidParameter(`invalid filter: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw ApiError.invalidParameter('invalid filter: expected a JSON object');
  }
  const out: Filters = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (Array.isArray(value)) {
      out[key] = value.map((v) => String(v));
    } else if (typeof value === 'object' && value !== null) {
      out[key] = Object.entries(value as Record<string, unknown>).filter(([, on]) => on === true).map(([v]) => v);
    } else {
      throw ApiError.invalidParameter(`invalid filter '${key}': expected an object of values`);
    }
  }
  return out;
}

/** Encodes filters the way the docker CLI does (`{"k":{"v":true}}`); `{}` gives "". */
export function encodeFilters(filters: Filters): string {
  const keys = Object.keys(filters).filter((k) => filters[k].length > 0);
  if (keys.length === 0) return '';
  const obj: Record<string, Record<string, boolean>> = {};
  for (const k of keys) obj[k] = Object.fromEntries(filters[k].map((v) => [v, true]));
  return JSON.stringify(obj);
}

/**
 * Throws invalid-parameter `invalid filter 'k'` for the first key not in `accepted`,
 * as moby's filters.Validate does.
 */
export function validateFilterKeys(filters: Filters, accepted: readonly string[]): void {
  for (const key of Object.keys(filters)) {
    if (!accepted.includes(key)) throw ApiError.invalidParameter(`invalid filter '${key}'`);
  }
}
