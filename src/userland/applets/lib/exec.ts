// Replacing the current program (execvp) from an applet, with busybox's failure message
// "can't execute 'X': strerror" and exit status 127 (not found) or 126.
import { Errno } from '../../../abi/index.js';
import type { AppletContext } from '../../applet.js';
import { errorMsg } from './report.js';

/** execvp(argv); returns the exit status to use if it failed (after printing the error). */
export async function execOrFail(ctx: AppletContext, argv: string[], envp = ctx.envp): Promise<number> {
  await ctx.out.flush();
  const err = await ctx.libc.execvp(argv[0], argv, envp);
  await errorMsg(ctx, `can't execute '${argv[0]}': ${err.message}`);
  return err.errno === Errno.ENOENT ? 127 : 126;
}

/** The shell to run when no program is given ($SHELL or /bin/sh). */
export function defaultShell(envp: string[]): string[] {
  const sh = envp.find((e) => e.startsWith('SHELL='))?.slice(6) || '/bin/sh';
  return [sh, '-i'];
}
