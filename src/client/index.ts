// The skiff client library: speaks the Docker Engine API to skiffd (or a real dockerd) over a
// Unix socket. Entry points: resolveHost + ensureDaemon + DockerClient.
export { DockerClient, MAX_API_VERSION, compareVersions, type DockerClientOptions, type PendingWait } from './docker-client.js';
export { DaemonError, ConnectError } from './daemon-error.js';
export { resolveHost, parseHost, defaultSocketPath, type DaemonHost } from './host.js';
export { ensureDaemon, isAlive, defaultDaemonPath, type AutoStartOptions } from './auto-start.js';
export { StdDemuxer, demuxStream, encodeFrame, STDOUT, STDERR, SYSTEMERR } from './stdcopy.js';
export { JsonSplitter, jsonMessages } from './json-messages.js';
export { encodeQuery, encodeFilters, goQueryEscape } from './query.js';
export { readAll, Transport, type Hijacked, type RequestOptions } from './transport.js';
export type * from './types.js';
