// Error translation: image-store errors and runtime failures become ApiErrors with Docker's
// kinds and texts, so the daemon can answer with the right status.
import { ApiError, isApiError } from '../../api/index.js';
import { ImageError } from '../../image/index.js';

/** An ApiError for any error thrown by the image store (kinds map one to one). */
export function toApiError(e: unknown): unknown {
  if (isApiError(e)) return e;
  if (e instanceof ImageError) return new ApiError(e.kind, e.message);
  return e;
}

/** Runs `fn`, translating image-store errors. */
export async function translating<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toApiError(e);
  }
}

/** The 409 for a name in use, in Docker's words. */
export function nameConflict(name: string, id: string): ApiError {
  return ApiError.conflict(`Conflict. The container name "/${name}" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`);
}
