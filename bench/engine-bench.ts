// Engine benchmarks (issue 7): containers created + started + exited per second, and the real
// memory of idle running containers, on a virtual-clock machine with the engine on a temp disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootMachine } from '../src/boot/machine.js';
import { startEngine } from '../src/boot/engine-wiring.js';

export async function engineBench(): Promise<string[]> {
  const dataRoot = mkdtempSync(join(tmpdir(), 'skiff-engine-bench-'));
  const m = await bootMachine();
  const { backends } = await startEngine({ machine: m, dataRoot });
  const c = backends.container;
  for await (const _ of await backends.image.imagePull({ fromImage: 'busybox', tag: 'latest' }, new AbortController().signal)) { /* drain */ }
  const lines: string[] = [];
  const never = new AbortController().signal;

  const runs = 200;
  let start = performance.now();
  for (let i = 0; i < runs; i++) {
    const { Id } = await c.containerCreate({ config: { Image: 'busybox', Cmd: ['true'] } });
    const wait = await c.containerWait(Id, 'next-exit', never);
    await c.containerStart(Id, {});
    await wait.result;
  }
  const perSec = runs / ((performance.now() - start) / 1000);
  lines.push(`${'create+start+exit (busybox true)'.padEnd(38)} ${perSec.toFixed(0).padStart(8)} /s   (aim ≥ 2,000)`);

  const idle = 1000;
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  start = performance.now();
  for (let i = 0; i < idle; i++) {
    const { Id } = await c.containerCreate({ config: { Image: 'busybox', Cmd: ['cat'], OpenStdin: true } });
    await c.containerStart(Id, {});
  }
  const startSec = (performance.now() - start) / 1000;
  globalThis.gc?.();
  const mib = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
  lines.push(`${`${idle.toLocaleString('en-US')} idle running containers`.padEnd(38)} ${mib.toFixed(1).padStart(8)} MiB (${((mib * 1024) / idle).toFixed(1)} KiB each; started in ${startSec.toFixed(1)} s)`);
  rmSync(dataRoot, { recursive: true, force: true });
  return lines;
}
