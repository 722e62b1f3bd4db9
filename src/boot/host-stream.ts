// Host-side byte streams attached to a process's fds: a sink that collects what a program
// writes (captured stdout/stderr) and a source that feeds it bytes (stdin), with EOF.
import { Errno, fail, ok, O, type SysResult } from '../abi/index.js';
import { openCustomFile, type FileOps, type OpenFile } from '../kernel/vfs/index.js';
import { blockOn } from '../kernel/syscall-table.js';
import { WaitQueue } from '../kernel/sched/wait-queue.js';

/** An fd target that collects writes; `onData` sees each chunk as it arrives. */
export function captureFile(onData: (chunk: Uint8Array) => void): OpenFile {
  const ops: FileOps = {
    stream: true,
    write: (_f, _ctx, data) => {
      onData(data.slice());
      return ok(data.length);
    },
  };
  return openCustomFile(ops, O.WRONLY);
}

/** A readable fd fed by the host: push() bytes, end() for EOF. Reads block until data arrives. */
export class HostSource {
  private buffer: Uint8Array[] = [];
  private ended = false;
  private readonly readers = new WaitQueue();
  readonly file: OpenFile;

  constructor() {
    const ops: FileOps = {
      stream: true,
      read: (_f, _ctx, count): SysResult<Uint8Array> | ReturnType<typeof blockOn> => {
        if (this.buffer.length === 0) return this.ended ? ok(new Uint8Array(0)) : blockOn([this.readers]);
        const head = this.buffer[0];
        if (head.length <= count) {
          this.buffer.shift();
          return ok(head);
        }
        this.buffer[0] = head.subarray(count);
        return ok(head.subarray(0, count));
      },
      write: () => fail(Errno.EBADF),
    };
    this.file = openCustomFile(ops, O.RDONLY);
  }

  push(data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    if (bytes.length > 0) this.buffer.push(bytes);
    this.readers.wakeAll();
  }

  end(): void {
    this.ended = true;
    this.readers.wakeAll();
  }
}
