// wait and jobs. `wait` with no operands waits for every job; a trapped signal interrupts it
// (status 128+sig). `jobs` prints busybox's "[n]+  Status" lines and forgets finished jobs.
import { strsignal } from '../exec/fork.js';
import { dropDone, findJob, reapJobs, waitJob } from '../exec/jobs.js';
import type { Job } from '../state.js';
import type { Builtin } from './types.js';

function statusText(j: Job): string {
  if (j.running.size) return 'Running';
  const s = j.status ?? 0;
  if (s > 128) return strsignal(s - 128);
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
    out += `[${j.id}]+  ${pid}${statusText(j).padEnd(27 - pid.length)}\n`;
  }
  await ctx.out.write(out);
  dropDone(ctx);
  return 0;
};
