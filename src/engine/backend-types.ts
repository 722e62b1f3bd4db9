// The shapes the daemon's Backend interfaces expect from the engine (src/daemon/*-backend.ts).
// The engine may not import the daemon (ARCHITECTURE.md layer table), so the few non-wire
// types are restated here; src/boot checks at compile time that the engine satisfies them.
import type { Readable, Writable } from 'node:stream';
import type { ContainerCreateRequest, ContainerWaitResponse } from '../api/index.js';

/** Streams of one attach/exec session (null when not requested). */
export interface AttachStreams {
  stdin: Readable | null;
  stdout: Writable | null;
  stderr: Writable | null;
}

/** A prepared attach/exec session; `run` pumps until the process is over. */
export interface StreamSession {
  readonly tty: boolean;
  run(streams: AttachStreams, signal: AbortSignal): Promise<void>;
}

/** POST /containers/create. */
export interface ContainerCreateOptions {
  name?: string;
  platform?: string;
  config: ContainerCreateRequest;
}

/** POST /containers/{id}/attach. */
export interface AttachOptions {
  stream: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  logs: boolean;
  detachKeys?: string;
}

/** GET /containers/{id}/logs. */
export interface LogsOptions {
  follow: boolean;
  stdout: boolean;
  stderr: boolean;
  since?: number;
  until?: number;
  tail?: number;
  timestamps: boolean;
  details: boolean;
}

/** One log record. */
export interface LogEntry {
  stream: 'stdout' | 'stderr';
  data: Uint8Array | string;
  time: string;
}

/** A log reader. */
export interface LogStream {
  tty: boolean;
  entries: AsyncIterable<LogEntry>;
}

/** A registered wait. */
export interface WaitHandle {
  result: Promise<ContainerWaitResponse>;
}

/** stop/restart options. */
export interface StopOptions {
  signal?: string;
  timeout?: number;
}
