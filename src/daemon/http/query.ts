// Query-string access with Docker's conventions: booleans true unless "", 0, no, false, none;
// integers checked; repeated keys; the JSON `filters` parameter.

import { ApiError, parseFilters, type Filters } from '../../api/index.js';

const falsy = new Set(['', '0', 'no', 'false', 'none']);

/** Decoded query parameters of one request. */
export class Query {
  constructor(private readonly params: URLSearchParams) {}

  /** The first value of `name`, or undefined. */
  string(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  /** All values of a repeated parameter (`t=x&t=y`). */
  all(name: string): string[] {
    return this.params.getAll(name);
  }

  /** True when present. */
  has(name: string): boolean {
    return this.params.has(name);
  }

  /** moby BoolValue: false when absent or "", "0", "no", "false", "none" (any case); else true. */
  bool(name: string, fallback = false): boolean {
    const v = this.params.get(name);
    if (v === null) return fallback;
    return !falsy.has(v.trim().toLowerCase());
  }

  /** An integer parameter, or `fallback` when absent/empty; invalid-parameter when not an integer. */
  int(name: string, fallback?: number): number | undefined {
    const v = this.params.get(name);
    if (v === null || v.trim() === '') return fallback;
    if (!/^[-+]?\d+$/.test(v.trim())) throw ApiError.invalidParameter(`invalid value for ${name}: ${JSON.stringify(v)}: not an integer`);
    return Number.parseInt(v.trim(), 10);
  }

  /** The `filters` parameter, parsed (`{}` when absent). */
  filters(): Filters {
    return parseFilters(this.params.get('filters'));
  }

  /** A JSON-object parameter (buildargs, labels); `{}` when absent. */
  jsonObject<T>(name: string): Record<string, T> {
    const v = this.params.get(name);
    if (v === null || v === '') return {};
    try {
      const parsed: unknown = JSON.parse(v);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, T>;
    } catch {
      // fall through to the error below
    }
    throw ApiError.invalidParameter(`invalid value for ${name}: expected a JSON object`);
  }
}
