// Userland benchmarks (issue 4): shell commands per second for `sh -c true` and for a
// 10-stage pipeline, run on the virtual clock through a booted machine with busybox.
import { bootMachine } from '../src/boot/machine.js';

export async function shellBench(): Promise<string[]> {
  const m = await bootMachine();
  const lines: string[] = [];
  const time = async (label: string, n: number, command: string) => {
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const r = await m.run(['/bin/sh', '-c', command]);
      if (r.code !== 0) throw new Error(`${command}: exit ${r.code}: ${r.stderr}`);
    }
    const perSec = n / ((performance.now() - start) / 1000);
    lines.push(`${label.padEnd(34)} ${Math.round(perSec).toLocaleString('en-US').padStart(12)} /s`);
  };
  await time('sh -c true', 2000, 'true');
  await time('10-stage pipeline', 300, 'echo hi | cat | cat | cat | cat | cat | cat | cat | cat | wc -c');
  return lines;
}
