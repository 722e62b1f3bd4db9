// du: disk usage in 1K blocks (st_blocks/2), counting hard links once; -s summary, -a all
// files, -h human, -m MiB, -d N depth, -c total, -x one filesystem, -L follow links.
import { S, strerror } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { humanSize } from './lib/format.js';
import { listDir, tryStat } from './lib/fsutil.js';
import type { Options } from './lib/getopt.js';
import { joinPath } from './lib/paths.js';
import { errorMsg, parseArgs } from './lib/report.js';

class Du {
  status = 0;
  private seen = new Set<string>();
  constructor(private readonly ctx: AppletContext, private readonly o: Options, private readonly maxDepth: number) {}

  fmt(kb: number): string {
    if (this.o.has('h')) return humanSize(kb, 1024);
    if (this.o.has('m')) return String(Math.ceil(kb / 1024));
    return String(kb);
  }

  async walk(path: string, depth: number, dev?: number): Promise<number> {
    const r = await tryStat(this.ctx.libc, path, this.o.has('L') || (depth === 0 && this.o.has('H')));
    if (!r.st) { await errorMsg(this.ctx, `${path}: ${strerror(r.errno!)}`); this.status = 1; return 0; }
    const st = r.st;
    const key = `${st.dev}:${st.ino}`;
    if (st.nlink > 1 && (st.mode & S.IFMT) !== S.IFDIR) {
      if (this.seen.has(key)) return 0;
      this.seen.add(key);
    }
    let kb = Math.floor(st.blocks / 2);
    if ((st.mode & S.IFMT) === S.IFDIR && !(this.o.has('x') && dev !== undefined && st.dev !== dev)) {
      let names: string[] = [];
      try { names = await listDir(this.ctx.libc, path); } catch (e) {
        await errorMsg(this.ctx, `${path}: ${(e as Error).message}`);
        this.status = 1;
      }
      for (const n of names) kb += await this.walk(joinPath(path, n), depth + 1, dev ?? st.dev);
      if (depth <= this.maxDepth && (!this.o.has('s') || depth === 0)) await this.ctx.out.write(`${this.fmt(kb)}\t${path}\n`);
    } else if (depth === 0 || (this.o.has('a') && depth <= this.maxDepth)) {
      await this.ctx.out.write(`${this.fmt(kb)}\t${path}\n`);
    }
    return kb;
  }
}

/** du [-aHLdclsxhmk] [FILE]... */
export const du: Applet = async (ctx) => {
  const o = await parseArgs(ctx, 'aHLd:clsxhmk', 'du [-aHLdclsxhmk] [FILE]...');
  if (!o) return 1;
  const d = new Du(ctx, o, o.has('d') ? Number(o.get('d')) : Infinity);
  let total = 0;
  for (const p of o.operands.length ? o.operands : ['.']) total += await d.walk(p, 0);
  if (o.has('c')) await ctx.out.write(`${d.fmt(total)}\ttotal\n`);
  return d.status;
};
