// ls: lists directory contents in busybox's formats (one per line when not a terminal, columns
// with -C or on a tty, long format with -l). Sorting by name, -t, -S, reversed with -r.
import { CLOCK, S, major, minor, type Stat } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { humanSize, modeString } from './lib/format.js';
import { listDir, strcmp, terminalSize, tryStat } from './lib/fsutil.js';
import type { Options } from './lib/getopt.js';
import { NameCache } from './lib/passwd.js';
import { joinPath } from './lib/paths.js';
import { errorMsg, parseArgs } from './lib/report.js';
import { lsDate, strftime } from './lib/strftime.js';
import { strerror } from '../../abi/index.js';

const USAGE = 'ls [-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...';

interface Entry { name: string; path: string; st: Stat; target?: string }

class Lister {
  status = 0;
  private names: NameCache;
  private now = 0;
  private width = 80;
  private columns = false;
  printedAny = false;

  constructor(private readonly ctx: AppletContext, private readonly o: Options) {
    this.names = new NameCache(ctx.libc);
  }

  async init(): Promise<void> {
    const ts = await this.ctx.sys.clock_gettime(CLOCK.REALTIME);
    this.now = ts.ok ? ts.value.sec : 0;
    const tty = await terminalSize(this.ctx.libc, 1);
    if (tty && tty.cols > 0) this.width = tty.cols;
    if (this.o.has('w')) this.width = Number(this.o.get('w')) || 80;
    this.columns = !this.o.has('1') && !this.long && (this.o.has('C') || this.o.has('x') || !!tty);
  }

  private get long(): boolean { return this.o.has('l') || this.o.has('n') || this.o.has('T'); }

  private time(st: Stat): number {
    const t = this.o.has('c') ? st.ctime : this.o.has('u') ? st.atime : st.mtime;
    return t.sec * 1e9 + t.nsec;
  }

  sort(entries: Entry[]): Entry[] {
    const o = this.o;
    entries.sort((a, b) => {
      if (o.has('t')) { const d = this.time(b.st) - this.time(a.st); if (d) return d; }
      if (o.has('S')) { const d = b.st.size - a.st.size; if (d) return d; }
      return strcmp(a.name, b.name);
    });
    if (o.has('r')) entries.reverse();
    return entries;
  }

  private suffix(st: Stat): string {
    const fmt = st.mode & S.IFMT;
    if (fmt === S.IFDIR && (this.o.has('F') || this.o.has('p'))) return '/';
    if (!this.o.has('F')) return '';
    if (fmt === S.IFLNK) return '@';
    if (fmt === S.IFIFO) return '|';
    if (fmt === S.IFSOCK) return '=';
    if (fmt === S.IFREG && (st.mode & 0o111)) return '*';
    return '';
  }

  private async longLine(e: Entry): Promise<string> {
    const st = e.st;
    let line = '';
    if (this.o.has('i')) line += `${String(st.ino).padStart(7)} `;
    if (this.o.has('s')) line += `${String(Math.floor(st.blocks / 2)).padStart(6)} `;
    const numeric = this.o.has('n');
    const user = numeric ? String(st.uid) : (await this.names.user(st.uid)) ?? String(st.uid);
    const group = numeric ? String(st.gid) : (await this.names.group(st.gid)) ?? String(st.gid);
    line += `${modeString(st.mode)} ${String(st.nlink).padStart(4)} ${user.slice(0, 8).padEnd(8)} ${group.slice(0, 8).padEnd(8)} `;
    const fmt = st.mode & S.IFMT;
    if (fmt === S.IFCHR || fmt === S.IFBLK) line += `${String(major(st.rdev)).padStart(4)},${String(minor(st.rdev)).padStart(4)}`;
    else if (this.o.has('h')) line += humanSize(st.size).padStart(7);
    else line += String(st.size).padStart(9);
    const t = this.o.has('c') ? st.ctime : this.o.has('u') ? st.atime : st.mtime;
    line += ` ${this.o.has('T') ? `${strftime('%Y-%m-%d %H:%M:%S', t.sec)} +0000` : lsDate(t.sec, this.now)} ${e.name}`;
    if (e.target !== undefined) line += ` -> ${e.target}`;
    return line + this.suffix(st);
  }

  private shortName(e: Entry): string {
    let s = '';
    if (this.o.has('i')) s += `${String(e.st.ino).padStart(7)} `;
    if (this.o.has('s')) s += `${String(Math.floor(e.st.blocks / 2)).padStart(6)} `;
    return s + e.name + this.suffix(e.st);
  }

  /** Prints a group of entries (one directory's contents or the file operands). */
  async print(entries: Entry[], total: boolean): Promise<void> {
    const out = this.ctx.out;
    if (total && (this.long || this.o.has('s'))) {
      const blocks = entries.reduce((n, e) => n + e.st.blocks, 0);
      await out.write(`total ${Math.floor(blocks / 2)}\n`);
    }
    if (this.long) {
      for (const e of entries) await out.write(`${await this.longLine(e)}\n`);
      return;
    }
    const items = entries.map((e) => this.shortName(e));
    if (!this.columns || items.length === 0) {
      for (const s of items) await out.write(`${s}\n`);
      return;
    }
    const colWidth = Math.max(...items.map((s) => s.length)) + 2;
    const ncols = Math.max(1, Math.floor(this.width / colWidth));
    const nrows = Math.ceil(items.length / ncols);
    let text = '';
    for (let r = 0; r < nrows; r++) {
      const row: string[] = [];
      for (let c = 0; c < ncols; c++) {
        const idx = this.o.has('x') ? r * ncols + c : c * nrows + r;
        if (idx < items.length) row.push(items[idx]);
      }
      text += row.map((s, i) => (i < row.length - 1 ? s.padEnd(colWidth) : s)).join('') + '\n';
    }
    await out.write(text);
  }

  async entry(name: string, path: string, follow: boolean): Promise<Entry | undefined> {
    let r = await tryStat(this.ctx.libc, path, follow);
    if (!r.st && follow) r = await tryStat(this.ctx.libc, path, false);
    if (!r.st) {
      await errorMsg(this.ctx, `${path}: ${strerror(r.errno!)}`);
      this.status = 1;
      return undefined;
    }
    const e: Entry = { name, path, st: r.st };
    if (this.long && (r.st.mode & S.IFMT) === S.IFLNK) {
      const t = await this.ctx.sys.readlinkat(-100, path);
      if (t.ok) e.target = t.value;
    }
    return e;
  }

  async directory(path: string, header: boolean): Promise<void> {
    const out = this.ctx.out;
    if (header) {
      await out.write(`${this.printedAny ? '\n' : ''}${path}:\n`);
    }
    this.printedAny = true;
    let names: string[];
    try {
      names = await listDir(this.ctx.libc, path);
    } catch (e) {
      await errorMsg(this.ctx, `${path}: ${(e as Error).message}`);
      this.status = 1;
      return;
    }
    const all = this.o.has('a');
    if (!all && !this.o.has('A')) names = names.filter((n) => !n.startsWith('.'));
    if (all) names.push('.', '..');
    const entries: Entry[] = [];
    for (const n of names) {
      const e = await this.entry(n, joinPath(path, n), this.o.has('L'));
      if (e) entries.push(e);
    }
    this.sort(entries);
    await this.print(entries, true);
    if (this.o.has('R')) {
      for (const e of entries) {
        if ((e.st.mode & S.IFMT) === S.IFDIR && e.name !== '.' && e.name !== '..') await this.directory(e.path, true);
      }
    }
  }
}

/** ls [-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]... */
export const ls: Applet = async (ctx) => {
  const o = await parseArgs(ctx, '1AaCxdLHRFplinshrSXvctuw:ekgGZT', USAGE, { long: { 'full-time': 'T', 'group-directories-first': 'g', color: 'G', 'color:': 'G' } });
  if (!o) return 1;
  const l = new Lister(ctx, o);
  await l.init();
  const args = o.operands.length ? o.operands : ['.'];
  const long = o.has('l') || o.has('n') || o.has('T');
  const followArgs = o.has('L') || o.has('H') || (!long && !o.has('d') && !o.has('F'));
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const a of args) {
    const e = await l.entry(a, a, followArgs);
    if (!e) continue;
    if ((e.st.mode & S.IFMT) === S.IFDIR && !o.has('d')) dirs.push(e);
    else files.push(e);
  }
  l.sort(files);
  l.sort(dirs);
  if (files.length) {
    await l.print(files, false);
    l.printedAny = true;
  }
  const header = o.has('R') || args.length > 1;
  for (const d of dirs) await l.directory(d.path, header);
  return l.status;
};
