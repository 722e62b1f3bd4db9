// Buffered output streams (stdout, stderr) like C stdio: stdout is flushed when the buffer
// fills and at exit; stderr is unbuffered. Programs must flush before exec or fork.
import { check, encode } from './libc.js';
import type { Sys } from '../../abi/index.js';

const BUFSIZ = 8192;

export class OutStream {
  private chunks: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly sys: Sys, readonly fd: number, private readonly buffered: boolean) {}

  /** Queues text or bytes; flushes when the buffer is full (or at once when unbuffered). */
  async write(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? encode(data) : data;
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.size += bytes.length;
    if (!this.buffered || this.size >= BUFSIZ) await this.flush();
  }

  /** Writes everything buffered. EPIPE and other errors throw ErrnoError. */
  async flush(): Promise<void> {
    if (this.size === 0) return;
    let bytes = this.chunks.length === 1 ? this.chunks[0] : new Uint8Array(this.size);
    if (this.chunks.length > 1) {
      let off = 0;
      for (const c of this.chunks) { bytes.set(c, off); off += c.length; }
    }
    this.chunks = [];
    this.size = 0;
    while (bytes.length > 0) {
      const n = check(await this.sys.write(this.fd, bytes), 'write');
      bytes = bytes.subarray(n);
    }
  }
}

/** The standard streams of a program. */
export interface Stdio {
  out: OutStream;
  err: OutStream;
}

export function stdio(sys: Sys): Stdio {
  return { out: new OutStream(sys, 1, true), err: new OutStream(sys, 2, false) };
}
