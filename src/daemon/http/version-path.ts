// Splits the `/vX.Y` prefix off a request path and checks it against the supported range,
// with moby's exact too-old / too-new messages.

import { API_VERSION, ApiError, MIN_API_VERSION, compareApiVersions } from '../../api/index.js';

/** The path without its version prefix, and the API version the request speaks. */
export interface VersionedPath {
  path: string;
  apiVersion: string;
}

/** Strips `/v1.NN`; unversioned paths speak API_VERSION. Throws invalid-parameter when out of range. */
export function splitVersionPath(rawPath: string): VersionedPath {
  const m = /^\/v(\d+\.\d+)(\/.*)?$/.exec(rawPath);
  if (!m) return { path: rawPath, apiVersion: API_VERSION };
  const version = m[1];
  if (compareApiVersions(version, API_VERSION) > 0) {
    throw ApiError.invalidParameter(`client version ${version} is too new. Maximum supported API version is ${API_VERSION}`);
  }
  if (compareApiVersions(version, MIN_API_VERSION) < 0) {
    throw ApiError.invalidParameter(
      `client version ${version} is too old. Minimum supported API version is ${MIN_API_VERSION}, please upgrade your client to a newer version`,
    );
  }
  return { path: m[2] ?? '/', apiVersion: version };
}
