// The set of Backend interfaces the daemon is built from: one per route module. The engine
// implements them (src/boot wires them in); tests pass fakes.

import type { BuildBackend } from './build-backend.js';
import type { ContainerBackend } from './container-backend.js';
import type { ExecBackend } from './exec-backend.js';
import type { ImageBackend } from './image-backend.js';
import type { NetworkBackend } from './network-backend.js';
import type { SystemBackend } from './system-backend.js';
import type { VolumeBackend } from './volume-backend.js';

export type { BuildBackend, BuildOptions } from './build-backend.js';
export type {
  AttachOptions, ContainerBackend, ContainerCreateOptions, LogEntry, LogStream, LogsOptions, StopOptions, WaitHandle,
} from './container-backend.js';
export type { ExecBackend } from './exec-backend.js';
export type { CommitOptions, ImageBackend, PullOptions } from './image-backend.js';
export type { NetworkBackend } from './network-backend.js';
export type { EventsOptions, SystemBackend } from './system-backend.js';
export type { VolumeBackend } from './volume-backend.js';
export type { AttachStreams, StreamSession } from './stream-session.js';

/** Everything createDaemonServer needs. The network backend defaults to a static one. */
export interface Backends {
  system: SystemBackend;
  container: ContainerBackend;
  exec: ExecBackend;
  image: ImageBackend;
  build: BuildBackend;
  network?: NetworkBackend;
  volume: VolumeBackend;
}
