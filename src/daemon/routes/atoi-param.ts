// Integer query parameters parsed the way moby's routers do with strconv.Atoi (resize's h and
// w): a missing or malformed value is a 400 carrying Go's error text.
import { ApiError } from '../../api/index.js';
import type { HttpContext } from '../http/context.js';

const INT64_MAX = 2n ** 63n - 1n;

/** Go's %q of a plain string (close enough for query values: JSON string escaping). */
function goQuote(v: string): string {
  return JSON.stringify(v);
}

/** strconv.Atoi(query[name]): 400 `strconv.Atoi: parsing "x": invalid syntax` / `value out of range`. */
export function atoiParam(ctx: HttpContext, name: string): number {
  const v = ctx.query.string(name) ?? '';
  if (!/^[+-]?\d+$/.test(v)) throw ApiError.invalidParameter(`strconv.Atoi: parsing ${goQuote(v)}: invalid syntax`);
  const n = BigInt(v);
  if (n > INT64_MAX || n < -INT64_MAX - 1n) throw ApiError.invalidParameter(`strconv.Atoi: parsing ${goQuote(v)}: value out of range`);
  return Number(n);
}
