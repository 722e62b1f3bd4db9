// Backend interface of the volume routes (/volumes/...), implemented by the engine's
// VolumeService.

import type { Filters, Volume, VolumeCreateRequest, VolumePruneReport } from '../api/index.js';

/** What the volume routes need from the engine. */
export interface VolumeBackend {
  /** All volumes; the daemon filters (name, driver, label, dangling). */
  volumeList(): Promise<Volume[]>;
  /** 404 "get <name>: no such volume". */
  volumeInspect(name: string): Promise<Volume>;
  /** Missing Name = anonymous volume (64-hex name). Answered 201. */
  volumeCreate(request: VolumeCreateRequest): Promise<Volume>;
  /** 409 "remove vol: volume is in use - [<cid>]". */
  volumeRemove(name: string, options: { force: boolean }): Promise<void>;
  /** Prunes anonymous volumes only, unless the filter `all` is true. */
  volumePrune(filters: Filters): Promise<VolumePruneReport>;
}
