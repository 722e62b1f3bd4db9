// Docker's multiplexed stream framing (moby pkg/stdcopy): an 8-byte header
// [type, 0, 0, 0, length uint32 big-endian] then the payload. Types: 0 stdin, 1 stdout, 2 stderr, 3 systemerr.

import { Writable } from 'node:stream';

/** Stream type byte of a frame. */
export type StdType = 0 | 1 | 2 | 3;

/** Encodes one frame. */
export function encodeFrame(type: StdType, payload: Uint8Array): Buffer {
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

/** One decoded frame. */
export interface Frame {
  type: StdType;
  data: Buffer;
}

/** Decodes complete frames from `buf`; `rest` holds an incomplete trailing frame. */
export function decodeFrames(buf: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let off = 0;
  while (buf.length - off >= 8) {
    const len = buf.readUInt32BE(off + 4);
    if (buf.length - off - 8 < len) break;
    frames.push({ type: buf[off] as StdType, data: buf.subarray(off + 8, off + 8 + len) });
    off += 8 + len;
  }
  return { frames, rest: buf.subarray(off) };
}

function toBuffer(chunk: unknown, encoding: BufferEncoding): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk as Uint8Array);
}

/**
 * A Writable that forwards each chunk to `target`, framed with `type` (or raw when type is
 * undefined). It never errors and never ends `target`: once `target` is gone, writes are dropped.
 */
export function streamWriter(target: NodeJS.WritableStream & { destroyed?: boolean; writableEnded?: boolean }, type?: StdType): Writable {
  return new Writable({
    write(chunk, encoding, callback) {
      const data = toBuffer(chunk, encoding);
      if (data.length === 0 || target.destroyed || target.writableEnded) { callback(); return; }
      try {
        target.write(type === undefined ? data : encodeFrame(type, data), () => callback());
      } catch {
        callback();
      }
    },
  });
}
