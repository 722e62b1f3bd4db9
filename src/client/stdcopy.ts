// Demultiplexer for Docker's multiplexed stream (non-TTY attach, exec, logs): frames of an
// 8-byte header [type,0,0,0,len u32 BE] then `len` bytes; type 0/1 stdout, 2 stderr, 3 system
// error. Frames may be split across chunks and chunks may hold several frames.
import type { Readable } from 'node:stream';

/** Stream ids of the framing. */
export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const SYSTEMERR = 3;

/** One decoded frame. */
export interface StdFrame {
  stream: number;
  data: Buffer;
}

/** Incremental decoder: feed chunks with push(), receive whole frames. */
export class StdDemuxer {
  private buffered: Buffer = Buffer.alloc(0);

  /** Adds bytes; returns every frame completed by them. */
  push(chunk: Buffer): StdFrame[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const frames: StdFrame[] = [];
    while (this.buffered.length >= 8) {
      const len = this.buffered.readUInt32BE(4);
      if (this.buffered.length < 8 + len) break;
      frames.push({ stream: this.buffered[0], data: this.buffered.subarray(8, 8 + len) });
      this.buffered = this.buffered.subarray(8 + len);
    }
    return frames;
  }

  /** Bytes of an unfinished frame still waiting for the rest. */
  get pending(): number {
    return this.buffered.length;
  }
}

/** Where demuxed output goes. */
export interface OutputSinks {
  stdout: { write(data: Buffer): unknown };
  stderr: { write(data: Buffer): unknown };
}

/**
 * Copies a multiplexed stream to stdout/stderr until it ends. Rejects with
 * `error from daemon in stream: <text>` on a system-error frame, like docker's stdcopy.
 */
export function demuxStream(source: Readable, sinks: OutputSinks): Promise<void> {
  const demux = new StdDemuxer();
  return new Promise((resolve, reject) => {
    let failed = false;
    source.on('data', (chunk: Buffer) => {
      if (failed) return;
      for (const frame of demux.push(chunk)) {
        if (frame.stream === SYSTEMERR) {
          failed = true;
          reject(new Error(`error from daemon in stream: ${frame.data.toString('utf8')}`));
          source.destroy();
          return;
        }
        if (frame.stream === STDERR) sinks.stderr.write(frame.data);
        else if (frame.stream === STDOUT || frame.stream === STDIN) sinks.stdout.write(frame.data);
        else {
          failed = true;
          reject(new Error(`Unrecognized input header: ${frame.stream}`));
          source.destroy();
          return;
        }
      }
    });
    source.on('end', () => { if (!failed) resolve(); });
    source.on('close', () => { if (!failed) resolve(); });
    source.on('error', (err) => { if (!failed) { failed = true; reject(err); } });
  });
}

/** Encodes one frame (used by tests and fakes that play the daemon). */
export function encodeFrame(stream: number, data: Buffer | string): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}
