// Public surface of src/daemon: the Engine API server and the Backend interfaces the engine
// implements (one per route module), plus a stand-in network backend.

export { createDaemonServer, type DaemonServer, type DaemonServerOptions } from './server.js';
export type * from './backends.js';
export type { DaemonLogger } from './http/context.js';
export { statusForKind } from './http/error-status.js';
export { staticNetworkBackend } from './static-network-backend.js';
export { decodeFrames, encodeFrame, type Frame, type StdType } from './http/stdcopy.js';
