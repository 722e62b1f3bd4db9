// An interactive shell on a pseudo-terminal of a booted machine, driven from the master by a
// host process as `docker run -it` will: typed lines, ^C at the prompt and during a command,
// job control (the command's group holds the terminal), tty and stty on the slave.
import { describe, expect, it } from 'vitest';
import { AT_FDCWD, IOCTL, O, type Sys } from '../../abi/index.js';
import { bootMachine, type Machine } from '../../boot/machine.js';
import { openpty } from '../libc/terminal.js';
import { shUserland } from './testing/userland.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

function ok<T>(r: { ok: true; value: T } | { ok: false; errno: number }): T {
  if (!r.ok) throw new Error(`errno ${r.errno}`);
  return r.value;
}

/** Reads the master until the output ends with `want`; returns what was read. */
async function readUntil(sys: Sys, fd: number, want: string): Promise<string> {
  let text = '';
  while (!text.endsWith(want)) text += dec(ok(await sys.read(fd, 4096)));
  return text;
}

/** Boots a machine and starts `sh` as a session leader with the slave as its controlling terminal. */
async function interactiveShell(): Promise<{ m: Machine; master: number; exited: Promise<number>; banner: string }> {
  const m = await bootMachine({ userland: shUserland() });
  const host = m.host.sys;
  // The host keeps its slave fd until the shell is up: with no slave open a master read is EIO.
  const pty = await openpty(host, { flags: O.CLOEXEC });
  const child = m.kernel.spawn({
    argv: ['/bin/sh'],
    parent: m.host.proc,
    program: async (_a, _e, sys) => {
      ok(await sys.setsid());
      const tty = ok(await sys.openat(AT_FDCWD, pty.name, O.RDWR));
      for (const fd of [0, 1, 2]) if (fd !== tty) ok(await sys.dup2(tty, fd));
      if (tty > 2) await sys.close(tty);
      await sys.execve('/bin/sh', ['sh'], ['HOME=/root', 'PATH=/bin:/usr/bin:/sbin:/usr/sbin']);
      return 127;
    },
  });
  const banner = await readUntil(host, pty.master, '/ # ');
  await host.close(pty.slave);
  return { m, master: pty.master, exited: child.exited, banner };
}

describe('interactive sh on a pty', () => {
  it('echoes typed lines, runs them, prompts again and ends on exit', async () => {
    const { m, master, exited, banner } = await interactiveShell();
    const host = m.host.sys;
    expect(banner).toContain("built-in shell (ash)\r\nEnter 'help' for a list of built-in commands.\r\n\r\n/ # ");
    expect(banner).not.toContain("can't access tty");
    ok(await host.write(master, enc('echo hi\r')));
    expect(await readUntil(host, master, '/ # ')).toBe('echo hi\r\nhi\r\n/ # ');
    ok(await host.write(master, enc('nosuch; cd /tmp\r')));
    expect(await readUntil(host, master, '/tmp # ')).toBe('nosuch; cd /tmp\r\nsh: nosuch: not found\r\n/tmp # ');
    ok(await host.write(master, enc('if true\r')));
    expect(await readUntil(host, master, '> ')).toBe('if true\r\n> ');
    ok(await host.write(master, enc('then echo y; fi\r')));
    expect(await readUntil(host, master, '/tmp # ')).toBe('then echo y; fi\r\ny\r\n/tmp # ');
    ok(await host.write(master, enc('exit 3\r')));
    expect(await exited).toBe(3 << 8);
  });

  it('^C kills the foreground command (its own process group), not the shell', async () => {
    const { m, master, exited } = await interactiveShell();
    const host = m.host.sys;
    ok(await host.write(master, enc('sleep 100\r')));
    await readUntil(host, master, 'sleep 100\r\n');
    let sleeper = [...m.kernel.processes.values()].find((p) => p.comm === 'sleep' && p.state === 'sleeping');
    while (!sleeper) {
      await host.nanosleep(1_000_000);
      sleeper = [...m.kernel.processes.values()].find((p) => p.comm === 'sleep' && p.state === 'sleeping');
    }
    expect(ok(await host.ioctl(master, IOCTL.TIOCGPGRP))).toBe(sleeper.pid);
    ok(await host.write(master, enc('\x03')));
    expect(await readUntil(host, master, '/ # ')).toBe('^C\r\n/ # ');
    ok(await host.write(master, enc('echo $?\r')));
    expect(await readUntil(host, master, '/ # ')).toBe('echo $?\r\n130\r\n/ # ');
    ok(await host.write(master, enc('abc')));
    await readUntil(host, master, 'abc');
    ok(await host.write(master, enc('\x03'))); // ^C at the prompt: the line is dropped
    expect(await readUntil(host, master, '/ # ')).toBe('^C\r\n/ # ');
    ok(await host.write(master, enc('echo after\r')));
    expect(await readUntil(host, master, '/ # ')).toBe('echo after\r\nafter\r\n/ # ');
    ok(await host.write(master, enc('\x04')));
    expect(await exited).toBe(0);
  });

  it('tty names the slave; stty size shows a TIOCSWINSZ; stty -echo stops the echo', async () => {
    const { m, master } = await interactiveShell();
    const host = m.host.sys;
    ok(await host.write(master, enc('tty\r')));
    expect(await readUntil(host, master, '/ # ')).toBe('tty\r\n/dev/pts/0\r\n/ # ');
    ok(await host.ioctl(master, IOCTL.TIOCSWINSZ, { rows: 30, cols: 100 }));
    ok(await host.write(master, enc('stty size\r')));
    expect(await readUntil(host, master, '/ # ')).toBe('stty size\r\n30 100\r\n/ # ');
    ok(await host.write(master, enc('stty -echo\r')));
    await readUntil(host, master, '/ # ');
    ok(await host.write(master, enc('echo quiet\r')));
    expect(await readUntil(host, master, '/ # ')).toBe('quiet\r\n/ # ');
  });
});
