// Backend interface of the system routes (/version, /info, /system/df, /events).
// The engine implements it; the daemon fills in API versions and applies event filters.

import type { EventMessage, Info, SystemDf, Version } from '../api/index.js';

/** Options of an event subscription. Times are unix seconds (fractional allowed). */
export interface EventsOptions {
  /** Replay stored events at or after this time before live ones; undefined = live events only. */
  since?: number;
  /** The daemon ends the response at this time; the engine may stop replaying after it. */
  until?: number;
}

/** What the system routes need from the engine. */
export interface SystemBackend {
  /** Body of GET /version; the daemon overwrites ApiVersion and MinAPIVersion. */
  systemVersion(): Promise<Version>;
  /** Body of GET /info. */
  systemInfo(): Promise<Info>;
  /** Body of GET /system/df; `types` (container, image, volume, build-cache) limits the work when given. */
  systemDf(options: { types?: string[] }): Promise<SystemDf>;
  /**
   * Events from `since` (replayed) and then live, until `signal` aborts. The daemon filters them
   * (type, container, image, event, label, ...) and stops at `until`.
   */
  subscribeEvents(options: EventsOptions, signal: AbortSignal): AsyncIterable<EventMessage>;
}
