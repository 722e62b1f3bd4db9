// Engine benchmarks (issue 7): containers created + started + exited per second, and the real
// memory of 10,000 idle running containers, on a virtual-clock machine with the engine on a temp disk.
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

  const runs = 1000;
  let start = performance.now();
  for (let i = 0; i < runs; i++) {
    const { Id } = await c.containerCreate({ config: { Image: 'busybox', Cmd: ['true'] } });
    const wait = await c.containerWait(Id, 'next-exit', never);
    await c.containerStart(Id, {});
    await wait.result;
  }
  const perSec = runs / ((performance.now() - start) / 1000);
  lines.push(`${'create+start+exit (busybox true)'.padEnd(38)} ${perSec.toFixed(0).padStart(8)} /s   (aim ≥ 2,000)`);

  // Idle running containers (`cat` on an open stdin): what each one costs the daemon's real
  // memory, as the heap (after a full GC; `npm run bench` runs node with --expose-gc) and the
  // process's resident set grow. SKIFF_BENCH_IDLE overrides the count.
  const idle = Number(process.env.SKIFF_BENCH_IDLE ?? 10_000);
  globalThis.gc?.();
  const before = process.memoryUsage();
  start = performance.now();
  for (let i = 0; i < idle; i++) {
    const { Id } = await c.containerCreate({ config: { Image: 'busybox', Cmd: ['cat'], OpenStdin: true } });
    await c.containerStart(Id, {});
  }
  const startSec = (performance.now() - start) / 1000;
  globalThis.gc?.();
  const after = process.memoryUsage();
  const mib = (bytes: number) => bytes / 1024 / 1024;
  const heap = after.heapUsed + after.external - before.heapUsed - before.external; // external includes ArrayBuffers
  const rss = after.rss - before.rss;
  const label = `${idle.toLocaleString('en-US')} idle running containers`;
  lines.push(`${`${label}, heap`.padEnd(38)} ${mib(heap).toFixed(1).padStart(8)} MiB (${(heap / 1024 / idle).toFixed(1)} KiB each${globalThis.gc ? '' : ', no --expose-gc'}; started in ${startSec.toFixed(1)} s, ${(idle / startSec).toFixed(0)}/s)`);
  lines.push(`${`${label}, RSS`.padEnd(38)} ${mib(rss).toFixed(1).padStart(8)} MiB (${(rss / 1024 / idle).toFixed(1)} KiB each; aim ≤ 1 GiB for 10,000)`);
  rmSync(dataRoot, { recursive: true, force: true });
  return lines;
}
