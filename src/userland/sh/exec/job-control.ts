// Interactive signals and job control, as busybox ash does them: an interactive shell catches
// SIGINT (a ^C abandons the line being read) and ignores SIGQUIT and SIGTERM; on a controlling
// terminal it also ignores SIGTSTP/SIGTTIN/SIGTTOU, leads its own process group, and runs each
// job in a process group of its own made the terminal's foreground group while it runs.
import { F, IOCTL, O, SIG, SIG_DFL, SIG_IGN } from '../../../abi/index.js';
import type { Ctx } from './context.js';
import { forkShell } from './fork.js';

/** Signals an interactive shell handles itself; its children get them back at default. */
export const INTERACTIVE_SIGNALS = [SIG.INT, SIG.QUIT, SIG.TERM, SIG.TSTP, SIG.TTIN, SIG.TTOU];

/** Where ash keeps its terminal fd: at or above this. */
const TTY_FD_MIN = 10;

/** Installs the interactive shell's signal handling (SIGINT sets ctx.interrupted). */
export async function setInteractiveSignals(ctx: Ctx): Promise<void> {
  await ctx.sys.sigaction(SIG.INT, () => { ctx.interrupted = true; }, { restart: false });
  await ctx.sys.sigaction(SIG.QUIT, SIG_IGN);
  await ctx.sys.sigaction(SIG.TERM, SIG_IGN);
}

/**
 * Turns job control on if the shell has a controlling terminal (/dev/tty, else stderr if it is
 * one) whose foreground group it can take; otherwise prints ash's "can't access tty; job
 * control turned off" and carries on without.
 */
export async function setJobControl(ctx: Ctx): Promise<void> {
  const sys = ctx.sys;
  let fd = -1;
  const opened = await sys.openat(-100, '/dev/tty', O.RDWR, 0);
  if (opened.ok) fd = opened.value;
  else if ((await sys.ioctl(2, IOCTL.TCGETS)).ok) {
    const d = await sys.fcntl(2, F.DUPFD, TTY_FD_MIN);
    if (d.ok) fd = d.value;
  }
  const off = async (): Promise<void> => {
    if (fd >= 0) await sys.close(fd);
    await ctx.err.write(`${ctx.st.arg0}: can't access tty; job control turned off\n`);
  };
  if (fd < 0) return off();
  if (fd < TTY_FD_MIN) {
    const moved = await sys.fcntl(fd, F.DUPFD_CLOEXEC, TTY_FD_MIN);
    await sys.close(fd);
    if (!moved.ok) return off();
    fd = moved.value;
  } else {
    await sys.fcntl(fd, F.SETFD, 1);
  }
  const me = await sys.getpid();
  const group = await sys.getpgid(0);
  const fg = await sys.ioctl(fd, IOCTL.TIOCGPGRP);
  if (!me.ok || !group.ok || !fg.ok) return off();
  if (fg.value !== group.value) {
    // A background job: ash stops itself with SIGTTIN until it is brought to the foreground.
    await sys.kill(0, SIG.TTIN);
    const again = await sys.ioctl(fd, IOCTL.TIOCGPGRP);
    if (!again.ok || again.value !== group.value) return off();
  }
  for (const sig of [SIG.TSTP, SIG.TTIN, SIG.TTOU]) await sys.sigaction(sig, SIG_IGN);
  await sys.setpgid(0, me.value); // fails (EPERM) for a session leader, which already leads its group
  const pgid = await sys.getpgid(0);
  if (!pgid.ok || !(await sys.ioctl(fd, IOCTL.TIOCSPGRP, pgid.value)).ok) return off();
  ctx.st.jobctl = { fd, pgid: pgid.value };
}

/**
 * Forks a job (a command, a pipeline stage, a subshell, a background list). With job control
 * the child joins process group `pgid` (0: its own) and, for a foreground job, takes the
 * terminal; without it this is a plain fork. Children of an interactive shell get the
 * interactive signals back at their defaults (unless trapped).
 */
export async function forkJob(ctx: Ctx, body: (child: Ctx) => Promise<number>, foreground: boolean, pgid = 0): Promise<number> {
  const jc = ctx.st.jobctl;
  const pid = await forkShell(ctx, async (c) => {
    if (jc) {
      await c.sys.setpgid(0, pgid);
      const mine = await c.sys.getpgid(0);
      if (foreground && mine.ok) {
        // Still in the background here: SIGTTOU is ignored for the call, as in ash (which
        // resets the signal only after taking the terminal).
        const old = await c.sys.sigaction(SIG.TTOU, SIG_IGN);
        await c.sys.ioctl(jc.fd, IOCTL.TIOCSPGRP, mine.value);
        if (old.ok) await c.sys.sigaction(SIG.TTOU, old.value);
      }
    }
    return body(c);
  });
  if (jc) await ctx.sys.setpgid(pid, pgid || pid); // both sides, so neither order races
  return pid;
}

/** After a foreground job: the shell's group takes the terminal back. */
export async function reclaimTerminal(ctx: Ctx): Promise<void> {
  const jc = ctx.st.jobctl;
  if (jc) await ctx.sys.ioctl(jc.fd, IOCTL.TIOCSPGRP, jc.pgid);
}

/** In a forked child of an interactive shell: the signals the shell handled go back to default. */
export async function resetInteractiveSignals(child: Ctx, trapped: ReadonlySet<number>): Promise<void> {
  for (const sig of INTERACTIVE_SIGNALS) if (!trapped.has(sig)) await child.sys.sigaction(sig, SIG_DFL);
}
