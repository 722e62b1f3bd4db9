// The stream-session shapes the daemon's attach/exec routes expect from the engine
// (src/daemon/stream-session.ts). They use node:stream, so they cannot live in src/api with the
// other option types; the engine may not import the daemon, so these two are restated here
// and src/boot checks at compile time that the engine satisfies the daemon's interfaces.
import type { Readable, Writable } from 'node:stream';

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
