// wait and jobs. `wait` with no operands waits for every job; a trapped signal interrupts it
// (status 128+sig). `jobs` prints busybox's "[n]+  Status" lines and forgets finished jobs.
import { sigName } from '../../applets/lib/signals.js';
import { dropDone, findJob, reapJobs, waitJob } from '../exec/jobs.js';
import type { Job } from '../state.js';
import type { Builtin } from './types.js';

function statusText(j: Job): string {
  if (j.running.size) return 'Running';
  const s = j.status ?? 0;
  if (s > 128) {
    const n = s - 128;
    const names: Record<number, string> = { 1: 'Hangup', 2: 'Interrupt', 3: 'Quit', 9: 'Killed', 13: 'Broken pipe', 14: 'Alarm clock', 15: 'Terminated', 10: 'User defined signal 1', 12: 'User defined signal 2', 6: 'Aborted', 11: 'Segmentation fault' };
    return names[n] ?? `Signal ${sigName(n) ?? n}`;
  }
  return s === 0 ? 'Done' : `Done(${s})`;
}

export const waitBuiltin: Builtin = async (ctx, argv) => {
  const args = argv.slice(1);
  if (!args.length) {
    for (const j of [...ctx.st.jobs]) {
      const s = await waitJob(ctx, j);
      if (j.running.size) return s;
    }
    return 0;
  }
  let status = 127;
  for (const a of args) {
    const job = findJob(ctx, a);
    if (!job) { status = 127; continue; }
    status = await waitJob(ctx, job);
    if (job.running.size) return status;
    if (!a.startsWith('%')) ctx.st.jobs = ctx.st.jobs.filter((j) => j !== job);
  }
  return status;
};

export const jobsBuiltin: Builtin = async (ctx, argv) => {
  await reapJobs(ctx);
  const long = argv.includes('-l');
  let out = '';
  for (const j of [...ctx.st.jobs].reverse()) {
    const pid = long ? `${j.pids[0]} ` : '';
    out += `[${j.id}]+  ${pid}${statusText(j).padEnd(27 - pid.length)}${j.command}\n`;
  }
  await ctx.out.write(out);
  dropDone(ctx);
  return 0;
};
