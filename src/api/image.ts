// Wire types of the image routes: list, inspect, history, remove, prune
// (moby image.Summary, image.InspectResponse, image.HistoryResponseItem, image.DeleteResponse).

import type { ContainerConfig } from './container-config.js';
import type { GraphDriverData } from './container-inspect.js';

/** One entry of GET /images/json. Created is unix seconds; -1 means "not computed". */
export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[];
  RepoDigests: string[];
  Created: number;
  Size: number;
  SharedSize: number;
  VirtualSize?: number;
  Labels: Record<string, string>;
  Containers: number;
}

/** Body of GET /images/{name}/json. Created is an RFC3339 string (unlike the list). */
export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  DockerVersion?: string;
  Author: string;
  Config: ContainerConfig;
  Architecture: string;
  Variant?: string;
  Os: string;
  OsVersion?: string;
  Size: number;
  GraphDriver: GraphDriverData;
  RootFS: { Type: 'layers'; Layers: string[] };
  Metadata: { LastTagTime: string };
}

/** One entry of GET /images/{name}/history, newest first; Id "<missing>" for anonymous layers. */
export interface HistoryItem {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/** One entry of DELETE /images/{name} and of prune's ImagesDeleted: exactly one field set. */
export interface ImageDeleteResponseItem {
  Untagged?: string;
  Deleted?: string;
}

/** Reply of POST /images/prune. */
export interface ImagePruneReport {
  ImagesDeleted: ImageDeleteResponseItem[] | null;
  SpaceReclaimed: number;
}

/** Reply of POST /build/prune. */
export interface BuildCachePruneReport {
  CachesDeleted: string[] | null;
  SpaceReclaimed: number;
}
