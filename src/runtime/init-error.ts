// How a container (or exec) init reports a failure before execve to the engine: one JSON
// message on the sync pipe, then exit. A successful execve closes the pipe (O_CLOEXEC) instead.
import { ErrnoError } from '../abi/index.js';
import { encode, type Libc } from '../userland/libc/index.js';
import { ExecLookupError } from './exec-lookup.js';
import { UserLookupError } from './user-lookup.js';

/** What the parent reads from the sync pipe. */
export interface InitFailure {
  message: string;
  exitCode: number;
}

/** The message and exit code of a failure in init (runc's wording; 127/126 for exec lookups). */
export function describeInitError(e: unknown, stage: string): InitFailure {
  if (e instanceof ExecLookupError) return { message: `${stage}: ${e.message}`, exitCode: e.exitCode };
  if (e instanceof UserLookupError) return { message: `${stage}: ${e.message}`, exitCode: 126 };
  if (e instanceof ErrnoError) {
    const what = [e.syscall, e.path].filter(Boolean).join(' ');
    return { message: `${stage}: ${what}: ${e.message.toLowerCase()}`, exitCode: 127 };
  }
  return { message: `${stage}: ${(e as Error)?.message ?? String(e)}`, exitCode: 127 };
}

/** Writes the failure to the sync fd and exits with its code. Never returns normally. */
export async function reportInitFailure(libc: Libc, syncFd: number, failure: InitFailure): Promise<number> {
  await libc.sys.write(syncFd, encode(JSON.stringify(failure)));
  await libc.sys.close(syncFd);
  await libc.sys.exit(failure.exitCode);
  return failure.exitCode;
}

/** Parses what the parent read from the sync pipe ("" = the child exec'd successfully). */
export function parseInitFailure(text: string): InitFailure | undefined {
  if (text === '') return undefined;
  try {
    const f = JSON.parse(text) as InitFailure;
    if (typeof f.message === 'string' && typeof f.exitCode === 'number') return f;
  } catch {
    // fall through
  }
  return { message: `container init: unexpected sync message ${JSON.stringify(text)}`, exitCode: 128 };
}
