// Black-box tests of fd tables (dup, fcntl, close-on-exec, EMFILE) and pipes through syscalls.
import { describe, expect, it } from 'vitest';
import { AT_FDCWD, Errno, F, FD_CLOEXEC, O, SEEK, SIG, WIFSIGNALED, WTERMSIG, type SysResult } from '../../abi/index.js';
import { bootTestMachine, must } from './test-harness.js';
import { PIPE_CAPACITY } from './pipe.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
const errnoOf = (r: SysResult<unknown>): number => (r.ok ? 0 : r.errno);

describe('fd table', () => {
  it('allocates the lowest free fd; dup shares the file position', async () => {
    const { root: sys } = bootTestMachine();
    const a = must(await sys.openat(AT_FDCWD, '/tmp/f', O.RDWR | O.CREAT, 0o600));
    const b = must(await sys.openat(AT_FDCWD, '/tmp/f', O.RDONLY));
    expect([a, b]).toEqual([0, 1]);
    must(await sys.close(a));
    const c = must(await sys.dup(b));
    expect(c).toBe(0);
    must(await sys.write(must(await sys.openat(AT_FDCWD, '/tmp/f', O.WRONLY)), enc('abcdef')));
    expect(dec(must(await sys.read(b, 2)))).toBe('ab');
    expect(dec(must(await sys.read(c, 2)))).toBe('cd');
    expect(must(await sys.lseek(b, 0, SEEK.CUR))).toBe(4);
  });

  it('dup2 replaces the target; dup3 validates; EBADF for closed fds', async () => {
    const { root: sys } = bootTestMachine();
    const a = must(await sys.openat(AT_FDCWD, '/dev/null', O.RDONLY));
    expect(must(await sys.dup2(a, 10))).toBe(10);
    expect(must(await sys.dup2(a, a))).toBe(a);
    expect(errnoOf(await sys.dup3(a, a, 0))).toBe(Errno.EINVAL);
    expect(errnoOf(await sys.dup3(a, 11, 1))).toBe(Errno.EINVAL);
    expect(must(await sys.dup3(a, 11, O.CLOEXEC))).toBe(11);
    expect(must(await sys.fcntl(11, F.GETFD))).toBe(FD_CLOEXEC);
    expect(must(await sys.fcntl(10, F.GETFD))).toBe(0);
    expect(errnoOf(await sys.dup(5))).toBe(Errno.EBADF);
    expect(errnoOf(await sys.dup2(5, 6))).toBe(Errno.EBADF);
    expect(errnoOf(await sys.close(5))).toBe(Errno.EBADF);
    expect(errnoOf(await sys.read(5, 1))).toBe(Errno.EBADF);
    expect(errnoOf(await sys.fstat(5))).toBe(Errno.EBADF);
    expect(errnoOf(await sys.dup2(a, -1))).toBe(Errno.EBADF);
    expect(errnoOf(await sys.dup2(a, 1024))).toBe(Errno.EBADF);
  });

  it('fcntl: F_DUPFD from a minimum, F_SETFD, F_GETFL/F_SETFL change only O_APPEND and O_NONBLOCK', async () => {
    const { root: sys } = bootTestMachine();
    const a = must(await sys.openat(AT_FDCWD, '/tmp/x', O.WRONLY | O.CREAT, 0o600));
    expect(must(await sys.fcntl(a, F.DUPFD, 5))).toBe(5);
    expect(must(await sys.fcntl(a, F.DUPFD, 5))).toBe(6);
    const c = must(await sys.fcntl(a, F.DUPFD_CLOEXEC, 0));
    expect(must(await sys.fcntl(c, F.GETFD))).toBe(FD_CLOEXEC);
    must(await sys.fcntl(c, F.SETFD, 0));
    expect(must(await sys.fcntl(c, F.GETFD))).toBe(0);
    expect(must(await sys.fcntl(a, F.GETFL))).toBe(O.WRONLY);
    must(await sys.fcntl(a, F.SETFL, O.APPEND | O.NONBLOCK | O.RDWR));
    expect(must(await sys.fcntl(5, F.GETFL))).toBe(O.WRONLY | O.APPEND | O.NONBLOCK);
    expect(errnoOf(await sys.fcntl(a, 9999))).toBe(Errno.EINVAL);
    expect(errnoOf(await sys.fcntl(a, F.DUPFD, -1))).toBe(Errno.EINVAL);
  });

  it('O_CLOEXEC fds are closed by closeOnExec, others survive; closeAll closes all', async () => {
    const m = bootTestMachine();
    const spawned = m.kernel.spawn({ external: true, argv: ['t'] });
    const sys = spawned.sys;
    const keep = must(await sys.openat(AT_FDCWD, '/dev/null', O.RDONLY));
    const drop = must(await sys.openat(AT_FDCWD, '/dev/null', O.RDONLY | O.CLOEXEC));
    spawned.proc.files.closeOnExec();
    expect(errnoOf(await sys.fstat(keep))).toBe(0);
    expect(errnoOf(await sys.fstat(drop))).toBe(Errno.EBADF);
    spawned.proc.files.closeAll();
    expect(errnoOf(await sys.fstat(keep))).toBe(Errno.EBADF);
  });

  it('EMFILE past 1024 fds', async () => {
    const { root: sys } = bootTestMachine();
    let last = -1;
    for (let i = 0; i < 1024; i++) last = must(await sys.openat(AT_FDCWD, '/dev/null', O.RDONLY));
    expect(last).toBe(1023);
    expect(errnoOf(await sys.openat(AT_FDCWD, '/dev/null', O.RDONLY))).toBe(Errno.EMFILE);
    expect(errnoOf(await sys.dup(0))).toBe(Errno.EMFILE);
    expect(errnoOf(await sys.pipe2(0))).toBe(Errno.EMFILE);
    must(await sys.close(7));
    expect(must(await sys.dup(0))).toBe(7);
  });

  it('O_PATH fds locate but do not read', async () => {
    const { root: sys } = bootTestMachine();
    must(await sys.mkdirat(AT_FDCWD, '/tmp/d', 0o755));
    const fd = must(await sys.openat(AT_FDCWD, '/tmp/d', O.PATH));
    expect(errnoOf(await sys.read(fd, 1))).toBe(Errno.EBADF);
    must(await sys.close(must(await sys.openat(fd, 'f', O.CREAT | O.WRONLY, 0o644))));
    expect(must(await sys.fstatat(fd, 'f', 0)).size).toBe(0);
    expect(errnoOf(await sys.openat(99, 'f', O.RDONLY))).toBe(Errno.EBADF);
    const file = must(await sys.openat(AT_FDCWD, '/tmp/d/f', O.RDONLY));
    expect(errnoOf(await sys.openat(file, 'x', O.RDONLY))).toBe(Errno.ENOTDIR);
    expect(must(await sys.fstatat(file, '', 0x1000)).size).toBe(0);
  });
});

describe('pipes', () => {
  it('moves bytes, reports EOF when writers close, and refuses lseek', async () => {
    const { root: sys } = bootTestMachine();
    const [r, w] = must(await sys.pipe2(0));
    expect(must(await sys.write(w, enc('hello')))).toBe(5);
    expect(dec(must(await sys.read(r, 3)))).toBe('hel');
    expect(dec(must(await sys.read(r, 10)))).toBe('lo');
    expect(errnoOf(await sys.lseek(r, 0, SEEK.SET))).toBe(Errno.ESPIPE);
    expect(errnoOf(await sys.pread(r, 1, 0))).toBe(Errno.ESPIPE);
    expect(errnoOf(await sys.read(w, 1))).toBe(Errno.EBADF);
    expect(errnoOf(await sys.write(r, enc('x')))).toBe(Errno.EBADF);
    expect(errnoOf(await sys.ioctl(r, 0x5401))).toBe(Errno.ENOTTY);
    const st = must(await sys.fstat(r));
    expect(st.mode & 0o170000).toBe(0o010000);
    must(await sys.close(w));
    expect(must(await sys.read(r, 10)).length).toBe(0);
  });

  it('a blocked read wakes when another process writes', async () => {
    const m = bootTestMachine();
    const a = m.kernel.spawn({ external: true, argv: ['a'] });
    const [r, w] = must(await a.sys.pipe2(0));
    let got = '';
    const reading = a.sys.read(r, 100).then((res) => { got = dec(must(res)); });
    await new Promise((res) => setTimeout(res, 5));
    expect(got).toBe('');
    must(await a.sys.write(w, enc('late')));
    await reading;
    expect(got).toBe('late');
  });

  it('O_NONBLOCK: EAGAIN on empty read and on a full pipe; small writes are all-or-nothing', async () => {
    const { root: sys } = bootTestMachine();
    const [r, w] = must(await sys.pipe2(O.NONBLOCK | O.CLOEXEC));
    expect(must(await sys.fcntl(r, F.GETFD))).toBe(FD_CLOEXEC);
    expect(errnoOf(await sys.read(r, 10))).toBe(Errno.EAGAIN);
    expect(must(await sys.write(w, new Uint8Array(PIPE_CAPACITY - 100)))).toBe(PIPE_CAPACITY - 100);
    expect(errnoOf(await sys.write(w, new Uint8Array(200)))).toBe(Errno.EAGAIN);
    expect(must(await sys.write(w, new Uint8Array(10000)))).toBe(100);
    expect(errnoOf(await sys.write(w, new Uint8Array(10000)))).toBe(Errno.EAGAIN);
    expect(must(await sys.read(r, 1 << 20)).length).toBe(PIPE_CAPACITY);
    expect(errnoOf(await sys.pipe2(0x40))).toBe(Errno.EINVAL);
  });

  it('a large blocking write completes as the reader drains the pipe', async () => {
    const m = bootTestMachine();
    const sys = m.root;
    const [r, w] = must(await sys.pipe2(0));
    const big = new Uint8Array(200_000).map((_, i) => i & 0xff);
    const writing = sys.write(w, big);
    let total = 0;
    const seen: number[] = [];
    while (total < big.length) {
      const chunk = must(await sys.read(r, 65536));
      for (let i = 0; i < chunk.length; i += 9973) seen.push(chunk[i] === ((total + i) & 0xff) ? 1 : 0);
      total += chunk.length;
    }
    expect(must(await writing)).toBe(200_000);
    expect(seen.every((x) => x === 1)).toBe(true);
  });

  it('writing with no reader fails with EPIPE (SIGPIPE ignored) or kills with SIGPIPE', async () => {
    const m = bootTestMachine();
    const sys = m.root;
    must(await sys.sigaction(SIG.PIPE, 'ignore'));
    const [r, w] = must(await sys.pipe2(0));
    must(await sys.close(r));
    expect(errnoOf(await sys.write(w, enc('x')))).toBe(Errno.EPIPE);
    const child = m.kernel.spawn({
      argv: ['writer'],
      program: async (_a, _e, s) => {
        const [r2, w2] = must(await s.pipe2(0));
        must(await s.close(r2));
        await s.write(w2, enc('x'));
        return 0;
      },
    });
    const status = await child.exited;
    expect(WIFSIGNALED(status)).toBe(true);
    expect(WTERMSIG(status)).toBe(SIG.PIPE);
  });

  it('fork shares pipe ends: EOF only after every writer copy is closed', async () => {
    const m = bootTestMachine();
    const parent = m.kernel.spawn({ external: true, argv: ['p'] });
    const [r, w] = must(await parent.sys.pipe2(0));
    const child = m.kernel.spawn({ external: true, argv: ['c'], parent: parent.proc, files: parent.proc.files.clone() });
    must(await parent.sys.close(w));
    must(await child.sys.write(w, enc('from child')));
    expect(dec(must(await parent.sys.read(r, 100)))).toBe('from child');
    let eof = false;
    const pending = parent.sys.read(r, 100).then((x) => { eof = must(x).length === 0; });
    await new Promise((res) => setTimeout(res, 5));
    expect(eof).toBe(false);
    must(await child.sys.close(w));
    await pending;
    expect(eof).toBe(true);
  });
});
