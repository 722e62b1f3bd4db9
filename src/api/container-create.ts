// Wire types of POST /containers/create: the request body (Config fields at top level plus
// HostConfig and NetworkingConfig) and the 201 reply. The validator is in validate-create.ts.

import type { ContainerConfig, HostConfig, NetworkingConfig } from './container-config.js';

/** Body of POST /containers/create (`?name=` and `?platform=` come in the query). */
export interface ContainerCreateRequest extends ContainerConfig {
  HostConfig?: HostConfig | null;
  NetworkingConfig?: NetworkingConfig | null;
}

/** 201 reply of POST /containers/create. Warnings print as "WARNING: ..." in the CLI. */
export interface ContainerCreateResponse {
  Id: string;
  Warnings: string[];
}

/** Reply of POST /containers/{id}/wait, sent when the wait condition is met. */
export interface ContainerWaitResponse {
  StatusCode: number;
  Error: { Message: string } | null;
}

/** Conditions of POST /containers/{id}/wait; absent means "not-running". */
export type WaitCondition = 'not-running' | 'next-exit' | 'removed';

/** Reply of POST /containers/{id}/update. */
export interface ContainerUpdateResponse {
  Warnings: string[] | null;
}

/** Reply of `POST /containers/prune`. */
export interface ContainerPruneReport {
  ContainersDeleted: string[] | null;
  SpaceReclaimed: number;
}

/** Generic `{"Id": ...}` reply (exec create, commit). */
export interface IdResponse {
  Id: string;
}
