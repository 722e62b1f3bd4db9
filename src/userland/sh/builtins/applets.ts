// Builtins that are busybox applets run in-process (echo, printf, test/[, kill): the applet
// gets the shell's streams; its `name: ` message prefix becomes `sh: ` as in busybox ash.
import type { Applet } from '../../applet.js';
import { OutStream } from '../../libc/stdio.js';
import { DieError } from '../../applets/lib/report.js';
import { echo } from '../../applets/echo.js';
import { printf } from '../../applets/printf.js';
import { test } from '../../applets/test.js';
import { kill } from '../../applets/kill.js';
import type { Ctx } from '../exec/context.js';
import { findJob } from '../exec/jobs.js';
import type { Builtin } from './types.js';

/** stderr for an in-process applet: rewrites its `applet: ` prefix to the shell's name. */
class RenamedErr extends OutStream {
  constructor(private readonly ctx: Ctx, private readonly from: string, private readonly to: string) {
    super(ctx.sys, 2, false);
  }

  override async write(data: string | Uint8Array): Promise<void> {
    let text = typeof data === 'string' ? data : new TextDecoder().decode(data);
    if (text.startsWith(`${this.from}: `)) text = `${this.to}: ${text.slice(this.from.length + 2)}`;
    await this.ctx.err.write(text);
  }
}

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1) || p;

/** Wraps an applet as a builtin. */
export function appletBuiltin(applet: Applet): Builtin {
  return async (ctx, argv) => {
    const err = new RenamedErr(ctx, base(argv[0]), base(ctx.st.arg0));
    try {
      return await applet({ argv, envp: ctx.st.environ(), sys: ctx.sys, libc: ctx.libc, out: ctx.out, err });
    } catch (e) {
      if (!(e instanceof DieError)) throw e;
      await ctx.flushOut();
      await err.write(`${base(argv[0])}: ${e.message}\n`);
      return e.status;
    }
  };
}

export const echoBuiltin = appletBuiltin(echo);
export const printfBuiltin = appletBuiltin(printf);
export const testBuiltin = appletBuiltin(test);
const killApplet = appletBuiltin(kill);

/** kill: like the applet, but `%job` names the job's processes. */
export const killBuiltin: Builtin = async (ctx, argv) => {
  const out: string[] = [];
  for (const a of argv) {
    if (a.startsWith('%') && out.length) {
      const job = findJob(ctx, a);
      if (!job) { await ctx.msg(`${a}: no such job`); return 1; }
      out.push(...job.pids.map(String));
    } else out.push(a);
  }
  return killApplet(ctx, out);
};
