// `npm run bench`: runs every benchmark and prints its figures and ratios.
import { kernelBench } from './kernel-bench.js';

const suites: [string, () => Promise<string[]>][] = [['kernel', kernelBench]];

for (const [name, run] of suites) {
  console.log(`# ${name}`);
  for (const line of await run()) console.log(line);
}
process.exit(0);
