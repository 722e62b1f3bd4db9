// Backend interface of the legacy builder routes (POST /build, POST /build/prune).

import type { BuildCachePruneReport, BuildOptions, Filters, JSONMessage } from '../api/index.js';

export type { BuildOptions } from '../api/index.js';

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
