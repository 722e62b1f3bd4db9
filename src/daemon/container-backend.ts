// Backend interface of the container routes (/containers/...). The engine implements it.
// Names/IDs arrive as the user typed them: resolve full ID, name (with or without "/"), ID prefix.

import type {
  ChangeItem, ContainerCreateResponse, ContainerInspect, ContainerPathStat,
  ContainerPruneReport, ContainerSummary, ContainerUpdateRequest, ContainerUpdateResponse,
  Filters, StatsJSON, TopResult, WaitCondition,
} from '../api/index.js';
import type { StreamSession } from './stream-session.js';
import type {
  AttachOptions, ContainerCreateOptions, LogStream, LogsOptions, StopOptions, WaitHandle,
} from '../api/index.js';

export type {
  AttachOptions, ContainerCreateOptions, LogEntry, LogStream, LogsOptions, StopOptions, WaitHandle,
} from '../api/index.js';

/** What the container routes need from the engine. */
export interface ContainerBackend {
  /** 201 reply. 404 is ONLY for a missing image ("No such image: alpine:latest"): it triggers a pull. */
  containerCreate(options: ContainerCreateOptions): Promise<ContainerCreateResponse>;
  /** All containers (every state); the daemon filters, sorts newest first and limits. */
  containerList(options: { size: boolean }): Promise<ContainerSummary[]>;
  containerInspect(name: string, options: { size: boolean }): Promise<ContainerInspect>;
  /** Throw kind not-modified when already running (answered 304). */
  containerStart(name: string, options: { detachKeys?: string }): Promise<void>;
  /** Throw kind not-modified when already stopped (answered 304). */
  containerStop(name: string, options: StopOptions): Promise<void>;
  containerRestart(name: string, options: StopOptions): Promise<void>;
  /** `signal` normalised ("SIGKILL" when absent). Conflict "container <id> is not running" when stopped. */
  containerKill(name: string, signal: string): Promise<void>;
  /**
   * Registers a waiter and returns at once (the daemon then flushes the 200 headers); rejects
   * with not-found before that. `signal` aborts when the client goes away (`run -d`).
   */
  containerWait(name: string, condition: WaitCondition, signal: AbortSignal): Promise<WaitHandle>;
  /** Prepares an attach session (may precede start: no output may be lost). */
  containerAttach(name: string, options: AttachOptions): Promise<StreamSession>;
  containerResize(name: string, height: number, width: number): Promise<void>;
  containerLogs(name: string, options: LogsOptions, signal: AbortSignal): Promise<LogStream>;
  /** `psArgs` is the raw ps_args query ("-ef" when absent). */
  containerTop(name: string, psArgs: string): Promise<TopResult>;
  /**
   * Stats samples, one per second while `stream`; with `stream` false the daemon writes only the
   * first sample, which should have precpu_stats primed unless `oneShot`.
   */
  containerStats(name: string, options: { stream: boolean; oneShot: boolean }, signal: AbortSignal): Promise<AsyncIterable<StatsJSON>>;
  containerPause(name: string): Promise<void>;
  containerUnpause(name: string): Promise<void>;
  /** `newName` without a leading "/". */
  containerRename(name: string, newName: string): Promise<void>;
  containerRemove(name: string, options: { force: boolean; removeVolumes: boolean; removeLink: boolean }): Promise<void>;
  containerPrune(filters: Filters): Promise<ContainerPruneReport>;
  /** Optional (501 when absent): GET /containers/{id}/changes. */
  containerChanges?(name: string): Promise<ChangeItem[]>;
  /** Optional (501 when absent): GET /containers/{id}/export, a tar of the filesystem. */
  containerExport?(name: string, signal: AbortSignal): Promise<AsyncIterable<Uint8Array>>;
  /** Optional (501 when absent): POST /containers/{id}/update. */
  containerUpdate?(name: string, update: ContainerUpdateRequest): Promise<ContainerUpdateResponse>;
  /** Optional (501 when absent): HEAD /containers/{id}/archive. */
  containerStatPath?(name: string, path: string): Promise<ContainerPathStat>;
  /** Optional (501 when absent): GET /containers/{id}/archive, a tar of `path`. */
  containerArchive?(name: string, path: string, signal: AbortSignal): Promise<{ stat: ContainerPathStat; tar: AsyncIterable<Uint8Array> }>;
  /** Optional (501 when absent): PUT /containers/{id}/archive, extract `tar` into directory `path`. */
  containerExtractToDir?(name: string, path: string, tar: Uint8Array, options: { noOverwriteDirNonDir: boolean; copyUIDGID: boolean }): Promise<void>;
}
