// Wire type of one message of GET /events (moby events.Message), with the deprecated
// status/id/from fields that old clients (API < 1.30 wait path) still read.

/** Object types that emit events. */
export type EventType = 'container' | 'image' | 'volume' | 'network' | 'daemon' | 'plugin' | 'node' | 'service' | 'secret' | 'config' | 'builder';

/** The object an event is about. ID must be at least 12 characters (the CLI slices it). */
export interface EventActor {
  ID: string;
  Attributes: Record<string, string>;
}

/** One event. `time` is unix seconds, `timeNano` unix nanoseconds. */
export interface EventMessage {
  Type: EventType;
  Action: string;
  Actor: EventActor;
  scope: 'local' | 'swarm';
  time: number;
  timeNano: number;
  /** Deprecated: equals Action for container events. */
  status?: string;
  /** Deprecated: equals Actor.ID. */
  id?: string;
  /** Deprecated: the image of a container event. */
  from?: string;
}
