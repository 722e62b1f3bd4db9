// Background jobs: the job table, reaping finished jobs without blocking, `%n` job specs,
// and waiting for jobs (the `wait` builtin), which a trapped signal interrupts.
import { Errno, WNOHANG, exitCodeOf } from '../../../abi/index.js';
import type { Command } from '../ast.js';
import type { Job } from '../state.js';
import type { Ctx } from './context.js';
import { unparse } from './unparse.js';
import { reportSignal } from './fork.js';

/** Records a background job. */
export function addJob(ctx: Ctx, pids: number[], body: Command): Job {
  const jobs = ctx.st.jobs;
  const id = jobs.length ? Math.max(...jobs.map((j) => j.id)) + 1 : 1;
  const job: Job = { id, pids, pgid: pids[0], command: unparse(body), running: new Set(pids) };
  jobs.push(job);
  return job;
}

function record(ctx: Ctx, pid: number, status: number): void {
  for (const j of ctx.st.jobs) {
    if (j.running.delete(pid) && pid === j.pids[j.pids.length - 1]) j.status = exitCodeOf(status);
    if (j.running.size === 0 && j.status === undefined) j.status = exitCodeOf(status);
  }
}

/** Reaps finished children without blocking, updating the job table. */
export async function reapJobs(ctx: Ctx): Promise<void> {
  if (!ctx.st.jobs.some((j) => j.running.size)) return;
  for (;;) {
    const r = await ctx.sys.wait4(-1, WNOHANG);
    if (!r.ok || r.value.pid === 0) return;
    record(ctx, r.value.pid, r.value.status);
  }
}

/** Finds a job by spec (`%1`, `%%`, `%+`, `%-`, `%name`) or by pid. */
export function findJob(ctx: Ctx, spec: string): Job | undefined {
  const jobs = ctx.st.jobs;
  if (spec.startsWith('%')) {
    const s = spec.slice(1);
    if (s === '' || s === '%' || s === '+') return jobs[jobs.length - 1];
    if (s === '-') return jobs[jobs.length - 2];
    if (/^\d+$/.test(s)) return jobs.find((j) => j.id === Number(s));
    return jobs.find((j) => j.command.startsWith(s));
  }
  const pid = Number(spec);
  return jobs.find((j) => j.pids.includes(pid));
}

/**
 * Waits until `job` finishes. Returns its status, or 128+sig if a trapped signal arrived
 * first (the caller runs the trap).
 */
export async function waitJob(ctx: Ctx, job: Job): Promise<number> {
  while (job.running.size) {
    const pid = [...job.running][0];
    const r = await ctx.sys.wait4(pid, 0);
    if (r.ok) {
      record(ctx, r.value.pid, r.value.status);
      if (r.value.pid === job.pids[job.pids.length - 1]) await reportSignal(ctx, r.value.status);
      continue;
    }
    if (r.errno === Errno.EINTR) {
      if (ctx.pending.length) return 128 + ctx.pending[0];
      continue;
    }
    job.running.delete(pid);
    job.status ??= 127;
  }
  return job.status ?? 0;
}

/** Forgets finished jobs (after `wait` or `jobs` reported them). */
export function dropDone(ctx: Ctx): void {
  ctx.st.jobs = ctx.st.jobs.filter((j) => j.running.size > 0);
}
