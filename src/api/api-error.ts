// The one error type shared by engine and daemon: a kind (what went wrong, in Docker's
// errdefs classes) plus Docker's message text. The daemon maps kinds to HTTP statuses.

/** Docker's error classes (moby errdefs), each mapped to one HTTP status by the daemon. */
export type ApiErrorKind =
  | 'not-found'
  | 'invalid-parameter'
  | 'conflict'
  | 'forbidden'
  | 'not-modified'
  | 'unavailable'
  | 'not-implemented'
  | 'unauthorized'
  | 'system';

/** An error with a Docker error class and a message in Docker's words ("No such container: x"). */
export class ApiError extends Error {
  /** The error class; decides the HTTP status. */
  readonly kind: ApiErrorKind;

  constructor(kind: ApiErrorKind, message: string) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
  }

  /** 404 class. */
  static notFound(message: string): ApiError { return new ApiError('not-found', message); }
  /** 400 class. */
  static invalidParameter(message: string): ApiError { return new ApiError('invalid-parameter', message); }
  /** 409 class. */
  static conflict(message: string): ApiError { return new ApiError('conflict', message); }
  /** 403 class. */
  static forbidden(message: string): ApiError { return new ApiError('forbidden', message); }
  /** 304 class ("container already started"). */
  static notModified(message: string): ApiError { return new ApiError('not-modified', message); }
  /** 503 class. */
  static unavailable(message: string): ApiError { return new ApiError('unavailable', message); }
  /** 501 class. */
  static notImplemented(message: string): ApiError { return new ApiError('not-implemented', message); }
  /** 500 class. */
  static system(message: string): ApiError { return new ApiError('system', message); }
}

/** True when `e` is an ApiError (also across module copies: checks the shape, not the prototype). */
export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
    || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ApiError'
      && typeof (e as { kind?: unknown }).kind === 'string' && typeof (e as { message?: unknown }).message === 'string');
}

/** The JSON body of every Docker error response. */
export interface ErrorResponse {
  message: string;
}
