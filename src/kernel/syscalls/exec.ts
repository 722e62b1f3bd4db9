// execve(2): load a file, follow `#!` interpreter lines, pick a registered binary format, and
// replace the process image: close-on-exec fds closed, caught signals reset, credentials'
// capabilities recomputed. On success the old program is never resumed.
import { Errno, fail, type Program } from '../../abi/index.js';
import { NO_RETURN, type HandlerResult, type SyscallContext } from '../syscall-table.js';
import { parseShebang } from '../binfmt.js';
import { basename } from '../kernel.js';

/** Linux's BINPRM_MAX_RECURSION: a chain of interpreters deeper than this fails with ELOOP. */
const MAX_INTERPRETER_DEPTH = 4;
/** Limit on argv + envp size (ARG_MAX-like). */
const MAX_ARG_BYTES = 2 * 1024 * 1024;

/**
 * execve(path, argv, envp). Errors: ENOENT, ENOTDIR, EACCES (not a regular executable file),
 * ENOEXEC (no format recognises it), ELOOP (interpreter chain too deep, or symlink loop),
 * E2BIG (arguments too large), EFAULT (argv/envp not string arrays).
 */
export function execve(ctx: SyscallContext, path: string, argv: string[], envp: string[]): HandlerResult<never> {
  const { kernel, proc } = ctx;
  if (!isStrings(argv) || !isStrings(envp) || typeof path !== 'string') return fail(Errno.EFAULT);
  if (argv.concat(envp).reduce((n, s) => n + s.length + 1, 0) > MAX_ARG_BYTES) return fail(Errno.E2BIG);
  let file = kernel.vfs.readExecutable(ctx, path);
  if (!file.ok) return file;
  let args = argv.length > 0 ? [...argv] : [path];
  let program: Program | undefined;
  let current = path;
  for (let depth = 0; ; depth++) {
    const shebang = parseShebang(file.value.data);
    if (!shebang) break;
    if (depth >= MAX_INTERPRETER_DEPTH) return fail(Errno.ELOOP);
    // The interpreter gets the script's path in place of argv[0] (as Linux's binfmt_script).
    args = [shebang.interpreter, ...(shebang.arg ? [shebang.arg] : []), current, ...args.slice(1)];
    current = shebang.interpreter;
    const interp = kernel.vfs.readExecutable(ctx, shebang.interpreter);
    if (!interp.ok) return interp.errno === Errno.EACCES ? fail(Errno.EACCES) : fail(Errno.ENOENT);
    file = interp;
  }
  for (const format of kernel.binfmts) {
    program = format.load(file.value.data);
    if (program) break;
  }
  if (!program) return fail(Errno.ENOEXEC);

  // Point of no return: replace the image.
  proc.files.closeOnExec();
  for (const [sig, act] of proc.sigactions) if (typeof act.disposition === 'function') proc.sigactions.delete(sig);
  const cred = proc.cred;
  if (cred.euid === 0 || cred.uid === 0) {
    cred.permitted = cred.bounding;
    cred.effective = cred.euid === 0 ? cred.permitted : 0n;
  } else {
    cred.permitted = cred.effective = 0n;
  }
  proc.comm = basename(path).slice(0, 15);
  proc.argv = args;
  proc.envp = [...envp];
  proc.exePath = file.value.path;
  const run = program;
  kernel.lifecycle.startProgram(proc, (sys) => run(args, proc.envp, sys));
  return NO_RETURN;
}

function isStrings(a: unknown): a is string[] {
  return Array.isArray(a) && a.every((s) => typeof s === 'string');
}
