// dd: copies blocks (if= of= bs= ibs= obs= count= skip= seek= conv=notrunc,sync,noerror,fsync
// iflag/oflag ignored, status=none|noxfer) and reports "N+M records in/out" on stderr.
import { O, SEEK, strerror } from '../../abi/index.js';
import type { Applet } from '../applet.js';
import { concat } from '../libc/index.js';
import { parseSize } from './lib/number.js';
import { errorMsg, showUsage } from './lib/report.js';

/** dd [if=FILE] [of=FILE] [bs=N] [count=N] [skip=N] [seek=N] [conv=...] [status=...] */
export const dd: Applet = async (ctx) => {
  const usage = 'dd [if=FILE] [of=FILE] [ibs=N obs=N/bs=N] [count=N] [skip=N] [seek=N] [conv=notrunc|noerror|sync|fsync] [iflag=skip_bytes|fullblock|direct] [oflag=seek_bytes|append|direct] [status=noxfer|none]';
  const opts: Record<string, string> = {};
  for (const a of ctx.argv.slice(1)) {
    const eq = a.indexOf('=');
    if (eq <= 0) return showUsage(ctx, usage);
    opts[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const num = async (k: string, def: number): Promise<number | undefined> => {
    if (opts[k] === undefined) return def;
    const v = parseSize(opts[k]);
    if (v === undefined) { await errorMsg(ctx, `invalid number '${opts[k]}'`); return undefined; }
    return v;
  };
  const bs = await num('bs', 0);
  const ibs = bs || (await num('ibs', 512));
  const obs = bs || (await num('obs', 512));
  const count = await num('count', Infinity);
  const skip = await num('skip', 0);
  const seek = await num('seek', 0);
  if ([bs, ibs, obs, count, skip, seek].some((v) => v === undefined)) return 1;
  const conv = new Set((opts.conv ?? '').split(',').filter(Boolean));
  const status = opts.status;
  let inFd = 0;
  let outFd = 1;
  if (opts.if) {
    const r = await ctx.sys.openat(-100, opts.if, O.RDONLY, 0);
    if (!r.ok) { await errorMsg(ctx, `can't open '${opts.if}': ${strerror(r.errno)}`); return 1; }
    inFd = r.value;
  }
  if (opts.of) {
    const flags = O.WRONLY | O.CREAT | (conv.has('notrunc') || seek ? 0 : O.TRUNC) | ((opts.oflag ?? '').includes('append') ? O.APPEND : 0);
    const r = await ctx.sys.openat(-100, opts.of, flags, 0o666);
    if (!r.ok) { await errorMsg(ctx, `can't open '${opts.of}': ${strerror(r.errno)}`); return 1; }
    outFd = r.value;
    if (seek) {
      const s = await ctx.sys.lseek(outFd, seek! * obs!, SEEK.SET);
      if (s.ok && !conv.has('notrunc')) await ctx.sys.ftruncate(outFd, seek! * obs!);
    }
  }
  if (skip) {
    const s = await ctx.sys.lseek(inFd, skip! * ibs!, SEEK.SET);
    if (!s.ok) for (let i = 0; i < skip!; i++) if ((await ctx.libc.read(inFd, ibs!)).length === 0) break;
  }
  let fullIn = 0, partIn = 0, fullOut = 0, partOut = 0;
  let pending: Uint8Array[] = [];
  let pendingLen = 0;
  const flushOut = async (all: boolean): Promise<void> => {
    let buf = concat(pending, pendingLen);
    while (buf.length >= obs! || (all && buf.length > 0)) {
      const chunk = buf.subarray(0, Math.min(obs!, buf.length));
      await ctx.libc.writeAll(outFd, chunk);
      if (chunk.length === obs) fullOut++; else partOut++;
      buf = buf.subarray(chunk.length);
    }
    pending = buf.length ? [buf.slice()] : [];
    pendingLen = buf.length;
  };
  for (let n = 0; n < count!; n++) {
    let block = await ctx.libc.read(inFd, ibs!);
    if (block.length === 0) break;
    if (block.length === ibs) fullIn++; else partIn++;
    if (conv.has('sync') && block.length < ibs!) { const b = new Uint8Array(ibs!); b.set(block); block = b; }
    if (bs) {
      await ctx.libc.writeAll(outFd, block);
      if (block.length === bs) fullOut++; else partOut++;
    } else {
      pending.push(block);
      pendingLen += block.length;
      await flushOut(false);
    }
  }
  await flushOut(true);
  if (conv.has('fsync') || conv.has('fdatasync')) await ctx.sys.fsync(outFd);
  if (opts.if) await ctx.sys.close(inFd);
  if (opts.of) await ctx.sys.close(outFd);
  if (status !== 'none') {
    await ctx.out.flush();
    await ctx.err.write(`${fullIn}+${partIn} records in\n${fullOut}+${partOut} records out\n`);
  }
  return 0;
};
