// `npm run bench`: runs every benchmark and prints its figures and ratios.
// `npm run bench -- kernel overlay` runs only the named suites.
import { existsSync } from 'node:fs';
import { kernelBench } from './kernel-bench.js';
import { cgroupBench } from './cgroup-bench.js';
import { overlayBench } from './overlay-bench.js';
import { shellBench } from './shell-bench.js';
import { engineBench } from './engine-bench.js';

type Suite = () => Promise<string[]>;

/** Suites written beside this file that may not exist yet in every checkout. */
async function optional(file: string, name: string): Promise<Suite | undefined> {
  if (!existsSync(new URL(`./${file}.js`, import.meta.url))) return undefined;
  const mod = (await import(`./${file}.js`)) as Record<string, Suite>;
  return mod[name];
}

const suites: [string, Suite | undefined][] = [
  ['kernel', kernelBench],
  ['cgroup', cgroupBench],
  ['overlay', overlayBench],
  ['shell', shellBench],
  ['engine', engineBench],
  ['build', await optional('build-bench', 'buildBench')],
  ['docker', await optional('docker-bench', 'dockerBench')],
];

const only = process.argv.slice(2);
for (const [name, run] of suites) {
  if (!run || (only.length > 0 && !only.includes(name))) continue;
  console.log(`# ${name}`);
  for (const line of await run()) console.log(line);
}
process.exit(0);
