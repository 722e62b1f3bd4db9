// cgroup v2 behaviour through /sys/fs/cgroup: mkdir/rmdir, cgroup.procs, subtree_control
// rules, the pids and memory controllers (with the OOM killer) and the freezer.
import { describe, expect, it } from 'vitest';
import { AT_FDCWD, Errno, SIG, WIFSIGNALED, WTERMSIG, type Sys } from '../../abi/index.js';
import { CG, MiB, bootCgroupMachine, keyed, mkcg, must, put, readFile, writeFile } from './testing.js';

/** Forks a child of the driver running `program`; `exited()` reaps it and gives its wait status. */
async function start(driver: Sys, program: (sys: Sys) => Promise<number>): Promise<{ pid: number; exited: () => Promise<number> }> {
  const pid = must(await driver.clone(0, program), 'clone');
  return { pid, exited: async () => must(await driver.wait4(pid, 0), 'wait4').status };
}

async function ls(sys: Sys, path: string): Promise<string[]> {
  const fd = must(await sys.openat(AT_FDCWD, path, 0o200000));
  const names: string[] = [];
  for (;;) {
    const ents = must(await sys.getdents64(fd));
    if (ents.length === 0) break;
    for (const e of ents) if (e.name !== '.' && e.name !== '..') names.push(e.name);
  }
  await sys.close(fd);
  return names.sort();
}

describe('the tree', () => {
  it('root lists core files and controllers; a child has files only for enabled controllers', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      expect(await readFile(sys, `${CG}/cgroup.controllers`)).toBe('cpuset cpu io memory pids\n');
      expect(await readFile(sys, `${CG}/cgroup.subtree_control`)).toBe('\n');
      await mkcg(sys, '/c');
      let names = await ls(sys, `${CG}/c`);
      expect(names).toContain('cgroup.procs');
      expect(names).toContain('cgroup.events');
      expect(names).not.toContain('memory.max');
      expect(await sys.openat(AT_FDCWD, `${CG}/c/memory.max`, 0)).toEqual({ ok: false, errno: Errno.ENOENT });
      await put(sys, '/cgroup.subtree_control', '+memory +pids');
      expect(await readFile(sys, `${CG}/cgroup.subtree_control`)).toBe('memory pids\n');
      expect(await readFile(sys, `${CG}/c/cgroup.controllers`)).toBe('memory pids\n');
      names = await ls(sys, `${CG}/c`);
      expect(names).toEqual(expect.arrayContaining(['memory.max', 'memory.current', 'memory.events', 'pids.max', 'pids.current']));
      expect(names).not.toContain('cpu.weight');
      expect(await readFile(sys, `${CG}/c/memory.max`)).toBe('max\n');
      expect(await writeFile(sys, `${CG}/cgroup.subtree_control`, '+bogus')).toEqual({ ok: false, errno: Errno.EINVAL });
      expect(await writeFile(sys, `${CG}/c/cgroup.subtree_control`, '+cpu')).toEqual({ ok: false, errno: Errno.ENOENT });
    });
  });

  it('children inherit: cpuset.cpus.effective follows the parent; a disabled controller resets its settings', async () => {
    const m = await bootCgroupMachine({ ncpus: 4 });
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+cpuset +cpu');
      await mkcg(sys, '/p');
      await put(sys, '/p/cpuset.cpus', '1-2');
      await put(sys, '/p/cgroup.subtree_control', '+cpuset');
      await mkcg(sys, '/p/q');
      expect(await readFile(sys, `${CG}/p/q/cpuset.cpus.effective`)).toBe('1-2\n');
      await put(sys, '/p/q/cpuset.cpus', '2-3');
      expect(await readFile(sys, `${CG}/p/q/cpuset.cpus.effective`)).toBe('2\n');
      await put(sys, '/p/cpu.weight', '50');
      expect(await writeFile(sys, `${CG}/cgroup.subtree_control`, '-cpuset')).toEqual({ ok: false, errno: Errno.EBUSY });
      await put(sys, '/cgroup.subtree_control', '-cpu');
      await put(sys, '/cgroup.subtree_control', '+cpu');
      expect(await readFile(sys, `${CG}/p/cpu.weight`)).toBe('100\n');
    });
  });

  it('mkdir and rmdir create and remove cgroups; rmdir of a populated cgroup is EBUSY', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await mkcg(sys, '/a');
      expect(await sys.mkdirat(AT_FDCWD, `${CG}/a`, 0o755)).toEqual({ ok: false, errno: Errno.EEXIST });
      await mkcg(sys, '/a/b');
      expect(await sys.unlinkat(AT_FDCWD, `${CG}/a`, 0x200)).toEqual({ ok: false, errno: Errno.EBUSY });
      const p = await start(sys, async (sys) => { await sys.nanosleep(1e12); return 0; });
      await put(sys, '/a/b/cgroup.procs', String(p.pid));
      expect(await readFile(sys, `${CG}/a/b/cgroup.procs`)).toBe(`${p.pid}\n`);
      expect(keyed(await readFile(sys, `${CG}/a/b/cgroup.events`))).toEqual({ populated: 1, frozen: 0 });
      expect(keyed(await readFile(sys, `${CG}/a/cgroup.events`)).populated).toBe(1);
      expect(await sys.unlinkat(AT_FDCWD, `${CG}/a/b`, 0x200)).toEqual({ ok: false, errno: Errno.EBUSY });
      expect(await readFile(sys, `/sys/fs/cgroup/a/cgroup.stat`)).toBe('nr_descendants 1\nnr_dying_descendants 0\n');
      await sys.kill(p.pid, SIG.KILL);
      await p.exited();
      must(await sys.unlinkat(AT_FDCWD, `${CG}/a/b`, 0x200), 'rmdir b');
      must(await sys.unlinkat(AT_FDCWD, `${CG}/a`, 0x200), 'rmdir a');
      expect(await ls(sys, CG)).not.toContain('a');
    });
  });

  it('cgroup.procs moves a process (PID in the writer namespace); bad PIDs fail', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await mkcg(sys, '/x');
      const p = await start(sys, async (sys) => { await sys.nanosleep(1e12); return 0; });
      expect(await writeFile(sys, `${CG}/x/cgroup.procs`, 'abc')).toEqual({ ok: false, errno: Errno.EINVAL });
      expect(await writeFile(sys, `${CG}/x/cgroup.procs`, '99999')).toEqual({ ok: false, errno: Errno.ESRCH });
      await put(sys, '/x/cgroup.procs', `${p.pid}\n`);
      expect(m.cgroups.cgroupOf(m.kernel.processes.get(p.pid)!).path).toBe('/x');
      expect(await readFile(sys, `${CG}/cgroup.procs`)).not.toContain(`${p.pid}\n`);
      // A child forked in /x starts in /x.
      let seen = '';
      let pids: number[] = [];
      const q = await start(sys, async (sys) => {
        must(await writeFile(sys, `${CG}/x/cgroup.procs`, '0'));
        const c = must(await sys.clone(0, async (s) => { await s.nanosleep(1e9); return 0; }));
        seen = await readFile(sys, `${CG}/x/cgroup.procs`);
        pids = [must(await sys.getpid()), c];
        await sys.wait4(c, 0);
        return 0;
      });
      await q.exited();
      expect(seen).toBe([p.pid, ...pids].sort((a, b) => a - b).map((n) => `${n}\n`).join(''));
    });
  });

  it('no internal processes: a cgroup with controllers in subtree_control takes no processes, and vice versa', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+pids');
      await mkcg(sys, '/inner');
      await put(sys, '/inner/cgroup.subtree_control', '+pids');
      const p = await start(sys, async (sys) => { await sys.nanosleep(1e12); return 0; });
      expect(await writeFile(sys, `${CG}/inner/cgroup.procs`, String(p.pid))).toEqual({ ok: false, errno: Errno.EBUSY });
      await mkcg(sys, '/leaf');
      await put(sys, '/leaf/cgroup.procs', String(p.pid));
      expect(await writeFile(sys, `${CG}/leaf/cgroup.subtree_control`, '+pids')).toEqual({ ok: false, errno: Errno.EBUSY });
    });
  });
});

describe('pids', () => {
  it('pids.max 10: a fork loop never exceeds 10 processes and clone fails with EAGAIN', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+pids');
      await mkcg(sys, '/lim');
      await put(sys, '/lim/pids.max', '10');
      let failure = 0;
      let forked = 0;
      let maxSeen = 0;
      const p = await start(sys, async (sys) => {
        must(await writeFile(sys, `${CG}/lim/cgroup.procs`, '0'));
        for (let i = 0; i < 50; i++) {
          const r = await sys.clone(0, async (s) => { await s.nanosleep(1e12); return 0; });
          maxSeen = Math.max(maxSeen, m.cgroups.lookup('/lim')!.liveProcs().length);
          if (!r.ok) { failure = r.errno; break; }
          forked++;
        }
        return 0;
      });
      await p.exited();
      expect(failure).toBe(Errno.EAGAIN);
      expect(forked).toBe(9);
      expect(maxSeen).toBe(10);
      expect(await readFile(sys, `${CG}/lim/pids.current`)).toBe('9\n'); // the parent was reaped by host init
      expect(keyed(await readFile(sys, `${CG}/lim/pids.events`)).max).toBe(1);
      expect(await readFile(sys, `${CG}/lim/pids.peak`)).toBe('10\n');
      expect(await writeFile(sys, `${CG}/lim/pids.max`, '-1')).toEqual({ ok: false, errno: Errno.EINVAL });
      m.cgroups.kill(m.cgroups.lookup('/lim')!);
    });
  });
});

describe('memory', () => {
  it('memory.max 32M: a process mapping 64M is OOM-killed; a process outside lives', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+memory');
      await mkcg(sys, '/box');
      await put(sys, '/box/memory.max', '32M');
      expect(await readFile(sys, `${CG}/box/memory.max`)).toBe(`${32 * MiB}\n`);
      let outsideOk = false;
      const outside = await start(sys, async (sys) => {
        outsideOk = (await sys.mmap(64 * MiB)).ok;
        await sys.nanosleep(1e9);
        return 0;
      });
      const hog = await start(sys, async (sys) => {
        must(await writeFile(sys, `${CG}/box/cgroup.procs`, '0'));
        for (let i = 0; i < 8; i++) await sys.mmap(8 * MiB);
        return 0;
      });
      const status = await hog.exited();
      expect(WIFSIGNALED(status) && WTERMSIG(status)).toBe(SIG.KILL);
      expect(await outside.exited()).toBe(0);
      expect(outsideOk).toBe(true);
      const ev = keyed(await readFile(sys, `${CG}/box/memory.events`));
      expect(ev).toMatchObject({ max: 1, oom: 1, oom_kill: 1 });
      expect(Number(await readFile(sys, `${CG}/box/memory.peak`))).toBeLessThanOrEqual(32 * MiB);
      expect(Number(await readFile(sys, `${CG}/box/memory.peak`))).toBeGreaterThanOrEqual(24 * MiB);
      expect(await readFile(sys, `${CG}/box/memory.current`)).toBe('0\n');
    });
  });

  it('the OOM killer picks the largest process in the cgroup, not necessarily the caller', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+memory');
      await mkcg(sys, '/box');
      await put(sys, '/box/memory.max', '32M');
      const big = await start(sys, async (sys) => {
        must(await writeFile(sys, `${CG}/box/cgroup.procs`, '0'));
        must(await sys.mmap(24 * MiB));
        await sys.nanosleep(1e12);
        return 0;
      });
      let got: boolean | undefined;
      const small = await start(sys, async (sys) => {
        await sys.nanosleep(1e6);
        must(await writeFile(sys, `${CG}/box/cgroup.procs`, '0'));
        got = (await sys.mmap(16 * MiB)).ok;
        await sys.nanosleep(1e9);
        return 0;
      });
      expect(WTERMSIG(await big.exited())).toBe(SIG.KILL);
      expect(got).toBe(true);
      expect(await readFile(sys, `${CG}/box/memory.current`)).toBe(`${16 * MiB}\n`);
      expect(await small.exited()).toBe(0);
      expect(await readFile(sys, `${CG}/box/memory.current`)).toBe('0\n');
    });
  });

  it('a parent limit applies to its subtree; the OOM is counted where the limit was hit, the kill in the victim\'s cgroup', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+memory');
      await mkcg(sys, '/p');
      await put(sys, '/p/memory.max', '32M');
      await put(sys, '/p/cgroup.subtree_control', '+memory');
      await mkcg(sys, '/p/c');
      const hog = await start(sys, async (sys) => {
        must(await writeFile(sys, `${CG}/p/c/cgroup.procs`, '0'));
        await sys.mmap(40 * MiB);
        await sys.nanosleep(1e9);
        return 0;
      });
      expect(WTERMSIG(await hog.exited())).toBe(SIG.KILL);
      // Linux: MEMCG_OOM on the memcg over its limit, MEMCG_OOM_KILL on the victim's (events are hierarchical).
      expect(keyed(await readFile(sys, `${CG}/p/memory.events.local`))).toMatchObject({ max: 1, oom: 1, oom_kill: 0 });
      expect(keyed(await readFile(sys, `${CG}/p/memory.events`))).toMatchObject({ max: 1, oom: 1, oom_kill: 1 });
      expect(keyed(await readFile(sys, `${CG}/p/c/memory.events.local`))).toMatchObject({ max: 0, oom: 0, oom_kill: 1 });
      expect(keyed(await readFile(sys, `${CG}/p/c/memory.events`)).oom_kill).toBe(1);
    });
  });

  it('memory.high counts high events; bad sizes are EINVAL; sizes round down to pages', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+memory');
      await mkcg(sys, '/box');
      await put(sys, '/box/memory.high', '1M');
      expect(await writeFile(sys, `${CG}/box/memory.max`, '12Q')).toEqual({ ok: false, errno: Errno.EINVAL });
      await put(sys, '/box/memory.max', '10000');
      expect(await readFile(sys, `${CG}/box/memory.max`)).toBe('8192\n');
      await put(sys, '/box/memory.max', 'max');
      const p = await start(sys, async (sys) => {
        must(await writeFile(sys, `${CG}/box/cgroup.procs`, '0'));
        must(await sys.mmap(2 * MiB));
        return 0;
      });
      await p.exited();
      expect(keyed(await readFile(sys, `${CG}/box/memory.events`)).high).toBe(1);
      expect(keyed(await readFile(sys, `${CG}/box/memory.stat`))).toHaveProperty('anon');
    });
  });
});

describe('freezer', () => {
  it('cgroup.freeze stops a busy process and thaws it; cgroup.events shows frozen', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await mkcg(sys, '/f');
      let steps = 0;
      const p = await start(sys, async (sys) => { for (;;) { await sys.spin(1e6); steps++; } });
      await put(sys, '/f/cgroup.procs', String(p.pid));
      must(await sys.nanosleep(10e6));
      await put(sys, '/f/cgroup.freeze', '1');
      expect(keyed(await readFile(sys, `${CG}/f/cgroup.events`)).frozen).toBe(1);
      const atFreeze = steps;
      must(await sys.nanosleep(100e6));
      expect(steps - atFreeze).toBeLessThanOrEqual(1);
      await put(sys, '/f/cgroup.freeze', '0');
      must(await sys.nanosleep(100e6));
      expect(steps - atFreeze).toBeGreaterThan(90);
      expect(await writeFile(sys, `${CG}/f/cgroup.freeze`, '2')).toEqual({ ok: false, errno: Errno.EINVAL });
      await put(sys, '/f/cgroup.kill', '1');
      expect(WTERMSIG(await p.exited())).toBe(SIG.KILL);
    });
  });
});
