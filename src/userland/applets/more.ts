// more and less: pagers. Without a terminal on stdout they copy their input through, as
// busybox does; on a terminal they page by screenfuls (any key or space continues, q quits).
import type { Applet } from '../applet.js';
import { cat } from './cat.js';
import { bstr, bbytes } from './lib/io.js';
import { terminalSize } from './lib/fsutil.js';
import { errText, errorMsg } from './lib/report.js';

/** more/less [FILE]... */
export const more: Applet = async (ctx) => {
  const tty = await terminalSize(ctx.libc, 1);
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (!tty) return cat({ ...ctx, argv: ['cat', ...files] });
  const rows = Math.max(2, tty.rows - 1);
  let status = 0;
  for (const f of files.length ? files : ['-']) {
    let text: string;
    try { text = f === '-' ? bstr(await ctx.libc.readAll(0)) : bstr(await ctx.libc.readFile(f)); } catch (e) {
      await errorMsg(ctx, `can't open '${f}': ${errText(e)}`);
      status = 1;
      continue;
    }
    const lines = text.split(/(?<=\n)/);
    for (let i = 0; i < lines.length; i += rows) {
      await ctx.out.write(bbytes(lines.slice(i, i + rows).join('')));
      if (i + rows >= lines.length) break;
      await ctx.out.write(`--More-- (${Math.floor(((i + rows) * 100) / lines.length)}%)`);
      await ctx.out.flush();
      const key = await ctx.libc.read(2, 1).catch(() => new Uint8Array(0));
      await ctx.out.write('\r\x1b[K');
      if (key.length === 0 || key[0] === 0x71) return status;
    }
  }
  return status;
};
