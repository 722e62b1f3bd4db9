// hostname: prints or sets the UTS hostname (-s short name, -F FILE to read it from a file).
import { ErrnoError } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { check } from '../libc/index.js';
import { parseArgs, perrorMsg } from './lib/report.js';

/** hostname [-sF FILE] [HOSTNAME] */
export const hostname: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'sdfiF:', 'hostname [-sfid] [HOSTNAME | -F FILE]');
  if (!o) return 1;
  let name = o.operands[0];
  if (o.has('F')) name = (await ctx.libc.readTextFile(o.get('F')!)).split('\n')[0].trim();
  if (name !== undefined) {
    const r = await ctx.sys.sethostname(name);
    if (!r.ok) { await perrorMsg(ctx, 'sethostname', new ErrnoError(r.errno)); return 1; }
    return 0;
  }
  const u = check(await ctx.sys.uname(), 'uname');
  await ctx.out.write(`${o.has('s') ? u.nodename.split('.')[0] : u.nodename}\n`);
  return 0;
};
