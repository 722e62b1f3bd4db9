// Running `sh -c COMMAND` as a child process with an optional pipe to its stdin or from its
// stdout (awk's system(), print | cmd, cmd | getline; xargs and find -exec use spawnArgv).
import { Errno, exitCodeOf } from '../../../abi/index.js';
import type { AppletContext } from '../../applet.js';
import { Libc } from '../../libc/index.js';

/** A started child: its pid and our end of the pipe (if one was asked for). */
export interface Child { pid: number; fd?: number }

/**
 * Forks and execs `argv` (PATH search). `pipe` 'to' gives us an fd writing to the child's
 * stdin; 'from' an fd reading its stdout. The child exits 127 if the program is not found.
 */
export async function spawnArgv(ctx: AppletContext, argv: string[], pipe?: 'to' | 'from'): Promise<Child> {
  await ctx.out.flush();
  let fds: [number, number] | undefined;
  if (pipe) fds = await ctx.libc.pipe();
  const envp = ctx.envp;
  const pid = await ctx.libc.fork(async (sys) => {
    const libc = new Libc(sys);
    if (fds) {
      const [r, w] = fds;
      if (pipe === 'to') await sys.dup2(r, 0);
      else await sys.dup2(w, 1);
      await sys.close(r);
      await sys.close(w);
    }
    const err = await libc.execvp(argv[0], argv, envp);
    const name = ctx.argv[0]?.split('/').pop() ?? 'busybox';
    await libc.writeAll(2, `${name}: can't execute '${argv[0]}': ${err.message}\n`);
    return err.errno === Errno.ENOENT ? 127 : 126;
  });
  if (!fds) return { pid };
  const [r, w] = fds;
  if (pipe === 'to') { await ctx.sys.close(r); return { pid, fd: w }; }
  await ctx.sys.close(w);
  return { pid, fd: r };
}

/** `sh -c cmd` via spawnArgv. */
export function spawnShell(ctx: AppletContext, cmd: string, pipe?: 'to' | 'from'): Promise<Child> {
  return spawnArgv(ctx, ['/bin/sh', '-c', cmd], pipe);
}

/** Waits for a child and returns its shell-style exit code (128+signal if killed). */
export async function waitChild(ctx: AppletContext, pid: number): Promise<number> {
  const r = await ctx.libc.waitpid(pid, 0);
  return exitCodeOf(r.status);
}
