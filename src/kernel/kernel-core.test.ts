// Process, scheduling and signal behaviour of the kernel core, driven through `sys` only.
import { describe, expect, it } from 'vitest';
import {
  CLONE, Errno, SIG, WNOHANG, WEXITSTATUS, WIFEXITED, WIFSIGNALED, WTERMSIG, type Sys, type SysResult,
} from '../abi/index.js';
import { Kernel } from './kernel.js';
import { virtualHostTimer } from '../boot/host-timer.js';
import { vfs } from './vfs/index.js';

function boot(ncpus = 2): Kernel {
  return new Kernel({
    host: virtualHostTimer(),
    ncpus,
    vfs,
  });
}

function v<T>(r: SysResult<T>): T {
  if (!r.ok) throw new Error(`errno ${r.errno}`);
  return r.value;
}

async function run(kernel: Kernel, program: (sys: Sys) => Promise<number>): Promise<number> {
  return kernel.spawn({ program: (_a, _e, sys) => program(sys), argv: ['test'] }).exited;
}

describe('processes', () => {
  it('clone runs the child; wait4 reaps it with its exit status', async () => {
    const k = boot();
    let seen: { pid: number; status: number } | undefined;
    await run(k, async (sys) => {
      const child = v(await sys.clone(0, async () => 3));
      seen = v(await sys.wait4(child, 0));
      expect(seen.pid).toBe(child);
      return 0;
    });
    expect(WIFEXITED(seen!.status)).toBe(true);
    expect(WEXITSTATUS(seen!.status)).toBe(3);
  });

  it('wait4 without children fails with ECHILD; WNOHANG returns pid 0', async () => {
    const k = boot();
    const results: unknown[] = [];
    await run(k, async (sys) => {
      results.push(await sys.wait4(-1, 0));
      const c = v(await sys.clone(0, async (s) => { await s.nanosleep(1e9); return 0; }));
      results.push(await sys.wait4(c, WNOHANG));
      results.push((await sys.wait4(c, 0)).ok);
      return 0;
    });
    expect(results).toEqual([{ ok: false, errno: Errno.ECHILD }, { ok: true, value: { pid: 0, status: 0 } }, true]);
  });

  it('an orphan is re-parented to the init of its PID namespace', async () => {
    const k = boot();
    const ppids: number[] = [];
    await run(k, async (sys) => {
      const init = v(await sys.clone(CLONE.NEWPID, async (s1) => {
        ppids.push(v(await s1.getpid()), v(await s1.getppid()));
        await s1.clone(0, async (s2) => {
          await s2.clone(0, async (s3) => {
            await s3.nanosleep(1e6);
            ppids.push(v(await s3.getppid()));
            return 0;
          });
          return 0; // exits at once: its child is orphaned
        });
        await s1.nanosleep(1e9);
        while ((await s1.wait4(-1, WNOHANG)).ok) { /* reap */ }
        return 0;
      }));
      await sys.wait4(init, 0);
      return 0;
    });
    expect(ppids).toEqual([1, 0, 1]);
  });

  it('when a PID namespace init dies, the rest of the namespace is killed', async () => {
    const k = boot();
    let grandchildHost = 0;
    await run(k, async (sys) => {
      const init = v(await sys.clone(CLONE.NEWPID, async (s1) => {
        await s1.clone(0, async (s2) => { await s2.nanosleep(100e9); return 0; });
        return 0;
      }));
      await sys.wait4(init, 0);
      grandchildHost = [...k.processes.values()].filter((p) => p.comm === 'test').length;
      return 0;
    });
    expect(grandchildHost).toBe(1); // only the test process itself was left
  });
});

describe('signals', () => {
  it('SIGTERM kills by default; a handler catches it and interrupts a sleep with EINTR', async () => {
    const k = boot();
    const out: unknown[] = [];
    await run(k, async (sys) => {
      const victim = v(await sys.clone(0, async (s) => { await s.nanosleep(10e9); return 0; }));
      await sys.nanosleep(1e6);
      await sys.kill(victim, SIG.TERM);
      const st = v(await sys.wait4(victim, 0)).status;
      out.push(WIFSIGNALED(st), WTERMSIG(st));
      let caught = 0;
      const catcher = v(await sys.clone(0, async (s) => {
        await s.sigaction(SIG.TERM, () => { caught++; });
        const r = await s.nanosleep(10e9);
        return r.ok ? 1 : r.errno === Errno.EINTR && caught === 1 ? 42 : 2;
      }));
      await sys.nanosleep(1e6);
      await sys.kill(catcher, SIG.TERM);
      out.push(WEXITSTATUS(v(await sys.wait4(catcher, 0)).status));
      return 0;
    });
    expect(out).toEqual([true, SIG.TERM, 42]);
  });

  it('PID 1 of a namespace ignores SIGTERM without a handler but not SIGKILL from outside', async () => {
    const k = boot();
    const out: unknown[] = [];
    await run(k, async (sys) => {
      const init = v(await sys.clone(CLONE.NEWPID, async (s) => {
        await s.kill(1, SIG.TERM); // from inside: ignored
        await s.nanosleep(10e9);
        return 7;
      }));
      await sys.nanosleep(1e6);
      await sys.kill(init, SIG.TERM);
      out.push(v(await sys.wait4(init, WNOHANG)).pid); // still running: nothing to reap
      await sys.kill(init, SIG.KILL);
      out.push(WTERMSIG(v(await sys.wait4(init, 0)).status));
      return 0;
    });
    expect(out).toEqual([0, SIG.KILL]);
  });

  it('SIGSTOP stops a busy process and SIGCONT resumes it', async () => {
    const k = boot(1);
    let progress = 0;
    await run(k, async (sys) => {
      const busy = v(await sys.clone(0, async (s) => { for (;;) { await s.spin(1e6); progress++; } }));
      await sys.nanosleep(10e6);
      await sys.kill(busy, SIG.STOP);
      const atStop = progress;
      await sys.nanosleep(10e6);
      expect(progress).toBe(atStop);
      await sys.kill(busy, SIG.CONT);
      await sys.nanosleep(10e6);
      expect(progress).toBeGreaterThan(atStop);
      await sys.kill(busy, SIG.KILL);
      await sys.wait4(busy, 0);
      return 0;
    });
  });
});

describe('scheduler', () => {
  it('two busy processes on one CPU each get half of it; one on two CPUs gets one CPU', async () => {
    const k = boot(1);
    const counts = [0, 0];
    await run(k, async (sys) => {
      const pids = [];
      for (const i of [0, 1]) pids.push(v(await sys.clone(0, async (s) => { for (;;) { await s.spin(1e6); counts[i]++; } })));
      await sys.nanosleep(1e9);
      for (const p of pids) await sys.kill(p, SIG.KILL);
      return 0;
    });
    expect(Math.abs(counts[0] - 500)).toBeLessThanOrEqual(5);
    expect(Math.abs(counts[1] - 500)).toBeLessThanOrEqual(5);
  });

  it('a virtual-clock run is deterministic: the same program gives the same trace twice', async () => {
    const traceOf = async () => {
      const k = boot();
      const lines: string[] = [];
      k.trace = (e) => lines.push(`${e.startNs} ${e.pid} ${e.name} ${JSON.stringify(e.result)}`);
      await run(k, async (sys) => {
        const kids = [];
        for (let i = 0; i < 3; i++) kids.push(v(await sys.clone(0, async (s) => { await s.spin(1e6 * (i + 1)); await s.nanosleep(1e6); return i; })));
        for (const c of kids) await sys.wait4(c, 0);
        return 0;
      });
      return lines;
    };
    const a = await traceOf();
    expect(a.length).toBeGreaterThan(10);
    expect(await traceOf()).toEqual(a);
  });
});
