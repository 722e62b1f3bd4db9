// The boot path end to end: kernel + VFS + skiff-elf binaries, driven through Machine.run.
import { describe, expect, it } from 'vitest';
import { bootMachine } from './machine.js';
import type { Program } from '../abi/index.js';
import { Libc } from '../userland/libc/index.js';

const echoArgs: Program = async (argv, _envp, sys) => {
  await new Libc(sys).writeAll(1, argv.slice(1).join(' ') + '\n');
  return argv.length;
};

const userland = {
  programs: { 'echo-args': echoArgs },
  executables: { '/bin/echo-args': 'echo-args' },
  links: { '/bin/ea': 'echo-args' },
};

describe('bootMachine', () => {
  it('runs an installed executable through execve and collects its output and status', async () => {
    const m = await bootMachine({ userland });
    const r = await m.run(['/bin/ea', 'hello', 'world']);
    expect(r).toMatchObject({ code: 3, stdout: 'hello world\n', stderr: '' });
  });

  it('a #! script runs its interpreter with the script path as an argument', async () => {
    const m = await bootMachine({ userland });
    await m.libc.writeFile('/tmp/script', '#!/bin/echo-args -x\nignored\n', 0o755);
    const r = await m.run(['/tmp/script', 'a']);
    expect(r.stdout).toBe('-x /tmp/script a\n');
  });

  it('execve of a missing file fails with ENOENT and of a non-executable with EACCES', async () => {
    const m = await bootMachine({ userland });
    await m.libc.writeFile('/tmp/plain', 'data', 0o644);
    expect((await m.run(['/nope'])).code).toBe(127);
    expect((await m.run(['/tmp/plain'])).code).toBe(126);
  });

  it('the virtual clock does not jump to a sleeper\'s wake-up while host code is between calls', async () => {
    const m = await bootMachine({ userland });
    const sleeper = m.kernel.spawn({ argv: ['sleeper'], program: async (_a, _e, sys) => { await sys.nanosleep(100e9); return 0; } });
    await m.run(['/bin/ea', 'x']);
    expect(m.kernel.clock.monotonicNs).toBeLessThan(1e9);
    expect(await sleeper.exited).toBe(0);
    expect(m.kernel.clock.monotonicNs).toBeGreaterThanOrEqual(100e9);
  });
});
