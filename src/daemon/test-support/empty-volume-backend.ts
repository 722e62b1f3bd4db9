// A VolumeBackend with no volumes, for daemon tests over the fake engine (the engine's
// VolumeService is the real one).

import { ApiError } from '../../api/index.js';
import type { VolumeBackend } from '../volume-backend.js';

/** No volumes: list is empty, inspect/remove are 404, create is not-implemented. */
export function emptyVolumeBackend(): VolumeBackend {
  return {
    volumeList: async () => [],
    volumeInspect: async (name) => { throw ApiError.notFound(`get ${name}: no such volume`); },
    volumeCreate: async () => { throw ApiError.notImplemented('creating volumes is not implemented'); },
    volumeRemove: async (name) => { throw ApiError.notFound(`get ${name}: no such volume`); },
    volumePrune: async () => ({ VolumesDeleted: [], SpaceReclaimed: 0 }),
  };
}
