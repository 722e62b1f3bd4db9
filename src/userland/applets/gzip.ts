// gzip, gunzip and zcat: compress FILE to FILE.gz (removing FILE unless -k), decompress back,
// or stream to stdout (-c, zcat, or when no FILE is given). Uses lib/gzip-format.ts.
import { AT_FDCWD, O, strerror } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import type { Options } from './lib/getopt.js';
import { gzipDecode, gzipEncode } from './lib/gzip-format.js';
import { InflateError } from './lib/inflate.js';
import { appletName, errText, errorMsg, parseArgs } from './lib/report.js';
import { tryStat } from './lib/fsutil.js';

async function processOne(ctx: AppletContext, o: Options, file: string, decompress: boolean, toStdout: boolean): Promise<boolean> {
  const libc = ctx.libc;
  let data: Uint8Array;
  let target = '';
  if (file !== '-' && !toStdout) {
    if (decompress) {
      const m = /\.(gz|tgz)$/.exec(file);
      if (!m) { await errorMsg(ctx, `${file}: unknown suffix - ignored`); return false; }
      target = m[1] === 'tgz' ? file.replace(/\.tgz$/, '.tar') : file.slice(0, -3);
    } else {
      if (file.endsWith('.gz')) { await errorMsg(ctx, `${file}: already has .gz suffix -- unchanged`); return false; }
      target = `${file}.gz`;
    }
  }
  try {
    data = file === '-' ? await libc.readAll(0) : await libc.readFile(file);
  } catch (e) {
    await errorMsg(ctx, file === '-' ? errText(e) : `${file}: ${errText(e)}`);
    return false;
  }
  let result: Uint8Array;
  if (decompress) {
    try { result = gzipDecode(data); } catch (e) {
      if (e instanceof InflateError) {
        await errorMsg(ctx, e.message === 'invalid magic' && appletName(ctx) === 'zcat' ? 'no gzip/bzip2/xz magic' : e.message);
        return false;
      }
      throw e;
    }
    if (o.has('t')) return true;
  } else {
    const st = file === '-' ? undefined : (await tryStat(libc, file, true)).st;
    const level = [1, 2, 3, 4, 5, 6, 7, 8, 9].find((l) => o.has(String(l)));
    result = gzipEncode(data, { name: file === '-' ? undefined : file.slice(file.lastIndexOf('/') + 1), mtime: st?.mtime.sec ?? 0, level });
  }
  if (!target) { await ctx.out.write(result); return true; }
  const flags = O.WRONLY | O.CREAT | (o.has('f') ? O.TRUNC : O.EXCL);
  const st = (await tryStat(libc, file, true)).st;
  const r = await ctx.sys.openat(AT_FDCWD, target, flags, st ? st.mode & 0o7777 : 0o644);
  if (!r.ok) { await errorMsg(ctx, `can't open '${target}': ${strerror(r.errno)}`); return false; }
  try { await libc.writeAll(r.value, result); } finally { await ctx.sys.close(r.value); }
  if (st) await ctx.sys.utimensat(AT_FDCWD, target, st.atime.sec * 1000, st.mtime.sec * 1000, 0);
  if (!o.has('k')) await ctx.sys.unlinkat(AT_FDCWD, file, 0);
  return true;
}

async function run(ctx: AppletContext, decompressDefault: boolean, stdoutDefault: boolean): Promise<number> {
  const name = appletName(ctx);
  const o = await parseArgs(ctx, 'cdfktnqv123456789', `${name} [-cfkdt] [FILE]...`, { long: { stdout: 'c', decompress: 'd', force: 'f', keep: 'k', test: 't' } });
  if (!o) return 1;
  const decompress = decompressDefault || o.has('d') || o.has('t');
  const files = o.operands.length ? o.operands : ['-'];
  let status = 0;
  for (const f of files) {
    if (!(await processOne(ctx, o, f, decompress, stdoutDefault || o.has('c') || o.has('t')))) status = 1;
  }
  return status;
}

/** gzip [-cfkdt123456789] [FILE]... */
export const gzip: Applet = (ctx) => run(ctx, false, false);
/** gunzip [-cfkt] [FILE]... */
export const gunzip: Applet = (ctx) => run(ctx, true, false);
/** zcat [FILE]... */
export const zcat: Applet = (ctx) => run(ctx, true, true);
