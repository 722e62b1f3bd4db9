// md5sum, sha1sum, sha256sum: print or check (-c) message digests of files.
import type { Applet, AppletContext } from '../applet.js';
import { bstr, closeInput, openInput, splitLines } from './lib/io.js';
import { md5, sha1, sha256 } from './lib/hash.js';
import { appletName, errText, errorMsg, parseArgs } from './lib/report.js';

const HASHES: Record<string, (d: Uint8Array) => string> = { md5sum: md5, sha1sum: sha1, sha256sum: sha256 };

async function digestFile(ctx: AppletContext, fn: (d: Uint8Array) => string, f: string): Promise<string | undefined> {
  let fd: number;
  try { fd = await openInput(ctx.libc, f); } catch (e) {
    await errorMsg(ctx, `can't open '${f}': ${errText(e)}`);
    return undefined;
  }
  try { return fn(await ctx.libc.readAll(fd)); } catch (e) {
    await errorMsg(ctx, `${f}: ${errText(e)}`);
    return undefined;
  } finally { await closeInput(ctx.libc, fd); }
}

/** md5sum/sha1sum/sha256sum [-c[sw]] [FILE]... */
export const hashsum: Applet = async (ctx) => {
  const fn = HASHES[appletName(ctx)] ?? md5;
  const o = await parseArgs(ctx, 'bctsw', `${appletName(ctx)} [-c[sw]] [FILE]...`);
  if (!o) return 1;
  const files = o.operands.length ? o.operands : ['-'];
  let status = 0;
  if (!o.has('c')) {
    for (const f of files) {
      const d = await digestFile(ctx, fn, f);
      if (d === undefined) { status = 1; continue; }
      await ctx.out.write(`${d}  ${f}\n`);
    }
    return status;
  }
  let bad = 0;
  let total = 0;
  for (const list of files) {
    const fd = await openInput(ctx.libc, list);
    const lines = splitLines(bstr(await ctx.libc.readAll(fd)));
    await closeInput(ctx.libc, fd);
    for (const line of lines) {
      const m = /^([0-9a-fA-F]+) [ *](.*)$/.exec(line);
      if (!m) continue;
      total++;
      const d = await digestFile(ctx, fn, m[2]);
      const ok = d !== undefined && d === m[1].toLowerCase();
      if (!ok) bad++;
      if (!o.has('s') && !(o.has('q') && ok)) await ctx.out.write(`${m[2]}: ${ok ? 'OK' : 'FAILED'}\n`);
    }
  }
  if (bad) {
    if (!o.has('s')) await errorMsg(ctx, `WARNING: ${bad} of ${total} computed checksums did NOT match`);
    return 1;
  }
  return status;
};
