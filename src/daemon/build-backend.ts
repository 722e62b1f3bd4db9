// Backend interface of the legacy builder routes (POST /build, POST /build/prune).

import type { BuildCachePruneReport, Filters, JSONMessage } from '../api/index.js';

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

/** What the build routes need from the engine. */
export interface BuildBackend {
  /**
   * Runs a legacy build over the context tar (fully received and un-gzipped; may lack end blocks).
   * Reject before output for a plain HTTP error. Emit moby's messages ("Step 1/2 : FROM x",
   * " ---> abc", {"aux":{"ID":"sha256:..."}}, "Successfully built", "Successfully tagged")
   * and report failure as a message with errorDetail (see jsonErrorMessage), or by throwing.
   */
  build(context: Uint8Array, options: BuildOptions, signal: AbortSignal): Promise<AsyncIterable<JSONMessage>>;
  /** Optional (an empty report when absent): POST /build/prune. */
  buildPrune?(filters: Filters, options: { all: boolean }): Promise<BuildCachePruneReport>;
}
