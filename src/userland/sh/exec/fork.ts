// Child processes of the shell: forkShell runs a body in a forked child through the shell's
// exit path (EXIT trap, flushing, status & 0xff); waitFor reaps a foreground child.
import { Errno, WCOREDUMP, WIFSIGNALED, WTERMSIG, exitCodeOf } from '../../../abi/index.js';
import type { Ctx } from './context.js';
import { statusOfThrow, finishShell } from './shell-exit.js';

/** Forks a child shell running `body`; returns its pid. */
export async function forkShell(ctx: Ctx, body: (child: Ctx) => Promise<number>, flags = 0): Promise<number> {
  return ctx.fork(async (c) => {
    let status: number;
    try {
      status = await body(c);
    } catch (e) {
      status = await statusOfThrow(c, e);
    }
    return finishShell(c, status);
  }, flags);
}

const SIGNAL_TEXT = ['', 'Hangup', 'Interrupt', 'Quit', 'Illegal instruction', 'Trace/breakpoint trap', 'Aborted',
  'Bus error', 'Floating point exception', 'Killed', 'User defined signal 1', 'Segmentation fault',
  'User defined signal 2', 'Broken pipe', 'Alarm clock', 'Terminated', 'Stack fault', 'Child exited', 'Continued',
  'Stopped (signal)', 'Stopped', 'Stopped (tty input)', 'Stopped (tty output)', 'Urgent I/O condition',
  'CPU time limit exceeded', 'File size limit exceeded', 'Virtual timer expired', 'Profiling timer expired',
  'Window changed', 'I/O possible', 'Power failure', 'Bad system call'];

/** strsignal(3) text, as the C library prints it. */
export function strsignal(sig: number): string {
  return SIGNAL_TEXT[sig] ?? (sig >= 34 && sig <= 64 ? `RT${sig - 34}` : `Unknown signal ${sig}`);
}

/**
 * Prints "Killed", "Terminated"… for a child killed by a signal other than SIGINT/SIGPIPE, as
 * ash does; an interactive shell ends the "^C" line the terminal echoed with a newline.
 */
export async function reportSignal(ctx: Ctx, status: number): Promise<void> {
  if (!WIFSIGNALED(status)) return;
  const sig = WTERMSIG(status);
  if (sig === 2 && ctx.st.interactive && ctx.st.mode === 'stdin') {
    await ctx.flushOut();
    await ctx.err.write('\n');
    return;
  }
  if (sig === 2 || sig === 13) return;
  await ctx.flushOut();
  await ctx.err.write(`${strsignal(sig)}${WCOREDUMP(status) ? ' (core dumped)' : ''}\n`);
}

/** Waits for a foreground child (retrying on EINTR); returns its shell status (128+sig if killed). */
export async function waitFor(ctx: Ctx, pid: number, report = true): Promise<number> {
  for (;;) {
    const r = await ctx.sys.wait4(pid, 0);
    if (r.ok) {
      if (report) await reportSignal(ctx, r.value.status);
      return exitCodeOf(r.value.status);
    }
    if (r.errno !== Errno.EINTR) return 127;
  }
}
