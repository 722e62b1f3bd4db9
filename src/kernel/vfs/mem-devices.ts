// The memory devices: /dev/null (1,3), /dev/zero (1,5), /dev/full (1,7), /dev/random (1,8)
// and /dev/urandom (1,9). Randomness comes from the kernel's injected source.
import { Errno } from '../../abi/index.js';
import type { FileOps } from './open-file.js';
import { servicesOf } from './kernel-services.js';

const EMPTY = new Uint8Array(0);
/** Largest single read served by zero/random (like Linux's per-call cap). */
const MAX_CHUNK = 1 << 20;

/** /dev/null: reads are EOF, writes vanish. */
export const nullOps: FileOps = {
  read: () => ({ ok: true, value: EMPTY }),
  write: (_f, _c, data) => ({ ok: true, value: data.length }),
};

/** /dev/zero: endless zeros. */
export const zeroOps: FileOps = {
  read: (_f, _c, count) => ({ ok: true, value: new Uint8Array(Math.max(0, Math.min(count, MAX_CHUNK))) }),
  write: (_f, _c, data) => ({ ok: true, value: data.length }),
};

/** /dev/full: zeros on read, ENOSPC on write. */
export const fullOps: FileOps = {
  read: zeroOps.read,
  write: () => ({ ok: false, errno: Errno.ENOSPC }),
};

/** /dev/random and /dev/urandom: the kernel's random bytes; writes are accepted and ignored. */
export const randomOps: FileOps = {
  read: (_f, ctx, count) => ({ ok: true, value: servicesOf(ctx).random(Math.max(0, Math.min(count, MAX_CHUNK))) }),
  write: (_f, _c, data) => ({ ok: true, value: data.length }),
};
