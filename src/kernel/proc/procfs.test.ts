// procfs content through syscalls: per-process files, PID-namespace views, cgroup and mount
// tables, namespace links with setns, id maps and the system files.
import { describe, expect, it } from 'vitest';
import { AT_FDCWD, CLONE, Errno, O, type Sys } from '../../abi/index.js';
import { bootCgroupMachine, must, readFile, writeFile } from '../cgroup/testing.js';

async function ls(sys: Sys, path: string): Promise<string[]> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.RDONLY | O.DIRECTORY), `open ${path}`);
  const names: string[] = [];
  for (;;) {
    const ents = must(await sys.getdents64(fd));
    if (ents.length === 0) break;
    for (const e of ents) if (e.name !== '.' && e.name !== '..') names.push(e.name);
  }
  await sys.close(fd);
  return names;
}

const field = (status: string, name: string): string => /^(\S+):\t(.*)$/m.exec(status.split('\n').find((l) => l.startsWith(name + ':')) ?? '')?.[2] ?? '';

describe('/proc/<pid>', () => {
  it('stat shows pid, comm, state, ppid and CPU ticks; status the identity and capabilities', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      const me = must(await sys.getpid());
      must(await sys.spin(50e6));
      const stat = (await readFile(sys, '/proc/self/stat')).trim().split(' ');
      expect(stat[0]).toBe(String(me));
      expect(stat[1]).toBe('(test-driver)');
      expect(stat[2]).toBe('R');
      expect(stat[3]).toBe('1');
      expect(Number(stat[13])).toBe(5); // utime: 50 ms = 5 ticks
      expect(stat.length).toBe(52);
      const status = await readFile(sys, `/proc/${me}/status`);
      expect(field(status, 'Name')).toBe('test-driver');
      expect(field(status, 'State')).toBe('R (running)');
      expect(field(status, 'Pid')).toBe(String(me));
      expect(field(status, 'PPid')).toBe('1');
      expect(field(status, 'Uid')).toBe('0\t0\t0\t0');
      expect(field(status, 'NSpid')).toBe(String(me));
      expect(field(status, 'CapEff')).toBe('000001ffffffffff');
      expect(field(status, 'Threads')).toBe('1');
      const child = must(await sys.clone(0, async (s) => { await s.nanosleep(1e9); return 0; }));
      await sys.nanosleep(1e6);
      expect((await readFile(sys, `/proc/${child}/stat`)).split(' ')[2]).toBe('S');
      expect(field(await readFile(sys, `/proc/${child}/status`), 'PPid')).toBe(String(me));
      await sys.kill(child, 9);
      await sys.wait4(child, 0);
    });
  });

  it('cmdline and environ are NUL-separated; comm is writable by the process itself', async () => {
    const m = await bootCgroupMachine();
    let seen: string[] = [];
    const p = m.kernel.spawn({
      argv: ['/bin/prog', 'a b', 'c'], envp: ['X=1', 'Y=2'],
      program: async (_a, _e, sys) => {
        seen.push(await readFile(sys, '/proc/self/cmdline'), await readFile(sys, '/proc/self/environ'));
        must(await writeFile(sys, '/proc/self/comm', 'renamed\n'));
        seen.push(await readFile(sys, '/proc/self/comm'));
        return 0;
      },
    });
    await p.exited;
    expect(seen).toEqual(['/bin/prog\0a b\0c\0', 'X=1\0Y=2\0', 'renamed\n']);
    seen = [];
  });

  it('fd/ links name open paths and pipes; cwd and root are links', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      const fd = must(await sys.openat(AT_FDCWD, '/tmp/file', O.CREAT | O.WRONLY, 0o644));
      const [r] = must(await sys.pipe2(0));
      expect(must(await sys.readlinkat(AT_FDCWD, `/proc/self/fd/${fd}`))).toBe('/tmp/file');
      expect(must(await sys.readlinkat(AT_FDCWD, `/proc/self/fd/${r}`))).toMatch(/^pipe:\[\d+\]$/);
      expect(await ls(sys, '/proc/self/fd')).toEqual(expect.arrayContaining([String(fd), String(r)]));
      must(await sys.chdir('/tmp'));
      expect(must(await sys.readlinkat(AT_FDCWD, '/proc/self/cwd'))).toBe('/tmp');
      expect(must(await sys.readlinkat(AT_FDCWD, '/proc/self/root'))).toBe('/');
      const st = must(await sys.fstatat(AT_FDCWD, '/proc/self/fd', 0));
      expect(st.mode & 0o777).toBe(0o500);
    });
  });

  it('/proc/<pid>/cgroup shows 0::/path relative to the reader’s cgroup namespace', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      must(await sys.mkdirat(AT_FDCWD, '/sys/fs/cgroup/a', 0o755));
      must(await sys.mkdirat(AT_FDCWD, '/sys/fs/cgroup/a/b', 0o755));
      const out: string[] = [];
      const child = must(await sys.clone(0, async (s) => {
        must(await writeFile(s, '/sys/fs/cgroup/a/cgroup.procs', '0'));
        out.push(await readFile(s, '/proc/self/cgroup'));
        must(await s.unshare(CLONE.NEWCGROUP));
        out.push(await readFile(s, '/proc/self/cgroup'));
        must(await writeFile(s, '/sys/fs/cgroup/a/b/cgroup.procs', '0'));
        out.push(await readFile(s, '/proc/self/cgroup'));
        out.push(await readFile(s, '/proc/1/cgroup'));
        return 0;
      }));
      await sys.wait4(child, 0);
      expect(out).toEqual(['0::/a\n', '0::/\n', '0::/b\n', '0::/..\n']);
      expect(await readFile(sys, '/proc/self/cgroup')).toBe('0::/\n');
    });
  });

  it('uid_map is written once; IDs in the namespace become the mapped ones', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      expect(await readFile(sys, '/proc/self/uid_map')).toBe('         0          0 4294967295\n');
      expect(await writeFile(sys, '/proc/self/uid_map', '0 0 1')).toEqual({ ok: false, errno: Errno.EPERM });
      const seen: unknown[] = [];
      const child = must(await sys.clone(0, async (s) => {
        must(await s.setgid(1000));
        must(await s.setuid(1000));
        must(await s.unshare(CLONE.NEWUSER));
        await s.nanosleep(10e6);
        seen.push(must(await s.getuid()), await readFile(s, '/proc/self/uid_map'));
        return 0;
      }));
      await sys.nanosleep(1e6);
      expect(await writeFile(sys, `/proc/${child}/uid_map`, '0 1000 1 2')).toEqual({ ok: false, errno: Errno.EINVAL });
      expect(await writeFile(sys, `/proc/${child}/uid_map`, '0 1000 2\n1 1000 1\n')).toEqual({ ok: false, errno: Errno.EINVAL });
      must(await writeFile(sys, `/proc/${child}/uid_map`, '0 1000 1\n'));
      expect(await writeFile(sys, `/proc/${child}/uid_map`, '0 1000 1\n')).toEqual({ ok: false, errno: Errno.EPERM });
      must(await writeFile(sys, `/proc/${child}/setgroups`, 'deny'));
      must(await writeFile(sys, `/proc/${child}/gid_map`, '0 1000 1'));
      expect(await readFile(sys, `/proc/${child}/setgroups`)).toBe('deny\n');
      await sys.wait4(child, 0);
      expect(seen).toEqual([0, '         0       1000          1\n']);
    });
  });
});

describe('PID namespaces', () => {
  it('a proc mount shows only the mounter’s PID namespace, with its numbers', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      const seen: Record<string, unknown> = {};
      const init = must(await sys.clone(CLONE.NEWPID | CLONE.NEWNS, async (s) => {
        must(await s.mount('proc', '/proc', 'proc', 0, ''));
        const kid = must(await s.clone(0, async (k) => { await k.nanosleep(1e9); return 0; }));
        seen.list = (await ls(s, '/proc')).filter((n) => /^\d+$/.test(n));
        seen.self = must(await s.readlinkat(AT_FDCWD, '/proc/self'));
        seen.kidStat = (await readFile(s, `/proc/${kid}/stat`)).split(' ').slice(0, 4).join(' ');
        await s.kill(kid, 9);
        await s.wait4(kid, 0);
        return 0;
      }));
      await sys.nanosleep(1e6);
      seen.hostStatus = field(await readFile(sys, `/proc/${init}/status`), 'NSpid');
      await sys.wait4(init, 0);
      expect(seen.list).toEqual(['1', '2']);
      expect(seen.self).toBe('1');
      expect(seen.kidStat).toBe('2 (test-driver) S 1');
      expect(seen.hostStatus).toBe(`${init}\t1`);
    });
  });
});

describe('namespace links and setns', () => {
  it('ns links read kind:[inode]; an fd of one joins the namespace with setns', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      expect(must(await sys.readlinkat(AT_FDCWD, '/proc/self/ns/pid'))).toBe('pid:[4026531836]');
      expect(must(await sys.readlinkat(AT_FDCWD, '/proc/self/ns/cgroup'))).toBe('cgroup:[4026531835]');
      expect((await ls(sys, '/proc/self/ns')).sort()).toEqual(
        ['cgroup', 'ipc', 'mnt', 'net', 'pid', 'pid_for_children', 'time', 'time_for_children', 'user', 'uts']);
      const child = must(await sys.clone(CLONE.NEWUTS, async (s) => {
        must(await s.sethostname('inside'));
        await s.nanosleep(1e9);
        return 0;
      }));
      await sys.nanosleep(1e6);
      const childUts = must(await sys.readlinkat(AT_FDCWD, `/proc/${child}/ns/uts`));
      expect(childUts).not.toBe(must(await sys.readlinkat(AT_FDCWD, '/proc/self/ns/uts')));
      const fd = must(await sys.openat(AT_FDCWD, `/proc/${child}/ns/uts`, O.RDONLY));
      expect(await sys.setns(fd, CLONE.NEWPID)).toEqual({ ok: false, errno: Errno.EINVAL });
      must(await sys.setns(fd, CLONE.NEWUTS));
      expect(must(await sys.uname()).nodename).toBe('inside');
      expect(must(await sys.readlinkat(AT_FDCWD, '/proc/self/ns/uts'))).toBe(childUts);
      const plain = must(await sys.openat(AT_FDCWD, '/proc/self/status', O.RDONLY));
      expect(await sys.setns(plain, 0)).toEqual({ ok: false, errno: Errno.EINVAL });
      await sys.kill(child, 9);
      await sys.wait4(child, 0);
    });
  });
});

describe('mount tables', () => {
  it('mounts and mountinfo list the mounts visible from the process root', async () => {
    const m = await bootCgroupMachine();
    await m.run(async (sys) => {
      const mounts = await readFile(sys, '/proc/mounts');
      expect(mounts).toContain('proc /proc proc rw,relatime 0 0\n');
      expect(mounts).toContain('cgroup2 /sys/fs/cgroup cgroup2 rw,relatime 0 0\n');
      expect(mounts).not.toContain('rootfs');
      const info = (await readFile(sys, '/proc/self/mountinfo')).trim().split('\n');
      const procLine = info.find((l) => l.includes(' /proc '))!;
      expect(procLine).toMatch(/^\d+ \d+ 0:\d+ \/ \/proc rw,relatime - proc proc rw$/);
      const rootLine = info[0].split(' ');
      expect(rootLine[4]).toBe('/');
    });
  });
});

describe('system files', () => {
  it('uptime, loadavg, meminfo, stat, cpuinfo, version and sys/kernel', async () => {
    const m = await bootCgroupMachine({ ncpus: 2, memoryBytes: 1024 ** 3 });
    await m.run(async (sys) => {
      must(await sys.spin(300e6));
      must(await sys.nanosleep(700e6));
      const [up, idle] = (await readFile(sys, '/proc/uptime')).trim().split(' ').map(Number);
      expect(up).toBeCloseTo(1.0, 1);
      expect(idle).toBeCloseTo(1.7, 1);
      expect(await readFile(sys, '/proc/loadavg')).toMatch(/^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\/\d+ \d+\n$/);
      const mem = await readFile(sys, '/proc/meminfo');
      expect(mem.split('\n')[0]).toBe('MemTotal:        1048576 kB');
      must(await sys.mmap(10 * 1024 * 1024));
      expect((await readFile(sys, '/proc/meminfo')).split('\n')[1]).toBe('MemFree:         1038336 kB');
      const stat = (await readFile(sys, '/proc/stat')).split('\n');
      const cpu = stat[0].split(/\s+/).slice(1).map(Number);
      expect(cpu[0]).toBe(30); // user ticks of the spin
      expect(cpu[0] + cpu[2] + cpu[3]).toBeGreaterThanOrEqual(199);
      expect(stat[1]).toMatch(/^cpu0 /);
      expect(stat[2]).toMatch(/^cpu1 /);
      expect((await readFile(sys, '/proc/cpuinfo')).match(/^processor/gm)?.length).toBe(2);
      expect(await readFile(sys, '/proc/version')).toMatch(/^Linux version 6\.8\.0-skiff /);
      expect(await readFile(sys, '/proc/sys/kernel/ostype')).toBe('Linux\n');
      expect(await readFile(sys, '/proc/sys/kernel/hostname')).toBe('skiff\n');
      must(await writeFile(sys, '/proc/sys/kernel/hostname', 'box\n'));
      expect(must(await sys.uname()).nodename).toBe('box');
    });
  });

  it('writing c to /proc/sysrq-trigger calls the kernel panic hook', async () => {
    const m = await bootCgroupMachine();
    const reasons: string[] = [];
    (m.kernel as unknown as { panic: (r: string) => void }).panic = (r) => reasons.push(r);
    await m.run(async (sys) => {
      must(await writeFile(sys, '/proc/sysrq-trigger', 'c'));
      expect(await sys.openat(AT_FDCWD, '/proc/sysrq-trigger', O.RDONLY)).toEqual({ ok: false, errno: Errno.EACCES });
    });
    expect(reasons).toEqual(['sysrq triggered crash']);
  });
});
