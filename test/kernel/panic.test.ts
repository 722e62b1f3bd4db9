// "A kernel bug takes down every container": a panic kills every process on the shared kernel.
import { describe, expect, it } from 'vitest';
import { CLONE } from '../../src/abi/index.js';
import { bootMachine } from '../../src/boot/machine.js';

describe('kernel panic', () => {
  it('writing c to /proc/sysrq-trigger kills every process, in every PID namespace', async () => {
    const m = await bootMachine();
    let reason = '';
    m.kernel.onPanic = (r) => { reason = r; };
    const sleepers = [0, 1, 2].map(() => m.kernel.spawn({
      argv: ['container-init'],
      program: async (_a, _e, sys) => {
        await sys.clone(CLONE.NEWPID, async (s) => { await s.nanosleep(3600e9); return 0; });
        await sys.nanosleep(3600e9);
        return 0;
      },
    }));
    const crash = await m.system('echo c > /proc/sysrq-trigger; echo survived');
    expect(crash.code).toBe(137);
    expect(crash.stdout).toBe('');
    for (const s of sleepers) expect(await s.exited).toBe(9);
    expect(reason).toBe('sysrq triggered crash');
    expect([...m.kernel.processes.values()].filter((p) => !p.external && p.alive)).toEqual([]);
  });
});
