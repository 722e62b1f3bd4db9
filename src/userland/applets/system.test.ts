// Behaviour of the process, namespace, mount and workload applets (and the busybox
// dispatcher) inside a booted machine — things fixtures cannot pin down because PIDs and
// kernels differ from a real Docker host.
import { describe, expect, it } from 'vitest';
import { O, WEXITSTATUS, WIFSIGNALED, WTERMSIG } from '../../abi/index.js';
import { bootMachine, type Machine } from '../../boot/machine.js';
import { Libc } from '../libc/index.js';
import { HELLO_TEXT } from '../programs/hello.js';
import { busyboxUserland } from './testing/userland.js';

const boot = (): Promise<Machine> => bootMachine({ userland: busyboxUserland() });

describe('busybox dispatcher', () => {
  it('runs applets by link name or as `busybox APPLET`, and lists them', async () => {
    const m = await boot();
    expect((await m.run(['/bin/busybox', 'echo', 'hi'])).stdout).toBe('hi\n');
    const list = await m.run(['/bin/busybox', '--list']);
    expect(list.stdout.split('\n')).toEqual(expect.arrayContaining(['ls', 'awk', 'tar', 'ps']));
    const full = await m.run(['/bin/busybox', '--list-full']);
    expect(full.stdout.split('\n')).toEqual(expect.arrayContaining(['bin/ls', 'usr/bin/awk', 'sbin/pivot_root', 'usr/sbin/chroot']));
  });
  it('reports unknown applets with status 127', async () => {
    const m = await boot();
    expect(await m.run(['/bin/busybox', 'nosuch'])).toMatchObject({ code: 127, stderr: 'nosuch: applet not found\n' });
  });
  it('prints an uncaught ErrnoError as `applet: path: strerror` with status 1', async () => {
    const m = await boot();
    expect(await m.run(['/bin/touch', '-r', '/nope', '/tmp/x'])).toMatchObject({ code: 1, stderr: 'touch: /nope: No such file or directory\n' });
  });
});

describe('processes', () => {
  it('ps shows itself in the busybox layout; in a new PID namespace it is PID 1', async () => {
    const m = await boot();
    const r = await m.run(['/bin/ps']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('PID   USER     TIME  COMMAND');
    expect(lines[lines.length - 1]).toMatch(/^ +\d+ root +0:00 \/bin\/ps$/);
    const ns = await m.run(['/bin/unshare', '-p', '-f', '--mount-proc', '/bin/ps', '-o', 'pid,comm']);
    expect(ns.stdout).toBe('PID   COMMAND\n    1 ps\n');
  });
  it('pidof and killall find processes by name; kill -9 ends one', async () => {
    const m = await boot();
    const job = m.run(['/usr/bin/stress', '--cpu', '1', '--timeout', '100']);
    const pids = (await m.run(['/bin/pidof', 'stress'])).stdout.trim().split(' ').map(Number);
    expect(pids.length).toBe(2);
    const child = Math.max(...pids);
    expect((await m.run(['/bin/kill', '-9', String(child)])).code).toBe(0);
    const r = await job;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`<-- worker ${child} got signal 9`);
    expect(r.stderr).toMatch(/failed run completed in \d+s\n$/);
    expect((await m.run(['/bin/killall', 'stress'])).stderr).toBe('killall: stress: no process killed\n');
  });
  it('top -b -n 1 prints one snapshot', async () => {
    const m = await boot();
    const r = await m.run(['/bin/top', '-b', '-n', '1']);
    expect(r.stdout.split('\n').slice(0, 4).map((l) => l.split(':')[0])).toEqual(['Mem', 'CPU', 'Load average', '  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND']);
    expect(r.stdout).toMatch(/\n +\d+ +\d+ root +R +\d+ +\d+% +\d+% \/bin\/top -b -n 1\n/);
  });
});

describe('stress', () => {
  it('runs CPU hogs for the timeout and reports like stress 1.0.4', async () => {
    const m = await boot();
    const r = await m.run(['/usr/bin/stress', '-c', '2', '-t', '3s']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^stress: info: \[(\d+)\] dispatching hogs: 2 cpu, 0 io, 0 vm, 0 hdd\nstress: info: \[\1\] successful run completed in 3s\n$/);
  });
  it('a VM hog over memory.max is OOM-killed and stress fails', async () => {
    const m = await boot();
    const libc = m.libc;
    await libc.writeFile('/sys/fs/cgroup/cgroup.subtree_control', '+memory', 0, O.WRONLY);
    await libc.mkdir('/sys/fs/cgroup/small');
    await libc.writeFile('/sys/fs/cgroup/small/memory.max', String(32 * 1024 * 1024), 0, O.WRONLY);
    const out: string[] = [];
    const proc = m.kernel.spawn({
      parent: m.host.proc,
      argv: ['stress'],
      program: async (_a, _e, sys) => {
        const c = new Libc(sys);
        await c.writeFile('/sys/fs/cgroup/small/cgroup.procs', String(await c.getpid()), 0, O.WRONLY);
        const [r, w] = await c.pipe();
        const pid = await c.fork(async (s) => {
          await s.dup2(w, 1);
          await s.dup2(w, 2);
          await s.execve('/usr/bin/stress', ['stress', '--vm', '1', '--vm-bytes', '64M', '--timeout', '5'], []);
          return 127;
        });
        await sys.close(w);
        for (;;) { const b = await c.read(r); if (!b.length) break; out.push(new TextDecoder().decode(b)); }
        return WEXITSTATUS((await c.waitpid(pid)).status);
      },
    });
    const status = await proc.exited;
    expect(WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status)).toBe(1);
    expect(out.join('')).toMatch(/<-- worker \d+ got signal 9\n/);
  });
  it('prints usage without hogs and rejects bad options', async () => {
    const m = await boot();
    expect((await m.run(['/usr/bin/stress'])).stdout).toContain('Usage: stress [OPTION [ARG]] ...');
    const bad = await m.run(['/usr/bin/stress', '--cpu', 'x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/stress: FAIL: \[\d+\] \(\d+\) invalid number: x\n/);
  });
});

describe('mounts and namespaces', () => {
  it('mount -t tmpfs mounts, mount lists it, umount removes it', async () => {
    const m = await boot();
    await m.run(['/bin/mkdir', '/mnt']);
    expect((await m.run(['/bin/mount', '-t', 'tmpfs', '-o', 'size=1m', 'scratch', '/mnt'])).code).toBe(0);
    expect((await m.run(['/bin/mount'])).stdout).toMatch(/^scratch on \/mnt type tmpfs \(rw[^)]*\)$/m);
    expect((await m.run(['/bin/df', '/mnt'])).stdout).toMatch(/^scratch +1024 +0 +1024 +0% \/mnt$/m);
    expect((await m.run(['/bin/umount', '/mnt'])).code).toBe(0);
    expect((await m.run(['/bin/mount'])).stdout).not.toContain('/mnt');
    expect(await m.run(['/bin/umount', '/mnt'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^umount: can't unmount \/mnt: /) });
  });
  it('unshare -u isolates the hostname; nsenter joins another process namespaces', async () => {
    const m = await boot();
    const r = await m.run(['/bin/unshare', '-u', '/bin/hostname']);
    expect(r.stdout).toBe('skiff\n');
    expect((await m.run(['/bin/nsenter', '-t', '1', '-u', '-m', '/bin/hostname'])).stdout).toBe('skiff\n');
  });
  it('chroot runs a program inside the new root', async () => {
    const m = await boot();
    const libc = m.libc;
    await libc.mkdir('/jail');
    await libc.mkdir('/jail/bin');
    await libc.writeFile('/jail/bin/busybox', await libc.readFile('/bin/busybox'), 0o755);
    await libc.symlink('busybox', '/jail/bin/ls');
    await libc.writeFile('/jail/marker', '');
    expect((await m.run(['/bin/chroot', '/jail', '/bin/ls', '/'])).stdout).toBe('bin\nmarker\n');
  });
});

describe('archives through the machine', () => {
  it('tar czf then tar xzf reproduces files, modes and symlinks', async () => {
    const m = await boot();
    const libc = m.libc;
    await libc.mkdir('/src');
    await libc.writeFile('/src/a', 'alpha\n', 0o640);
    await libc.mkdir('/src/sub');
    await libc.writeFile('/src/sub/b', 'x'.repeat(5000));
    await libc.symlink('a', '/src/link');
    expect((await m.run(['/bin/tar', 'czf', '/tmp/s.tgz', 'src'], { cwd: '/' })).code).toBe(0);
    await libc.mkdir('/out');
    expect((await m.run(['/bin/tar', 'xzf', '/tmp/s.tgz', '-C', '/out'])).code).toBe(0);
    const sums = await m.run(['/bin/md5sum', '/src/a', '/out/src/a', '/src/sub/b', '/out/src/sub/b']);
    const lines = sums.stdout.trim().split('\n').map((l) => l.split(' ')[0]);
    expect(lines[0]).toBe(lines[1]);
    expect(lines[2]).toBe(lines[3]);
    expect((await m.run(['/bin/stat', '-c', '%a %N', '/out/src/a', '/out/src/link'])).stdout).toBe("640 /out/src/a\n777 '/out/src/link' -> 'a'\n");
    const list = await m.run(['/bin/tar', 'tzf', '/tmp/s.tgz']);
    expect(list.stdout.split('\n').sort()).toEqual(['', 'src/', 'src/a', 'src/link', 'src/sub/', 'src/sub/b']);
  });
  it('gzip replaces a file by FILE.gz and gunzip restores it', async () => {
    const m = await boot();
    await m.libc.writeFile('/tmp/f', 'hello\n');
    expect((await m.run(['/bin/gzip', '/tmp/f'])).code).toBe(0);
    expect((await m.run(['/bin/ls', '/tmp'])).stdout).toBe('f.gz\n');
    expect((await m.run(['/bin/zcat', '/tmp/f.gz'])).stdout).toBe('hello\n');
    expect((await m.run(['/bin/gunzip', '/tmp/f.gz'])).code).toBe(0);
    expect((await m.run(['/bin/cat', '/tmp/f'])).stdout).toBe('hello\n');
  });
});

describe('programs', () => {
  it('hello prints the hello-world greeting', async () => {
    const m = await boot();
    expect(await m.run(['/hello'])).toMatchObject({ code: 0, stdout: HELLO_TEXT });
  });
});

describe('busy interpreters', () => {
  it('an endless awk loop makes syscalls, so the kernel can time it out and kill it', async () => {
    const m = await boot();
    const job = m.run(['/bin/awk', 'BEGIN { while (1) n++ }']);
    const pid = (await m.run(['/bin/pidof', 'awk'])).stdout.trim();
    expect(pid).toMatch(/^\d+$/);
    expect((await m.run(['/bin/kill', pid])).code).toBe(0);
    expect((await job).code).toBe(143);
  });
  it('an endless sed branch loop can be killed too', async () => {
    const m = await boot();
    const job = m.run(['/bin/sed', ':a;ba'], { stdin: 'x\n' });
    const pid = (await m.run(['/bin/pidof', 'sed'])).stdout.trim();
    expect((await m.run(['/bin/kill', '-9', pid])).code).toBe(0);
    expect((await job).code).toBe(137);
  });
});

describe('file applets across mounts and over time', () => {
  it('mv falls back to copy and delete across filesystems (EXDEV)', async () => {
    const m = await boot();
    const libc = m.libc;
    await libc.mkdir('/mnt');
    expect((await m.run(['/bin/mount', '-t', 'tmpfs', 'other', '/mnt'])).code).toBe(0);
    await libc.mkdir('/tmp/d');
    await libc.writeFile('/tmp/d/f', 'payload\n', 0o600);
    await libc.symlink('f', '/tmp/d/l');
    expect(await m.run(['/bin/mv', '/tmp/d', '/mnt/'])).toMatchObject({ code: 0, stderr: '' });
    expect((await m.run(['/bin/ls', '/tmp'])).stdout).toBe('');
    expect((await m.run(['/bin/stat', '-c', '%a %N', '/mnt/d/f', '/mnt/d/l'])).stdout).toBe("600 /mnt/d/f\n777 '/mnt/d/l' -> 'f'\n");
    expect((await m.run(['/bin/cat', '/mnt/d/l'])).stdout).toBe('payload\n');
  });
  it('tail -f prints lines appended later, until killed', async () => {
    const m = await boot();
    await m.libc.writeFile('/tmp/log', 'one\n');
    const job = m.run(['/bin/tail', '-f', '/tmp/log']);
    await m.run(['/usr/bin/stress', '-c', '1', '-t', '2', '-q']);
    await m.libc.writeFile('/tmp/log', 'two\n', 0o644, O.WRONLY | O.APPEND);
    await m.run(['/usr/bin/stress', '-c', '1', '-t', '3', '-q']);
    const pid = (await m.run(['/bin/pidof', 'tail'])).stdout.trim();
    await m.run(['/bin/kill', pid]);
    const r = await job;
    expect(r.stdout).toBe('one\ntwo\n');
    expect(r.code).toBe(143);
  });
});
