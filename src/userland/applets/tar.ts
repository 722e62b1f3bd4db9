// tar: creates (c), extracts (x) and lists (t) ustar archives, gzip-compressed with -z (and
// detected automatically when reading). -f FILE, -C DIR, -v, -O, -m, -o, -k, -h,
// --strip-components N, --exclude PATTERN. Archive format lives in lib/ustar.ts.
import { AT_FDCWD, O, S, makedev, major, minor, strerror } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { check, concat } from '../libc/index.js';
import { modeString } from './lib/format.js';
import type { Options } from './lib/getopt.js';
import { globToRegExp } from './lib/glob.js';
import { gzipDecode, gzipEncode, isGzip } from './lib/gzip-format.js';
import { InflateError } from './lib/inflate.js';
import { listDir, tryStat } from './lib/fsutil.js';
import { NameCache } from './lib/passwd.js';
import { joinPath } from './lib/paths.js';
import { DieError, errText, errorMsg, parseArgs, showUsage } from './lib/report.js';
import { strftime } from './lib/strftime.js';
import { END_BLOCKS, encodeHeader, parseTar, TarError, type TarEntry } from './lib/ustar.js';

const USAGE = 'tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [FILE]...';

const TYPE_OF: Record<number, TarEntry['type']> = { [S.IFREG]: '0', [S.IFLNK]: '2', [S.IFCHR]: '3', [S.IFBLK]: '4', [S.IFDIR]: '5', [S.IFIFO]: '6' };
const MODE_OF: Record<string, number> = { '0': S.IFREG, '1': S.IFREG, '2': S.IFLNK, '3': S.IFCHR, '4': S.IFBLK, '5': S.IFDIR, '6': S.IFIFO };

/** The `tar tv` line of an entry. */
export function verboseLine(e: TarEntry): string {
  const owner = `${e.uname || e.uid}/${e.gname || e.gid}`;
  const size = e.type === '3' || e.type === '4' ? `${e.devmajor},${e.devminor}` : String(e.size);
  let line = `${modeString((MODE_OF[e.type] ?? S.IFREG) | (e.mode & 0o7777))} ${owner} ${size.padStart(9)} ${strftime('%Y-%m-%d %H:%M:%S', e.mtime)} ${e.name}`;
  if (e.type === '2') line += ` -> ${e.linkname}`;
  if (e.type === '1') line += ` link to ${e.linkname}`;
  return line;
}

class Creator {
  blocks: Uint8Array[] = [];
  private names: NameCache;
  private seen = new Map<string, string>();
  constructor(private readonly ctx: AppletContext, private readonly o: Options, private readonly verbose: (s: string) => Promise<void>, private readonly excludes: RegExp[]) {
    this.names = new NameCache(ctx.libc);
  }

  async add(path: string): Promise<boolean> {
    let name = path.replace(/^\/+/, '');
    if (this.excludes.some((re) => re.test(name) || re.test(name.slice(name.lastIndexOf('/') + 1)))) return true;
    const r = await tryStat(this.ctx.libc, path, this.o.has('h'));
    if (!r.st) { await errorMsg(this.ctx, `${path}: ${strerror(r.errno!)}`); return false; }
    const st = r.st;
    const fmt = st.mode & S.IFMT;
    const type = TYPE_OF[fmt];
    if (!type) { await errorMsg(this.ctx, `${path}: socket ignored`); return true; }
    if (fmt === S.IFDIR && !name.endsWith('/') && name !== '') name += '/';
    if (name === '') name = './';
    const entry: TarEntry = {
      name, type, mode: st.mode, uid: st.uid, gid: st.gid, size: 0, mtime: st.mtime.sec, linkname: '',
      uname: (await this.names.user(st.uid)) ?? '', gname: (await this.names.group(st.gid)) ?? '', devmajor: major(st.rdev), devminor: minor(st.rdev),
    };
    let body: Uint8Array | undefined;
    const key = `${st.dev}:${st.ino}`;
    if (fmt === S.IFREG && st.nlink > 1 && this.seen.has(key)) {
      entry.type = '1';
      entry.linkname = this.seen.get(key)!;
    } else if (fmt === S.IFREG) {
      if (st.nlink > 1) this.seen.set(key, name);
      try { body = await this.ctx.libc.readFile(path); } catch (e) {
        await errorMsg(this.ctx, `can't open '${path}': ${errText(e)}`);
        return false;
      }
      entry.size = body.length;
    } else if (fmt === S.IFLNK) entry.linkname = await this.ctx.libc.readlink(path);
    this.blocks.push(...encodeHeader(entry));
    if (body) {
      this.blocks.push(body);
      if (body.length % 512) this.blocks.push(new Uint8Array(512 - (body.length % 512)));
    }
    if (this.o.has('v')) await this.verbose(`${name}\n`);
    let ok = true;
    if (fmt === S.IFDIR && !this.o.has('n')) {
      for (const n of await listDir(this.ctx.libc, path)) ok = (await this.add(joinPath(path, n))) && ok;
    }
    return ok;
  }
}

async function extract(ctx: AppletContext, o: Options, data: Uint8Array, mode: 'x' | 't'): Promise<number> {
  const libc = ctx.libc;
  const strip = Number(o.get('s') ?? 0);
  const root = check(await ctx.sys.geteuid(), 'geteuid') === 0;
  const wanted = o.operands;
  const found = new Set<string>();
  const dirTimes: { path: string; mtime: number; mode: number }[] = [];
  let status = 0;
  let warnedSlash = false;
  try {
    for (const { entry, body } of parseTar(data)) {
      let name = entry.name;
      if (name.startsWith('/')) {
        if (!warnedSlash) { await errorMsg(ctx, "removing leading '/' from member names"); warnedSlash = true; }
        name = name.replace(/^\/+/, '');
      }
      if (strip) {
        const parts = name.split('/');
        if (parts.filter(Boolean).length <= strip) continue;
        name = parts.slice(strip).join('/');
      }
      const hit = wanted.find((w) => name === w || name.startsWith(`${w.replace(/\/$/, '')}/`) || name === `${w}/`);
      if (wanted.length && hit === undefined) continue;
      if (hit !== undefined) found.add(hit);
      if (mode === 't') {
        await ctx.out.write(`${o.has('v') ? verboseLine({ ...entry, name }) : name}\n`);
        continue;
      }
      if (o.has('v')) await ctx.out.write(`${name}\n`);
      if (o.has('O')) { if (entry.type === '0') await ctx.out.write(body); continue; }
      const path = name.replace(/\/+$/, '') || '.';
      // Make the leading directories.
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) {
        const d = parts.slice(0, i).join('/');
        if (d) await ctx.sys.mkdirat(AT_FDCWD, d, 0o755);
      }
      const existing = (await tryStat(libc, path, false)).st;
      if (existing && entry.type !== '5') {
        if (o.has('k')) { await errorMsg(ctx, `can't open '${path}': File exists`); status = 1; continue; }
        if ((existing.mode & S.IFMT) !== S.IFDIR) await ctx.sys.unlinkat(AT_FDCWD, path, 0);
      }
      const perm = entry.mode & 0o7777;
      let r: { ok: boolean; errno?: number };
      switch (entry.type) {
        case '5':
          r = await ctx.sys.mkdirat(AT_FDCWD, path, 0o700);
          if (!r.ok && existing && (existing.mode & S.IFMT) === S.IFDIR) r = { ok: true };
          if (r.ok) dirTimes.push({ path, mtime: entry.mtime, mode: perm });
          break;
        case '2': r = await ctx.sys.symlinkat(entry.linkname, AT_FDCWD, path); break;
        case '1': r = await ctx.sys.linkat(AT_FDCWD, entry.linkname, AT_FDCWD, path, 0); break;
        case '3': case '4': case '6':
          r = await ctx.sys.mknodat(AT_FDCWD, path, MODE_OF[entry.type] | perm, makedev(entry.devmajor, entry.devminor));
          break;
        default: {
          const fd = await ctx.sys.openat(AT_FDCWD, path, O.WRONLY | O.CREAT | O.TRUNC, perm);
          r = fd;
          if (fd.ok) {
            try { await libc.writeAll(fd.value, body); } finally { await ctx.sys.close(fd.value); }
          }
        }
      }
      if (!r.ok) {
        await errorMsg(ctx, `can't create '${path}': ${strerror(r.errno!)}`);
        status = 1;
        continue;
      }
      const nofollow = entry.type === '2' ? 0x100 : 0;
      if (root && !o.has('o')) await ctx.sys.fchownat(AT_FDCWD, path, entry.uid, entry.gid, nofollow);
      if (entry.type !== '2' && entry.type !== '5') await ctx.sys.fchmodat(AT_FDCWD, path, perm, 0);
      if (!o.has('m') && entry.type !== '5') await ctx.sys.utimensat(AT_FDCWD, path, entry.mtime * 1000, entry.mtime * 1000, nofollow);
    }
  } catch (e) {
    if (e instanceof TarError) throw new DieError(e.message);
    throw e;
  }
  for (const w of wanted) {
    if (!found.has(w)) { await errorMsg(ctx, `${w}: not found in archive`); status = 1; }
  }
  for (const d of dirTimes.reverse()) {
    await ctx.sys.fchmodat(AT_FDCWD, d.path, d.mode, 0);
    if (!o.has('m')) await ctx.sys.utimensat(AT_FDCWD, d.path, d.mtime * 1000, d.mtime * 1000, 0);
  }
  return status;
}

/** tar c|x|t [-zvOmokh] [-f FILE] [-C DIR] [FILE]... */
export const tar: Applet = async (ctx) => {
  const argv = [...ctx.argv];
  if (argv[1] && !argv[1].startsWith('-')) argv[1] = `-${argv[1]}`;
  const o = await parseArgs({ ...ctx, argv }, 'cxtzvf:C:OmokhpjJZanT:X:s:', USAGE, {
    long: { 'strip-components:': 's', 'exclude:': 'e', 'numeric-owner': 'N', 'no-same-owner': 'o', overwrite: 'W', 'no-recursion': 'n', directory: 'C', 'file:': 'f', gzip: 'z', extract: 'x', create: 'c', list: 't', verbose: 'v', 'to-stdout': 'O', 'no-same-permissions': 'P' },
  });
  if (!o) return 1;
  const modes = ['c', 'x', 't'].filter((m) => o.has(m));
  if (modes.length !== 1) return showUsage(ctx, USAGE);
  const archive = o.get('f') ?? '-';
  const cwd = await ctx.libc.getcwd();
  const archivePath = archive === '-' ? '-' : archive.startsWith('/') ? archive : joinPath(cwd, archive);
  const excludes = (o.values.e ?? []).map((p) => globToRegExp(p.replace(/\/$/, '')));
  if (o.has('X')) {
    const text = await ctx.libc.readTextFile(o.get('X')!);
    excludes.push(...text.split('\n').filter(Boolean).map((p) => globToRegExp(p)));
  }
  if (modes[0] === 'c') {
    if (o.operands.length === 0 && !o.has('T')) { await errorMsg(ctx, 'empty archive'); return 1; }
    if (o.has('C')) await ctx.libc.chdir(o.get('C')!);
    const toStderr = archive === '-';
    const c = new Creator(ctx, o, async (s) => { if (toStderr) await ctx.err.write(s); else await ctx.out.write(s); }, excludes);
    const names = [...o.operands];
    if (o.has('T')) names.push(...(await ctx.libc.readTextFile(o.get('T')!)).split('\n').filter(Boolean));
    let status = 0;
    for (const p of names) if (!(await c.add(p))) status = 1;
    c.blocks.push(END_BLOCKS);
    let data = concat(c.blocks);
    if (data.length % 10240) data = concat([data, new Uint8Array(10240 - (data.length % 10240))]);
    if (o.has('z')) data = gzipEncode(data);
    if (archivePath === '-') await ctx.out.write(data);
    else await ctx.libc.writeFile(archivePath, data, 0o666, O.WRONLY | O.CREAT | O.TRUNC);
    return status;
  }
  let data: Uint8Array;
  try {
    data = archivePath === '-' ? await ctx.libc.readAll(0) : await ctx.libc.readFile(archivePath);
  } catch (e) {
    await errorMsg(ctx, `can't open '${archive}': ${errText(e)}`);
    return 1;
  }
  if (o.has('z') || isGzip(data)) {
    try { data = gzipDecode(data); } catch (e) {
      if (e instanceof InflateError) { await errorMsg(ctx, e.message); return 1; }
      throw e;
    }
  }
  if (o.has('C')) await ctx.libc.chdir(o.get('C')!);
  return extract(ctx, o, data, modes[0] as 'x' | 't');
};
