// The shapes ImageStore returns (list rows, inspect details, prune report, save blobs) and the
// input type of putImage. Docker wire casing is used only where the brief asks for Docker's
// shape verbatim (prune report); the engine maps the rest to src/api types.
import type { Digest, DiffID } from './digest.js';
import type { DeleteResponseItem } from './image-remove.js';
import type { ContainerConfig, ImageConfig, Manifest } from './oci-types.js';

/** An image config before the store fills `rootfs` (and defaults architecture/os). */
export type ImageConfigInput = Omit<ImageConfig, 'rootfs' | 'architecture' | 'os'> &
  Partial<Pick<ImageConfig, 'rootfs' | 'architecture' | 'os'>>;

/** A row of `docker images`. */
export interface ImageSummary {
  id: Digest;
  parentId: string;
  repoTags: string[];
  repoDigests: string[];
  /** Unix seconds. */
  created: number;
  size: number;
  labels: Record<string, string>;
}

/** What `docker image inspect` needs. */
export interface ImageDetails {
  id: Digest;
  repoTags: string[];
  repoDigests: string[];
  parent: string;
  comment: string;
  /** RFC 3339 creation time from the config ('' if absent). */
  created: string;
  author: string;
  architecture: string;
  os: string;
  variant?: string;
  /** Runtime defaults (Env, Cmd, Entrypoint, …) — `config.config` of the image config. */
  containerConfig: ContainerConfig;
  /** The whole image config as stored. */
  config: ImageConfig;
  size: number;
  /** Layer diffIDs, bottom first (`RootFS.Layers`). */
  layers: DiffID[];
  manifestDigest: Digest;
  lastTagTime?: string;
}

/** Result of prune, Docker's wire shape. */
export interface PruneReport {
  ImagesDeleted: DeleteResponseItem[];
  SpaceReclaimed: number;
}

/** The blobs of one image, for save. */
export interface ImageBlobs {
  id: Digest;
  manifestDigest: Digest;
  manifest: Manifest;
  manifestBytes: Buffer;
  configBytes: Buffer;
  config: ImageConfig;
  refs: string[];
}
