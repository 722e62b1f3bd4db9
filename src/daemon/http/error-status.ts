// The one mapping from ApiError kinds to HTTP statuses (moby errdefs → httpstatus).

import type { ApiErrorKind } from '../../api/index.js';

const statuses: Record<ApiErrorKind, number> = {
  'not-found': 404,
  'invalid-parameter': 400,
  conflict: 409,
  forbidden: 403,
  'not-modified': 304,
  unavailable: 503,
  'not-implemented': 501,
  unauthorized: 401,
  system: 500,
};

/** HTTP status for an error kind: not-found 404, invalid-parameter 400, conflict 409, ... system 500. */
export function statusForKind(kind: ApiErrorKind): number {
  return statuses[kind] ?? 500;
}
