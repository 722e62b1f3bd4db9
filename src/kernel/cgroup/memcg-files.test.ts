// File pages in the memory controller: data written to tmpfs is charged to the writer's
// cgroup (memory.current, memory.stat file/shmem) and to the machine, given back on truncate,
// unlink or the last close of a deleted file, kept by the parent when the cgroup is removed,
// and bounded by memory.max (the cgroup's OOM killer) and by the machine's total (global OOM).
import { describe, expect, it } from 'vitest';
import { AT_FDCWD, Errno, O, SIG, WIFSIGNALED, WTERMSIG, type Sys } from '../../abi/index.js';
import { CG, MiB, bootCgroupMachine, keyed, mkcg, must, put, readFile, writeFile } from './testing.js';

async function current(sys: Sys, cg: string): Promise<number> {
  return Number(await readFile(sys, `${CG}${cg}/memory.current`));
}

async function stat(sys: Sys, cg: string): Promise<Record<string, number>> {
  return keyed(await readFile(sys, `${CG}${cg}/memory.stat`));
}

/** Forks a child of the driver running `program`; `exited()` reaps it and gives its wait status. */
async function start(driver: Sys, program: (sys: Sys) => Promise<number>): Promise<{ exited: () => Promise<number> }> {
  const pid = must(await driver.clone(0, program), 'clone');
  return { exited: async () => must(await driver.wait4(pid, 0), 'wait4').status };
}

interface Progress {
  written: number;
  errno?: number;
}

/**
 * Writes `total` bytes to fd in 1 MiB writes; stops at the first error. Progress is kept in
 * `progress` as it goes: a process the OOM killer kills never sees its last call return.
 */
async function fill(sys: Sys, fd: number, total: number, progress: Progress = { written: 0 }): Promise<Progress> {
  const chunk = new Uint8Array(MiB).fill(0x61);
  while (progress.written < total) {
    const r = await sys.write(fd, chunk.subarray(0, Math.min(MiB, total - progress.written)));
    if (!r.ok) {
      progress.errno = r.errno;
      break;
    }
    progress.written += r.value;
  }
  return progress;
}

/** Creates `path` and writes `total` bytes to it; returns the fd (open) and what was written. */
async function writeNew(sys: Sys, path: string, total: number): Promise<number> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.WRONLY | O.CREAT | O.TRUNC, 0o644), `open ${path}`);
  const r = await fill(sys, fd, total);
  if (r.errno !== undefined) throw new Error(`write ${path}: errno ${r.errno} after ${r.written}`);
  return fd;
}

/**
 * Runs `body` in a child process moved into cgroup `cg`; returns its wait status. What `body`
 * throws (a failed expectation) is rethrown here.
 */
async function inCgroup(driver: Sys, cg: string, body: (sys: Sys) => Promise<void>): Promise<number> {
  let error: unknown;
  const child = await start(driver, async (sys) => {
    try {
      must(await writeFile(sys, `${CG}${cg}/cgroup.procs`, '0'));
      await body(sys);
    } catch (e) {
      error = e;
    }
    return 0;
  });
  const status = await child.exited();
  if (error) throw error;
  return status;
}

describe('tmpfs pages in memory cgroups', () => {
  it('a 10 MiB file raises memory.current and memory.stat file/shmem by 10 MiB; unlink gives them back', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+memory');
      await mkcg(sys, '/box');
      const before = m.kernel.memoryUsed();
      expect(await inCgroup(sys, '/box', async (s) => { await s.close(await writeNew(s, '/tmp/big', 10 * MiB)); })).toBe(0);
      // The writer has exited: the pages stay charged to its cgroup.
      expect(await current(sys, '/box')).toBe(10 * MiB);
      const st = await stat(sys, '/box');
      expect(st).toMatchObject({ anon: 0, file: 10 * MiB, shmem: 10 * MiB, inactive_anon: 10 * MiB, inactive_file: 0 });
      expect((await stat(sys, '')).shmem).toBeGreaterThanOrEqual(10 * MiB);
      expect(m.kernel.memoryUsed() - before).toBe(10 * MiB);
      expect(keyed((await readFile(sys, '/proc/meminfo')).replace(/:\s+/g, ' ').replace(/ kB/g, '')).Shmem).toBeGreaterThanOrEqual(10 * 1024);

      must(await sys.unlinkat(AT_FDCWD, '/tmp/big', 0));
      expect(await current(sys, '/box')).toBe(0);
      expect((await stat(sys, '/box')).file).toBe(0);
      expect(m.kernel.memoryUsed()).toBe(before);
    });
  });

  it('counts whole pages, and truncate and overwrite charge only what the file grows by', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+memory');
      await mkcg(sys, '/box');
      await inCgroup(sys, '/box', async (s) => {
        const fd = await writeNew(s, '/tmp/f', 5000);
        expect(await current(s, '/box')).toBe(8192);
        must(await s.pwrite(fd, new Uint8Array(100), 0)); // overwrite: no new page
        expect(await current(s, '/box')).toBe(8192);
        must(await s.ftruncate(fd, 3 * MiB));
        expect(await current(s, '/box')).toBe(3 * MiB);
        must(await s.ftruncate(fd, 1));
        expect(await current(s, '/box')).toBe(4096);
        await s.close(fd);
      });
      must(await sys.unlinkat(AT_FDCWD, '/tmp/f', 0));
      expect(await current(sys, '/box')).toBe(0);
    });
  });

  it('a deleted file stays charged while open, until its last close', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+memory');
      await mkcg(sys, '/box');
      await inCgroup(sys, '/box', async (s) => {
        const fd = await writeNew(s, '/tmp/held', 2 * MiB);
        const dup = must(await s.dup(fd));
        must(await s.unlinkat(AT_FDCWD, '/tmp/held', 0));
        expect(await current(s, '/box')).toBe(2 * MiB);
        must(await s.write(fd, new Uint8Array(MiB))); // still writable, still charged
        expect(await current(s, '/box')).toBe(3 * MiB);
        await s.close(fd);
        expect(await current(s, '/box')).toBe(3 * MiB);
        await s.close(dup);
        expect(await current(s, '/box')).toBe(0);
      });
    });
  });

  it('pages stay charged to the cgroup that wrote them: the writer moving on, or another cgroup growing the file', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+memory');
      await mkcg(sys, '/a');
      await mkcg(sys, '/b');
      await inCgroup(sys, '/a', async (s) => {
        const fd = await writeNew(s, '/tmp/shared', MiB);
        must(await writeFile(s, `${CG}/b/cgroup.procs`, '0'));
        expect(await current(s, '/a')).toBe(MiB);
        expect(await current(s, '/b')).toBe(0);
        expect((await fill(s, fd, MiB)).errno).toBeUndefined(); // appended from /b: charged to /b
        await s.close(fd);
      });
      expect(await current(sys, '/a')).toBe(MiB);
      expect(await current(sys, '/b')).toBe(MiB);
      await inCgroup(sys, '/b', async (s) => {
        must(await s.truncate('/tmp/shared', MiB)); // the newest pages go back to whoever paid for them
      });
      expect(await current(sys, '/a')).toBe(MiB);
      expect(await current(sys, '/b')).toBe(0);
      must(await sys.unlinkat(AT_FDCWD, '/tmp/shared', 0));
      expect(await current(sys, '/a')).toBe(0);
    });
  });

  it('parents include children; removing a cgroup leaves its charges with the parent', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+memory');
      await mkcg(sys, '/p');
      await put(sys, '/p/cgroup.subtree_control', '+memory');
      await mkcg(sys, '/p/c');
      await inCgroup(sys, '/p/c', async (s) => { await s.close(await writeNew(s, '/tmp/left', 4 * MiB)); });
      expect(await current(sys, '/p')).toBe(4 * MiB);
      expect((await stat(sys, '/p')).shmem).toBe(4 * MiB);
      must(await sys.unlinkat(AT_FDCWD, `${CG}/p/c`, 0x200)); // rmdir
      expect(await current(sys, '/p')).toBe(4 * MiB);
      await mkcg(sys, '/p/c');
      expect(await current(sys, '/p/c')).toBe(0); // a new cgroup of the same name starts empty
      must(await sys.unlinkat(AT_FDCWD, '/tmp/left', 0));
      expect(await current(sys, '/p')).toBe(0);
      expect((await stat(sys, '/p')).file).toBe(0);
    });
  });

  it('a 64 MiB write in a 32 MiB cgroup: the OOM killer kills the writer, its write fails with ENOMEM', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+memory');
      await mkcg(sys, '/box');
      await put(sys, '/box/memory.max', '32M');
      const progress: Progress = { written: 0 };
      const status = await inCgroup(sys, '/box', async (s) => {
        const fd = must(await s.openat(AT_FDCWD, '/tmp/big', O.WRONLY | O.CREAT, 0o644));
        await fill(s, fd, 64 * MiB, progress);
      });
      // Killed inside the write that found no room (its ENOMEM is never seen).
      expect(WIFSIGNALED(status) && WTERMSIG(status)).toBe(SIG.KILL);
      expect(progress).toEqual({ written: 32 * MiB });
      expect(keyed(await readFile(sys, `${CG}/box/memory.events`))).toMatchObject({ max: 1, oom: 1, oom_kill: 1 });
      // The file keeps what was written, still charged (tmpfs pages are not reclaimable without swap).
      expect(await current(sys, '/box')).toBe(32 * MiB);
      must(await sys.unlinkat(AT_FDCWD, '/tmp/big', 0));
      expect(await current(sys, '/box')).toBe(0);
    });
  });

  it('the size= limit of a tmpfs still says ENOSPC, before memory.max is reached', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+memory');
      await mkcg(sys, '/box');
      await put(sys, '/box/memory.max', '32M');
      must(await sys.mkdirat(AT_FDCWD, '/tmp/small', 0o755));
      must(await sys.mount('tmpfs', '/tmp/small', 'tmpfs', 0, 'size=4m'));
      const status = await inCgroup(sys, '/box', async (s) => {
        const fd = must(await s.openat(AT_FDCWD, '/tmp/small/f', O.WRONLY | O.CREAT, 0o644));
        expect(await fill(s, fd, 8 * MiB)).toEqual({ written: 4 * MiB, errno: Errno.ENOSPC });
      });
      expect(status).toBe(0);
      expect(await current(sys, '/box')).toBe(4 * MiB);
      expect(keyed(await readFile(sys, `${CG}/box/memory.events`)).oom_kill).toBe(0);
    });
  });
});

describe('the machine total bounds file pages', () => {
  it('a writer with no memory.max filling the machine is killed by the global OOM killer; memory stays within the total', async () => {
    const m = await bootCgroupMachine({ memoryBytes: 64 * MiB });
    await m.run(async (sys) => {
      await put(sys, '/cgroup.subtree_control', '+memory');
      await mkcg(sys, '/box');
      const progress: Progress = { written: 0 };
      const status = await inCgroup(sys, '/box', async (s) => {
        const fd = must(await s.openat(AT_FDCWD, '/tmp/huge', O.WRONLY | O.CREAT, 0o644));
        await fill(s, fd, 128 * MiB, progress);
      });
      expect(WTERMSIG(status)).toBe(SIG.KILL);
      expect(progress.errno).toBeUndefined();
      expect(progress.written).toBeLessThanOrEqual(64 * MiB);
      expect(progress.written).toBeGreaterThan(60 * MiB);
      expect(m.kernel.memoryUsed()).toBeLessThanOrEqual(64 * MiB);
      // A global OOM kill counts in the victim's cgroup (the engine reports OOMKilled from it).
      expect(keyed(await readFile(sys, `${CG}/box/memory.events`))).toMatchObject({ oom: 0, oom_kill: 1 });
    });
  });

  it('a host-side writer (the engine) gets ENOMEM and kills no one', async () => {
    const m = await bootCgroupMachine({ memoryBytes: 16 * MiB });
    let bystander: Promise<number> | undefined;
    await m.run(async (sys) => {
      const b = await start(sys, async (s) => {
        must(await s.mmap(MiB));
        await s.nanosleep(5e9);
        return 0;
      });
      bystander = b.exited();
      const fd = must(await m.root.openat(AT_FDCWD, '/tmp/host', O.WRONLY | O.CREAT, 0o644));
      const r = await fill(m.root, fd, 32 * MiB);
      expect(r.errno).toBe(Errno.ENOMEM);
      expect(r.written).toBeLessThan(16 * MiB);
      await m.root.close(fd);
      must(await m.root.unlinkat(AT_FDCWD, '/tmp/host', 0));
      expect(await bystander).toBe(0);
    });
  });
});
