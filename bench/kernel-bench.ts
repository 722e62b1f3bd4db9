// Kernel benchmarks (issue 2): syscalls per second, fork+exec+wait per second, and the real
// memory of 10,000 sleeping processes. Figures are real (host) time on the virtual clock.
import { AT_FDCWD, O, type Program } from '../src/abi/index.js';
import { bootMachine } from '../src/boot/machine.js';

const exitNow: Program = async () => 0;

async function rate(label: string, target: string, body: () => Promise<number>): Promise<string> {
  const start = performance.now();
  const n = await body();
  const sec = (performance.now() - start) / 1000;
  return `${label.padEnd(34)} ${Math.round(n / sec).toLocaleString('en-US').padStart(12)} /s   (aim ${target})`;
}

export async function kernelBench(): Promise<string[]> {
  const m = await bootMachine({ userland: { programs: { exit: exitNow }, executables: { '/bin/exit': 'exit' }, links: {} } });
  await m.libc.writeFile('/tmp/4k', new Uint8Array(4096));
  const lines: string[] = [];
  const inProcess = (label: string, target: string, n: number, step: (sys: Parameters<Program>[2]) => Promise<unknown>) =>
    rate(label, target, async () => {
      await m.kernel.spawn({
        argv: ['bench'],
        program: async (_a, _e, sys) => {
          for (let i = 0; i < n; i++) await step(sys);
          return 0;
        },
      }).exited;
      return n;
    });

  lines.push(await inProcess('getpid', '≥ 1,000,000', 300_000, (sys) => sys.getpid()));
  lines.push(await inProcess('open+close', 'none set', 100_000, async (sys) => {
    const r = await sys.openat(AT_FDCWD, '/tmp/4k', O.RDONLY, 0);
    if (r.ok) await sys.close(r.value);
  }));
  lines.push(await rate('4 KiB pread', 'none set', async () => {
    const n = 100_000;
    await m.kernel.spawn({
      argv: ['bench'],
      program: async (_a, _e, sys) => {
        const fd = await sys.openat(AT_FDCWD, '/tmp/4k', O.RDONLY, 0);
        if (!fd.ok) return 1;
        for (let i = 0; i < n; i++) await sys.pread(fd.value, 4096, 0);
        return 0;
      },
    }).exited;
    return n;
  }));
  lines.push(await inProcess('fork+exec+wait', '≥ 20,000', 20_000, async (sys) => {
    const pid = await sys.clone(0, async (child) => {
      await child.execve('/bin/exit', ['exit'], []);
      return 127;
    });
    if (pid.ok) await sys.wait4(pid.value, 0);
  }));

  // 10,000 sleeping processes: real heap growth per process.
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const sleepers = 10_000;
  let started = 0;
  const ready = new Promise<void>((resolve) => {
    m.kernel.spawn({
      argv: ['parent'],
      program: async (_a, _e, sys) => {
        for (let i = 0; i < sleepers; i++) {
          await sys.clone(0, async (c) => {
            if (++started === sleepers) resolve();
            await c.nanosleep(3600e9);
            return 0;
          });
        }
        await sys.nanosleep(7200e9);
        return 0;
      },
    });
  });
  await ready;
  global.gc?.();
  const after = process.memoryUsage().heapUsed;
  const mib = (after - before) / 1024 / 1024;
  lines.push(`${'10,000 sleeping processes'.padEnd(34)} ${mib.toFixed(1).padStart(12)} MiB  (${Math.round((after - before) / sleepers)} bytes each)`);
  return lines;
}
