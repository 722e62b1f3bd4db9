// Finds the program to run the way runc does (Go's exec.LookPath in the container's root, with
// the process's PATH), returning runc's messages and Docker's exit codes (127 not found, 126
// not executable) for the failures.
import { S, X_OK } from '../abi/index.js';
import { getenv, type Libc } from '../userland/libc/index.js';

/** The default PATH Docker sets when the image has none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** A program that cannot be run: runc's message and the exit code Docker reports. */
export class ExecLookupError extends Error {
  constructor(message: string, readonly exitCode: 126 | 127) {
    super(message);
  }
}

/** Checks one candidate: a regular file with an execute bit that we may execute. */
async function executable(libc: Libc, path: string): Promise<'ok' | 'missing' | 'dir' | 'denied'> {
  const st = await libc.statOrUndefined(path);
  if (!st) return 'missing';
  if ((st.mode & S.IFMT) === S.IFDIR) return 'dir';
  if ((st.mode & S.IFMT) !== S.IFREG || (st.mode & 0o111) === 0 || !(await libc.access(path, X_OK))) return 'denied';
  return 'ok';
}

/** Resolves argv[0] to a path, or throws ExecLookupError. */
export async function lookupExecutable(libc: Libc, file: string, env: readonly string[]): Promise<string> {
  if (file === '') throw new ExecLookupError('exec: "": executable file not found in $PATH', 127);
  if (file.includes('/')) {
    const r = await executable(libc, file);
    if (r === 'missing') throw new ExecLookupError(`exec: "${file}": stat ${file}: no such file or directory`, 127);
    if (r === 'dir') throw new ExecLookupError(`exec: "${file}": is a directory`, 126);
    if (r === 'denied') throw new ExecLookupError(`exec: "${file}": permission denied`, 126);
    return file;
  }
  const path = getenv(env, 'PATH') ?? DEFAULT_PATH;
  for (const dir of path.split(':')) {
    const full = `${dir || '.'}/${file}`;
    if ((await executable(libc, full)) === 'ok') return full;
  }
  throw new ExecLookupError(`exec: "${file}": executable file not found in $PATH`, 127);
}
