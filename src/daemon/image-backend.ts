// Backend interface of the image routes (/images/..., /commit). References arrive as typed
// by the user in paths (alpine, x:1, short ID) and fully qualified in pull/tag queries.

import type {
  Filters, HistoryItem, IdResponse, ImageDeleteResponseItem, ImageInspect,
  ImagePruneReport, ImageSummary, JSONMessage, PullOptions, CommitOptions,
} from '../api/index.js';

export type { CommitOptions, PullOptions } from '../api/index.js';

/** What the image routes need from the engine. */
export interface ImageBackend {
  /** All images (with `all`, intermediate ones too); the daemon applies filters. */
  imageList(options: { all: boolean }): Promise<ImageSummary[]>;
  /** 404 "No such image: <ref>". */
  imageInspect(name: string): Promise<ImageInspect>;
  imageHistory(name: string): Promise<HistoryItem[]>;
  /** `repo` arrives fully qualified ("docker.io/myrepo/alpine"); `tag` defaults to "latest". */
  imageTag(name: string, repo: string, tag: string): Promise<void>;
  imageRemove(name: string, options: { force: boolean; noPrune: boolean }): Promise<ImageDeleteResponseItem[]>;
  imagePrune(filters: Filters): Promise<ImagePruneReport>;
  /**
   * Starts a pull; reject (404 etc.) before any output to answer with a plain HTTP error.
   * Messages follow moby's wording ("Pulling from library/alpine", "Status: ...").
   */
  imagePull(options: PullOptions, signal: AbortSignal): Promise<AsyncIterable<JSONMessage>>;
  /** docker-archive tar of the named images (`docker save`). */
  imageSave(names: string[], signal: AbortSignal): Promise<AsyncIterable<Uint8Array>>;
  /** Loads a docker-archive/OCI tar; emits {"stream":"Loaded image: x\n"} messages. */
  imageLoad(tar: Uint8Array, options: { quiet: boolean }, signal: AbortSignal): Promise<AsyncIterable<JSONMessage>>;
  /** Optional (501 when absent): POST /commit, returns the new image ID. */
  imageCommit?(options: CommitOptions): Promise<IdResponse>;
}
