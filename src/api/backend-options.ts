// Option types of the Engine API operations, as moby's api/types has them (container.AttachOptions,
// LogsOptions, build options, pull and commit options): what the daemon decodes from a request
// and hands the engine. Both sides import them from here (the engine may not import the daemon).
import type { ContainerConfig } from './container-config.js';
import type { ContainerCreateRequest, ContainerWaitResponse } from './container-create.js';

/** POST /containers/create, after the body passed validateContainerCreateRequest. */
export interface ContainerCreateOptions {
  /** `?name=` without a leading "/" (already checked against [a-zA-Z0-9][a-zA-Z0-9_.-]+), or undefined. */
  name?: string;
  /** `?platform=`, e.g. "linux/amd64". */
  platform?: string;
  config: ContainerCreateRequest;
}

/** Options of POST /containers/{id}/attach. */
export interface AttachOptions {
  stream: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  /** Replay the log first. */
  logs: boolean;
  detachKeys?: string;
}

/** Options of GET /containers/{id}/logs. The engine applies tail/since/until/follow. */
export interface LogsOptions {
  follow: boolean;
  stdout: boolean;
  stderr: boolean;
  /** Unix seconds (fractional). */
  since?: number;
  until?: number;
  /** Last N lines; undefined means all. */
  tail?: number;
  /** The daemon adds timestamps; given for information. */
  timestamps: boolean;
  details: boolean;
}

/** One log record. `time` is RFC3339Nano; `data` usually ends with "\n". */
export interface LogEntry {
  stream: 'stdout' | 'stderr';
  data: Uint8Array | string;
  time: string;
}

/** A log reader: the daemon frames entries (unless tty) and prefixes timestamps when asked. */
export interface LogStream {
  tty: boolean;
  /** Ends after the backlog, or (follow) when the container stops or `signal` aborts. */
  entries: AsyncIterable<LogEntry>;
}

/** A registered waiter of POST /containers/{id}/wait. */
export interface WaitHandle {
  /** Resolves when the condition is met. Must settle after the container is removed for "removed". */
  result: Promise<ContainerWaitResponse>;
}

/** Options of stop/restart. `signal` is normalised ("SIGTERM", or a number as text). */
export interface StopOptions {
  signal?: string;
  /** Seconds to wait before SIGKILL; undefined = the container's StopTimeout or 10; -1 = forever. */
  timeout?: number;
}

/** Query options of POST /build, decoded. */
export interface BuildOptions {
  /** Repeated `t=`; as typed ("x", "x:1"). */
  tags: string[];
  /** Path of the Dockerfile inside the context (default "Dockerfile"; may be ".dockerfile.<hex>"). */
  dockerfile: string;
  /** `buildargs` JSON; null means "no value given". */
  buildArgs: Record<string, string | null>;
  labels: Record<string, string>;
  target?: string;
  noCache: boolean;
  pull: boolean;
  /** The daemon already reduces the output to the image ID for `q=1`; given for information. */
  quiet: boolean;
  /** Remove intermediate containers (default true). */
  rm: boolean;
  forceRm: boolean;
  networkMode?: string;
  platform?: string;
  memory?: number;
  cpuShares?: number;
  cacheFrom: string[];
  extraHosts?: string;
  shmSize?: number;
}

/** POST /images/create?fromImage=&tag=&platform=. */
export interface PullOptions {
  /** e.g. "docker.io/library/alpine". */
  fromImage: string;
  /** Tag or digest ("latest", "sha256:..."); "" when the reference already carries one. */
  tag: string;
  platform?: string;
  /** Raw X-Registry-Auth header (base64url JSON), if any. */
  registryAuth?: string;
}

/** POST /commit query and body. */
export interface CommitOptions {
  container: string;
  repo?: string;
  tag?: string;
  comment?: string;
  author?: string;
  pause: boolean;
  /** Dockerfile instructions applied to the config (repeated `changes=`). */
  changes: string[];
  /** Config overrides from the request body (may be empty). */
  config: ContainerConfig;
}
