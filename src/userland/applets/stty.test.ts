// stty and tty on a pty slave of a booted machine, against output recorded from real busybox
// in `docker run -it` (fixtures/stty.json): the settings display, its wrapping at the
// terminal's width, raw/-raw/-echo, size.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AT_FDCWD, Errno, O, type Winsize } from '../../abi/index.js';
import { bootMachine } from '../../boot/machine.js';
import { openpty } from '../libc/terminal.js';
import { shUserland } from '../sh/testing/userland.js';

const dec = new TextDecoder();
const here = dirname(fileURLToPath(import.meta.url));
const fixtures: Record<string, unknown> = JSON.parse(readFileSync(join(here, 'fixtures/stty.json'), 'utf8'));

/** Runs `sh -c script` with a pty slave as stdin/stdout/stderr; returns what the master read. */
async function onPty(script: string, winsize: Winsize): Promise<string> {
  const m = await bootMachine({ userland: shUserland() });
  const host = m.host.sys;
  const pty = await openpty(host, { flags: O.CLOEXEC, winsize });
  const child = m.kernel.spawn({
    argv: ['/bin/sh'],
    parent: m.host.proc,
    program: async (_a, _e, sys) => {
      const r = await sys.openat(AT_FDCWD, pty.name, O.RDWR | O.NOCTTY);
      if (!r.ok) return 99;
      for (const fd of [0, 1, 2]) if (fd !== r.value) await sys.dup2(r.value, fd);
      await sys.execve('/bin/sh', ['sh', '-c', script], ['PATH=/bin:/usr/bin']);
      return 127;
    },
  });
  await child.exited;
  await host.close(pty.slave);
  let out = '';
  for (;;) {
    const r = await host.read(pty.master, 4096);
    if (!r.ok) {
      expect(r.errno).toBe(Errno.EIO); // every slave closed, output drained
      return out;
    }
    out += dec.decode(r.value);
  }
}

describe('stty', () => {
  for (const [name, c] of Object.entries(fixtures).filter(([k]) => k !== 'note')) {
    const { script, winsize, output } = c as { script: string; winsize: Winsize; output: string };
    it(`matches busybox: ${name} (${script})`, async () => {
      expect(await onPty(script, winsize)).toBe(output);
    });
  }

  it('sane restores the defaults; size on a 0x0 terminal fails as busybox does', async () => {
    const out = await onPty('stty raw -echo; stty sane; stty -icanon; stty; stty size; echo rc=$?', { rows: 0, cols: 0 });
    expect(out).toBe('speed 38400 baud; line = 0;\r\nintr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>;\r\n' +
      'eol2 = <undef>; swtch = <undef>; start = ^Q; stop = ^S; susp = ^Z; rprnt = ^R;\r\nwerase = ^W; lnext = ^V; flush = ^O; min = 1; time = 0;\r\n' +
      '-icanon\r\nstty: standard input: No child processes\r\nrc=1\r\n');
  });

  it('tty prints the slave path, or "not a tty" with status 1', async () => {
    expect(await onPty('tty; tty </dev/null; echo rc=$?; stty bogus; echo rc=$?', { rows: 24, cols: 80 }))
      .toBe("/dev/pts/0\r\nnot a tty\r\nrc=1\r\nstty: invalid argument 'bogus'\r\nrc=1\r\n");
  });

  it('rows and cols set the window size through TIOCSWINSZ', async () => {
    expect(await onPty('stty rows 30 cols 100; stty size', { rows: 24, cols: 80 })).toBe('30 100\r\n');
  });
});
