// Pipes and FIFOs: a 64 KiB byte queue with blocking reads and writes, EOF when every writer
// has closed, EPIPE + SIGPIPE when every reader has, EAGAIN for O_NONBLOCK, and writes of at
// most PIPE_BUF bytes kept atomic. One FileOps serves both ends (the open flags say which).
import { Errno, SIG } from '../../abi/index.js';
import { WaitQueue } from '../sched/wait-queue.js';
import { blockOn, type Blocked, type HandlerResult } from '../syscall-table.js';
import type { FileOps, OpenFile } from './open-file.js';
import { servicesOf } from './kernel-services.js';
import { ByteQueue } from './byte-queue.js';

/** Writes up to this size are atomic (never interleaved with other writers). */
export const PIPE_BUF = 4096;
/** Default pipe capacity (F_GETPIPE_SZ on Linux). */
export const PIPE_CAPACITY = 65536;

const EMPTY = new Uint8Array(0);

/** The shared buffer of a pipe: its bytes (ByteQueue), its ends and its sleepers. */
export class Pipe extends ByteQueue {
  readers = 0;
  writers = 0;
  capacity = PIPE_CAPACITY;
  /** Readers sleep here waiting for data or the last writer to go. */
  readonly readWait = new WaitQueue();
  /** Writers sleep here waiting for space or the last reader to go. */
  readonly writeWait = new WaitQueue();
  readonly readBlocked: Blocked = blockOn([this.readWait]);
  readonly writeBlocked: Blocked = blockOn([this.writeWait]);

  /** Registers an opener by its access mode. */
  attach(file: OpenFile): void {
    if (file.readable) this.readers++;
    if (file.writable) this.writers++;
    file.private = this;
  }
}

/** The FileOps of both pipe ends and of opened FIFOs. file.private is the Pipe. */
export const pipeOps: FileOps = {
  stream: true,

  read(file, _ctx, count): HandlerResult<Uint8Array> {
    const pipe = file.private as Pipe;
    if (count <= 0) return { ok: true, value: EMPTY };
    if (pipe.length === 0) {
      if (pipe.writers === 0) return { ok: true, value: EMPTY };
      if (file.nonblocking) return { ok: false, errno: Errno.EAGAIN };
      return pipe.readBlocked;
    }
    const out = pipe.take(count);
    pipe.writeWait.wakeAll();
    return { ok: true, value: out };
  },

  write(file, ctx, data): HandlerResult<number> {
    const pipe = file.private as Pipe;
    const done = (ctx.state.pipeDone as number | undefined) ?? 0;
    if (pipe.readers === 0) {
      servicesOf(ctx).sendSignal(ctx.proc, SIG.PIPE);
      return done > 0 ? { ok: true, value: done } : { ok: false, errno: Errno.EPIPE };
    }
    const total = data.length;
    if (total === 0) return { ok: true, value: 0 };
    const space = pipe.capacity - pipe.length;
    if (total <= PIPE_BUF) {
      if (space < total) return file.nonblocking ? { ok: false, errno: Errno.EAGAIN } : pipe.writeBlocked;
      pipe.put(data);
      pipe.readWait.wakeAll();
      return { ok: true, value: total };
    }
    if (space === 0) {
      if (file.nonblocking) return done > 0 ? { ok: true, value: done } : { ok: false, errno: Errno.EAGAIN };
      return pipe.writeBlocked;
    }
    const n = Math.min(space, total - done);
    pipe.put(data.subarray(done, done + n));
    pipe.readWait.wakeAll();
    const now = done + n;
    if (now === total || file.nonblocking) return { ok: true, value: now };
    ctx.state.pipeDone = now;
    return pipe.writeBlocked;
  },

  release(file) {
    const pipe = file.private as Pipe;
    if (file.readable) pipe.readers--;
    if (file.writable) pipe.writers--;
    pipe.readWait.wakeAll();
    pipe.writeWait.wakeAll();
  },
};
