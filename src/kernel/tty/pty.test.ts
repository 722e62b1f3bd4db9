// Pseudo-terminals through syscalls: devpts instances and numbering, the lock, the line
// discipline (ONLCR, ICRNL, echo, erase, kill, EOF, raw mode), signal characters and the
// foreground group, window size, hangup, EIO at the master, controlling terminals, pidfd_getfd.
import { describe, expect, it } from 'vitest';
import {
  AT_FDCWD, Errno, F, FD_CLOEXEC, IOCTL, O, S, SIG, WNOHANG, WTERMSIG, WIFSIGNALED, makedev, type Sys, type SysResult,
} from '../../abi/index.js';
import { bootTestMachine, must, type TestMachine } from '../vfs/test-harness.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
const errnoOf = (r: SysResult<unknown>): number => (r.ok ? 0 : r.errno);

/** A machine with a devpts mounted at /dev/pts (as boot does). */
async function machine(): Promise<TestMachine> {
  const m = bootTestMachine();
  must(await m.root.mount('devpts', '/dev/pts', 'devpts', 0, 'gid=5,mode=620,ptmxmode=000'));
  return m;
}

/** Opens a pair through `ptmx`: [master, slave, N]. */
async function openpty(sys: Sys, ptmx = '/dev/ptmx', dir = '/dev/pts', slaveFlags: number = O.RDWR | O.NOCTTY): Promise<[number, number, number]> {
  const master = must(await sys.openat(AT_FDCWD, ptmx, O.RDWR | O.NOCTTY), 'open ptmx');
  const n = must(await sys.ioctl(master, IOCTL.TIOCGPTN)) as number;
  must(await sys.ioctl(master, IOCTL.TIOCSPTLCK, 0));
  const slave = must(await sys.openat(AT_FDCWD, `${dir}/${n}`, slaveFlags), 'open slave');
  return [master, slave, n];
}

/** Reads the master until `want` has been seen; returns everything read. */
async function readUntil(sys: Sys, fd: number, want: string): Promise<string> {
  let text = '';
  while (!text.includes(want)) text += dec(must(await sys.read(fd, 4096)));
  return text;
}

async function list(sys: Sys, path: string): Promise<string[]> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.RDONLY | O.DIRECTORY));
  const names = must(await sys.getdents64(fd)).map((d) => d.name).filter((n) => n !== '.' && n !== '..');
  must(await sys.close(fd));
  return names;
}

describe('devpts', () => {
  it('numbers pairs from 0, shows slaves while their master is open and reuses freed numbers', async () => {
    const { root: sys } = await machine();
    const [m0, s0, n0] = await openpty(sys);
    const [m1, , n1] = await openpty(sys);
    expect([n0, n1]).toEqual([0, 1]);
    expect((await list(sys, '/dev/pts')).sort()).toEqual(['0', '1', 'ptmx']);
    const st = must(await sys.fstatat(AT_FDCWD, '/dev/pts/0', 0));
    expect(st.mode).toBe(S.IFCHR | 0o620);
    expect(st.rdev).toBe(makedev(136, 0));
    expect(st.gid).toBe(5);
    expect(must(await sys.fstatat(AT_FDCWD, '/dev/pts/ptmx', 0)).rdev).toBe(makedev(5, 2));
    must(await sys.close(m0));
    expect((await list(sys, '/dev/pts')).sort()).toEqual(['1', 'ptmx']);
    const [, , again] = await openpty(sys);
    expect(again).toBe(2); // 0 is still held by its open slave
    must(await sys.close(s0));
    const [, , reused] = await openpty(sys);
    expect(reused).toBe(0);
    must(await sys.close(m1));
  });

  it('numbers each instance on its own; /dev/ptmx opens the devpts at pts beside it', async () => {
    const { root: sys } = await machine();
    await openpty(sys);
    must(await sys.mkdirat(AT_FDCWD, '/tmp/c', 0o755));
    must(await sys.mknodat(AT_FDCWD, '/tmp/c/ptmx', S.IFCHR | 0o666, makedev(5, 2)));
    expect(errnoOf(await sys.openat(AT_FDCWD, '/tmp/c/ptmx', O.RDWR))).toBe(Errno.ENOENT);
    must(await sys.mkdirat(AT_FDCWD, '/tmp/c/pts', 0o755));
    expect(errnoOf(await sys.openat(AT_FDCWD, '/tmp/c/ptmx', O.RDWR))).toBe(Errno.ENODEV);
    must(await sys.mount('devpts', '/tmp/c/pts', 'devpts', 0, 'newinstance,ptmxmode=0666,mode=0620,gid=5'));
    const [, , viaDev] = await openpty(sys, '/tmp/c/ptmx', '/tmp/c/pts');
    const [, , viaPts] = await openpty(sys, '/tmp/c/pts/ptmx', '/tmp/c/pts');
    expect([viaDev, viaPts]).toEqual([0, 1]);
    expect(must(await sys.fstatat(AT_FDCWD, '/tmp/c/pts/ptmx', 0)).mode).toBe(S.IFCHR | 0o666);
    expect((await list(sys, '/dev/pts')).sort()).toEqual(['0', 'ptmx']);
    expect(errnoOf(await sys.mount('devpts', '/tmp/c/pts', 'devpts', 0, 'bogus=1'))).toBe(Errno.EINVAL);
  });

  it('a new slave is locked (EIO) until TIOCSPTLCK(0)', async () => {
    const { root: sys } = await machine();
    const master = must(await sys.openat(AT_FDCWD, '/dev/ptmx', O.RDWR));
    expect(errnoOf(await sys.openat(AT_FDCWD, '/dev/pts/0', O.RDWR))).toBe(Errno.EIO);
    must(await sys.ioctl(master, IOCTL.TIOCSPTLCK, 0));
    expect(must(await sys.openat(AT_FDCWD, '/dev/pts/0', O.RDWR | O.NOCTTY))).toBeGreaterThan(master);
  });
});

describe('line discipline', () => {
  it('output turns \\n into \\r\\n; typed \\r becomes \\n and is echoed', async () => {
    const { root: sys } = await machine();
    const [master, slave] = await openpty(sys);
    must(await sys.write(slave, enc('a\nb')));
    expect(dec(must(await sys.read(master, 100)))).toBe('a\r\nb');
    must(await sys.write(master, enc('hi\r')));
    expect(dec(must(await sys.read(master, 100)))).toBe('hi\r\n');
    expect(dec(must(await sys.read(slave, 100)))).toBe('hi\n');
  });

  it('canonical mode edits lines: erase, kill, EOF; reads return one line at most', async () => {
    const { root: sys } = await machine();
    const [master, slave] = await openpty(sys);
    must(await sys.write(master, enc('abx\x7fc\rfoo\x15bar\r')));
    expect(dec(must(await sys.read(master, 100)))).toBe('abx\b \bc\r\nfoo\b \b\b \b\b \bbar\r\n');
    expect(dec(must(await sys.read(slave, 100)))).toBe('abc\n');
    expect(dec(must(await sys.read(slave, 100)))).toBe('bar\n');
    must(await sys.write(master, enc('ab\x04\x04')));
    expect(dec(must(await sys.read(slave, 100)))).toBe('ab');
    expect(must(await sys.read(slave, 100)).length).toBe(0); // ^D on an empty line: end of file
    const nb = must(await sys.openat(AT_FDCWD, '/dev/pts/0', O.RDWR | O.NOCTTY | O.NONBLOCK));
    expect(errnoOf(await sys.read(nb, 10))).toBe(Errno.EAGAIN);
    must(await sys.write(master, enc('partial')));
    expect(errnoOf(await sys.read(nb, 10))).toBe(Errno.EAGAIN); // no line yet
  });

  it('raw mode returns bytes as they come, without echo; TCGETS returns a copy', async () => {
    const { root: sys } = await machine();
    const [master, slave] = await openpty(sys);
    const before = must(await sys.ioctl(slave, IOCTL.TCGETS)) as { icanon: boolean; echo: boolean; icrnl: boolean };
    expect(before).toMatchObject({ icanon: true, echo: true, isig: true, onlcr: true, icrnl: true, opost: true });
    before.icanon = false;
    expect((must(await sys.ioctl(slave, IOCTL.TCGETS)) as { icanon: boolean }).icanon).toBe(true);
    must(await sys.ioctl(slave, IOCTL.TCSETS, { icanon: false, echo: false, icrnl: false }));
    must(await sys.write(master, enc('a\rb')));
    expect(dec(must(await sys.read(slave, 100)))).toBe('a\rb');
    must(await sys.fcntl(master, F.SETFL, O.NONBLOCK));
    expect(errnoOf(await sys.read(master, 10))).toBe(Errno.EAGAIN); // nothing was echoed
  });
});

describe('sessions and signals', () => {
  it('^C sends SIGINT to the foreground group only and echoes ^C', async () => {
    const m = await machine();
    const { root: host } = m;
    const [master, , n] = await openpty(host);
    const leader = m.kernel.spawn({
      argv: ['leader'],
      program: async (_a, _e, sys) => {
        must(await sys.setsid());
        const tty = must(await sys.openat(AT_FDCWD, `/dev/pts/${n}`, O.RDWR)); // acquires the ctty
        must(await sys.sigaction(SIG.INT, 'ignore'));
        const fg = must(await sys.clone(0, async (c) => { await c.sigaction(SIG.INT, 'default'); await c.pause(); return 0; }));
        const bg = must(await sys.clone(0, async (c) => { await c.sigaction(SIG.INT, 'default'); await c.pause(); return 0; }));
        must(await sys.setpgid(bg, bg));
        must(await sys.write(tty, enc('ready\n')));
        const w = must(await sys.wait4(fg, 0));
        const bgAlive = must(await sys.wait4(bg, WNOHANG)).pid === 0;
        must(await sys.kill(bg, SIG.KILL));
        return WIFSIGNALED(w.status) && WTERMSIG(w.status) === SIG.INT && bgAlive ? 0 : 1;
      },
    });
    await readUntil(host, master, 'ready');
    must(await host.write(master, enc('\x03')));
    expect(dec(must(await host.read(master, 100)))).toBe('^C');
    expect(await leader.exited).toBe(0);
  });

  it('TIOCSWINSZ stores the size and sends SIGWINCH to the foreground group', async () => {
    const m = await machine();
    const [master, , n] = await openpty(m.root);
    const child = m.kernel.spawn({
      argv: ['winch'],
      program: async (_a, _e, sys) => {
        must(await sys.setsid());
        const tty = must(await sys.openat(AT_FDCWD, `/dev/pts/${n}`, O.RDWR));
        let got = 0;
        must(await sys.sigaction(SIG.WINCH, (s) => { got = s; }));
        must(await sys.write(tty, enc('ready\n')));
        await sys.pause();
        const ws = must(await sys.ioctl(tty, IOCTL.TIOCGWINSZ));
        return got === SIG.WINCH && JSON.stringify(ws) === JSON.stringify({ rows: 30, cols: 100 }) ? 7 : 1;
      },
    });
    await readUntil(m.root, master, 'ready');
    must(await m.root.ioctl(master, IOCTL.TIOCSWINSZ, { rows: 30, cols: 100 }));
    expect(await child.exited).toBe(7 << 8);
  });

  it('closing the master hangs up: SIGHUP to the session leader, EOF and EIO on the slave', async () => {
    const m = await machine();
    const [master, , n] = await openpty(m.root);
    const child = m.kernel.spawn({
      argv: ['hup'],
      program: async (_a, _e, sys) => {
        must(await sys.setsid());
        const tty = must(await sys.openat(AT_FDCWD, `/dev/pts/${n}`, O.RDWR));
        let got = 0;
        must(await sys.sigaction(SIG.HUP, (s) => { got = s; }));
        must(await sys.write(tty, enc('ready\n')));
        await sys.pause();
        const r = must(await sys.read(tty, 10));
        const w = await sys.write(tty, enc('x'));
        const devTty = await sys.openat(AT_FDCWD, '/dev/tty', O.RDWR);
        return got === SIG.HUP && r.length === 0 && errnoOf(w) === Errno.EIO && errnoOf(devTty) === Errno.ENXIO ? 7 : 1;
      },
    });
    await readUntil(m.root, master, 'ready');
    must(await m.root.close(master));
    expect(await child.exited).toBe(7 << 8);
    expect(await list(m.root, '/dev/pts')).toEqual(['ptmx']);
  });

  it('the master reads EIO once every slave is closed and the output is drained', async () => {
    const { root: sys } = await machine();
    const [master, slave] = await openpty(sys);
    must(await sys.write(slave, enc('bye\n')));
    must(await sys.close(slave));
    expect(dec(must(await sys.read(master, 100)))).toBe('bye\r\n');
    expect(errnoOf(await sys.read(master, 100))).toBe(Errno.EIO);
  });

  it('TIOCSCTTY makes the controlling terminal; /dev/tty opens it (ENXIO without one)', async () => {
    const m = await machine();
    expect(errnoOf(await m.root.openat(AT_FDCWD, '/dev/tty', O.RDWR))).toBe(Errno.ENXIO);
    const [master, , n] = await openpty(m.root);
    const child = m.kernel.spawn({
      argv: ['ctty'],
      program: async (_a, _e, sys) => {
        const pid = must(await sys.setsid());
        const tty = must(await sys.openat(AT_FDCWD, `/dev/pts/${n}`, O.RDWR | O.NOCTTY));
        if (errnoOf(await sys.openat(AT_FDCWD, '/dev/tty', O.RDWR)) !== Errno.ENXIO) return 1;
        if (errnoOf(await sys.ioctl(tty, IOCTL.TIOCGPGRP)) !== Errno.ENOTTY) return 2;
        must(await sys.ioctl(tty, IOCTL.TIOCSCTTY, 0));
        if (must(await sys.ioctl(tty, IOCTL.TIOCGPGRP)) !== pid || must(await sys.ioctl(tty, IOCTL.TIOCGSID)) !== pid) return 3;
        if (errnoOf(await sys.ioctl(tty, IOCTL.TIOCSPGRP, 99999)) !== Errno.ESRCH) return 4;
        const dev = must(await sys.openat(AT_FDCWD, '/dev/tty', O.RDWR));
        must(await sys.write(dev, enc('via /dev/tty\n')));
        return 0;
      },
    });
    expect(await child.exited).toBe(0);
    expect(await readUntil(m.root, master, '\n')).toBe('via /dev/tty\r\n');
  });
});

describe('pidfd_getfd', () => {
  it('shares the open file description of another process', async () => {
    const m = await machine();
    const child = m.kernel.spawn({
      argv: ['holder'],
      program: async (_a, _e, sys) => {
        const master = must(await sys.openat(AT_FDCWD, '/dev/ptmx', O.RDWR | O.NOCTTY));
        must(await sys.ioctl(master, IOCTL.TIOCSPTLCK, 0));
        await sys.pause();
        return 0;
      },
    });
    const sys = m.root;
    while (!(await list(sys, '/dev/pts')).includes('0')) await sys.nanosleep(1000);
    const pidfd = must(await sys.pidfd_open(child.pid, 0));
    expect(errnoOf(await sys.pidfd_getfd(pidfd, 5, 0))).toBe(Errno.EBADF);
    expect(errnoOf(await sys.pidfd_getfd(pidfd, 0, 1))).toBe(Errno.EINVAL);
    const master = must(await sys.pidfd_getfd(pidfd, 0, 0));
    expect(must(await sys.fcntl(master, F.GETFD))).toBe(FD_CLOEXEC);
    expect(must(await sys.ioctl(master, IOCTL.TIOCGPTN))).toBe(0);
    const slave = must(await sys.openat(AT_FDCWD, '/dev/pts/0', O.RDWR | O.NOCTTY));
    must(await sys.write(slave, enc('hello\n')));
    expect(dec(must(await sys.read(master, 100)))).toBe('hello\r\n');
    const user = await m.user(1000);
    const userPidfd = must(await user.pidfd_open(child.pid, 0));
    expect(errnoOf(await user.pidfd_getfd(userPidfd, 0, 0))).toBe(Errno.EPERM);
    expect(errnoOf(await sys.pidfd_getfd(slave, 0, 0))).toBe(Errno.EBADF);
    must(await sys.kill(child.pid, SIG.KILL));
    await child.exited;
    expect(errnoOf(await sys.pidfd_getfd(pidfd, 0, 0))).toBe(Errno.ESRCH);
    expect(errnoOf(await sys.pidfd_open(999999, 0))).toBe(Errno.ESRCH);
  });
});
