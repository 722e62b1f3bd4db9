// docker-init: the minimal init `docker run --init` puts in front of the command (Docker ships
// tini under this name). As PID 1 it runs the command as its child in a process group of its
// own (the terminal's foreground group when there is one), passes on every signal it gets,
// reaps every zombie the container's processes leave to it, and exits with the command's
// status (128+n when a signal n killed it).
import {
  Errno, IOCTL, SIG, WEXITSTATUS, WIFSIGNALED, WTERMSIG, strerror, type Program, type Sys,
} from '../../abi/index.js';
import { Libc } from '../libc/index.js';

/** Signals that are not passed on: SIGCHLD wakes the reaper; SIGKILL/SIGSTOP cannot be caught. */
const NOT_FORWARDED = new Set<number>([SIG.CHLD, SIG.KILL, SIG.STOP, SIG.TTIN, SIG.TTOU]);

/** The highest signal number forwarded (the standard signals). */
const LAST_SIGNAL = 31;

function usage(name: string): string {
  return `${name} (tini version 0.19.0)\nUsage: ${name} [OPTIONS] PROGRAM -- [ARGS] | --version\n\n`
    + `Execute a program under the supervision of a valid init process (${name})\n\n`;
}

/** The command after the options: everything after `--`, or from the first non-option word. */
function commandOf(args: string[]): string[] {
  const dashes = args.indexOf('--');
  if (dashes >= 0) return args.slice(dashes + 1);
  const first = args.findIndex((a) => !a.startsWith('-'));
  return first < 0 ? [] : args.slice(first);
}

/** The child: its own process group, the terminal's foreground if it has one, then the command. */
async function runCommand(sys: Sys, command: string[], envp: string[]): Promise<number> {
  const libc = new Libc(sys);
  await sys.setpgid(0, 0);
  const pgid = await sys.getpgid(0);
  if (pgid.ok) await sys.ioctl(0, IOCTL.TIOCSPGRP, pgid.value); // ENOTTY without a terminal: fine
  const err = await libc.execvp(command[0], command, envp);
  const pid = await sys.getpid();
  await libc.writeAll(2, `[FATAL tini (${pid.ok ? pid.value : 0})] exec ${command[0]} failed: ${strerror(err.errno)}\n`);
  return err.errno === Errno.ENOENT ? 127 : err.errno === Errno.EACCES ? 126 : 1;
}

/** /sbin/docker-init [OPTIONS] [--] PROGRAM [ARGS...] */
export const dockerInit: Program = async (argv, envp, sys) => {
  const libc = new Libc(sys);
  const name = (argv[0] ?? 'docker-init').split('/').pop()!;
  if (argv.length === 2 && argv[1] === '--version') {
    await libc.writeAll(1, 'tini version 0.19.0\n');
    return 0;
  }
  const command = commandOf(argv.slice(1));
  if (command.length === 0) {
    await libc.writeAll(2, usage(name));
    return 1;
  }
  // Caught signals wake the wait below (no SA_RESTART) and are passed on to the command.
  const pending: number[] = [];
  for (let sig = 1; sig <= LAST_SIGNAL; sig++) {
    if (NOT_FORWARDED.has(sig)) continue;
    await sys.sigaction(sig, (s) => { pending.push(s); }, { restart: false });
  }
  await sys.sigaction(SIG.TTIN, 'ignore');
  await sys.sigaction(SIG.TTOU, 'ignore');
  const child = await sys.clone(0, (csys) => runCommand(csys, command, envp));
  if (!child.ok) {
    await libc.writeAll(2, `[FATAL tini (1)] fork failed: ${strerror(child.errno)}\n`);
    return 1;
  }
  for (;;) {
    while (pending.length > 0) await sys.kill(child.value, pending.shift()!);
    const r = await sys.wait4(-1, 0);
    if (!r.ok) {
      if (r.errno === Errno.EINTR) continue;
      return 1; // ECHILD: nothing left to wait for, which cannot happen before the command exits
    }
    if (r.value.pid !== child.value) continue; // an orphan reaped
    const status = r.value.status;
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
  }
};
