// uname: prints system information from uname(2) in the canonical field order.
import type { Applet } from '../applet.js';
import { check } from '../libc/index.js';
import { parseArgs } from './lib/report.js';

/** uname [-amnrspvio] */
export const uname: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'asnrvmpio', 'uname [-amnrspvio]', { long: { all: 'a', 'kernel-name': 's', nodename: 'n', 'kernel-release': 'r', 'kernel-version': 'v', machine: 'm', processor: 'p', 'hardware-platform': 'i', 'operating-system': 'o' } });
  if (!o) return 1;
  const u = check(await ctx.sys.uname(), 'uname');
  const all = o.has('a');
  const fields: string[] = [];
  if (all || o.has('s') || !['n', 'r', 'v', 'm', 'p', 'i', 'o'].some((f) => o.has(f))) fields.push(u.sysname);
  if (all || o.has('n')) fields.push(u.nodename);
  if (all || o.has('r')) fields.push(u.release);
  if (all || o.has('v')) fields.push(u.version);
  if (all || o.has('m')) fields.push(u.machine);
  if (!all && o.has('p')) fields.push('unknown');
  if (!all && o.has('i')) fields.push('unknown');
  if (all || o.has('o')) fields.push('GNU/Linux');
  await ctx.out.write(`${fields.join(' ')}\n`);
  return 0;
};
