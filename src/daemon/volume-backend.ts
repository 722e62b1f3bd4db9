// Backend interface of the volume routes (/volumes/...). When the engine provides none, the
// daemon serves emptyVolumeBackend (no volumes; create is not implemented).

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
  volumePrune(filters: Filters): Promise<VolumePruneReport>;
}
