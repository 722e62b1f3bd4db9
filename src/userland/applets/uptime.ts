// uptime: the time, how long the system has been up, users, and the load averages.
import { CLOCK } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { check } from '../libc/index.js';
import { strftime } from './lib/strftime.js';

/** The "up ..." part of uptime's line for `secs` seconds. */
export function upText(secs: number): string {
  const days = Math.floor(secs / 86400);
  const mins = Math.floor(secs / 60) % 60;
  const hours = Math.floor(secs / 3600) % 24;
  let s = 'up ';
  if (days) s += `${days} day${days === 1 ? '' : 's'}, `;
  s += hours ? `${String(hours).padStart(2)}:${String(mins).padStart(2, '0')}` : `${mins} min`;
  return s;
}

/** uptime */
export const uptime: Applet = async (ctx) => {
  const si = check(await ctx.sys.sysinfo(), 'sysinfo');
  const now = check(await ctx.sys.clock_gettime(CLOCK.REALTIME), 'clock_gettime');
  const l = si.loads.map((x) => x.toFixed(2));
  await ctx.out.write(` ${strftime('%H:%M:%S', now.sec)} ${upText(si.uptimeSec)},  0 users,  load average: ${l.join(', ')}\n`);
  return 0;
};
