// find: walks directory trees evaluating an expression of tests (-name -type -path -size
// -newer -perm -mtime -empty -user...) and actions (-print -print0 -exec ... ; / + -delete
// -prune -quit) joined by ! -a -o and parentheses; -maxdepth/-mindepth/-depth/-xdev globals.
import { CLOCK, S, strerror, type Stat } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { check } from '../libc/index.js';
import { listDir, tryStat } from './lib/fsutil.js';
import { globToRegExp } from './lib/glob.js';
import { NameCache } from './lib/passwd.js';
import { baseName, joinPath } from './lib/paths.js';
import { compileRegex } from './lib/regex.js';
import { DieError, errorMsg, showUsage } from './lib/report.js';
import { spawnArgv, waitChild } from './lib/spawn.js';

const USAGE = 'find [-HL] [PATH]... [OPTIONS] [ACTIONS]';

/** A node of the find expression. */
type Node =
  | { t: 'and' | 'or'; a: Node; b: Node }
  | { t: 'not'; a: Node }
  | { t: 'test'; name: string; fn: (f: FileCtx) => Promise<boolean> | boolean };

interface FileCtx { path: string; st: Stat; depth: number }

class Unrecognized extends Error {}

interface Globals { maxdepth: number; mindepth: number; depth: boolean; xdev: boolean; follow: boolean; hasAction: boolean }

class Finder {
  status = 0;
  quit = false;
  prune = false;
  pendingPlus: { cmd: string[]; paths: string[] }[] = [];
  private names: NameCache;
  now = 0;
  constructor(readonly ctx: AppletContext) { this.names = new NameCache(ctx.libc); }

  parse(tokens: string[], g: Globals): Node {
    let p = 0;
    const need = (opt: string): string => {
      if (p >= tokens.length) throw new DieError(`${opt} requires an argument`);
      return tokens[p++];
    };
    const num = (s: string): { cmp: number; n: number } => {
      const cmp = s.startsWith('+') ? 1 : s.startsWith('-') ? -1 : 0;
      const n = Number(s.replace(/^[+-]/, '').replace(/[a-zA-Z]$/, ''));
      if (!Number.isFinite(n)) throw new DieError(`invalid number '${s}'`);
      return { cmp, n };
    };
    const cmpNum = (v: number, spec: { cmp: number; n: number }): boolean => spec.cmp > 0 ? v > spec.n : spec.cmp < 0 ? v < spec.n : v === spec.n;
    const primary = (): Node => {
      const t = tokens[p++];
      const test = (name: string, fn: (f: FileCtx) => Promise<boolean> | boolean): Node => ({ t: 'test', name, fn });
      switch (t) {
        case '(': {
          const n = orExpr();
          if (tokens[p++] !== ')') throw new DieError('unbalanced ()');
          return n;
        }
        case '!': case '-not': return { t: 'not', a: primary() };
        case '-name': case '-iname': {
          const re = globToRegExp(need(t), t === '-iname');
          return test(t, (f) => re.test(baseName(f.path)));
        }
        case '-path': case '-wholename': case '-ipath': {
          const re = globToRegExp(need(t), t === '-ipath');
          return test(t, (f) => re.test(f.path));
        }
        case '-regex': {
          const re = compileRegex(need(t), { extended: false });
          const full = new RegExp(`^(?:${re.source})$`, 's');
          return test(t, (f) => full.test(f.path));
        }
        case '-type': {
          const want = need(t);
          const map: Record<string, number> = { f: S.IFREG, d: S.IFDIR, l: S.IFLNK, b: S.IFBLK, c: S.IFCHR, p: S.IFIFO, s: S.IFSOCK };
          if (!(want in map)) throw new DieError(`invalid argument '${want}' to '-type'`);
          return test(t, (f) => (f.st.mode & S.IFMT) === map[want]);
        }
        case '-maxdepth': g.maxdepth = Number(need(t)); return test(t, () => true);
        case '-mindepth': g.mindepth = Number(need(t)); return test(t, () => true);
        case '-depth': g.depth = true; return test(t, () => true);
        case '-xdev': g.xdev = true; return test(t, () => true);
        case '-follow': g.follow = true; return test(t, () => true);
        case '-true': return test(t, () => true);
        case '-false': return test(t, () => false);
        case '-print': g.hasAction = true; return test(t, async (f) => { await this.ctx.out.write(`${f.path}\n`); return true; });
        case '-print0': g.hasAction = true; return test(t, async (f) => { await this.ctx.out.write(`${f.path}\0`); return true; });
        case '-quit': g.hasAction = true; return test(t, () => { this.quit = true; return true; });
        case '-prune': return test(t, () => { this.prune = true; return true; });
        case '-delete': g.hasAction = true; g.depth = true; return test(t, async (f) => {
          const dir = (f.st.mode & S.IFMT) === S.IFDIR;
          if (f.depth === 0 && f.path === '.') return true;
          const r = await this.ctx.sys.unlinkat(-100, f.path, dir ? 0x200 : 0);
          if (!r.ok) { await errorMsg(this.ctx, `${f.path}: ${strerror(r.errno)}`); this.status = 1; return false; }
          return true;
        });
        case '-empty': return test(t, async (f) => {
          const fmt = f.st.mode & S.IFMT;
          if (fmt === S.IFREG) return f.st.size === 0;
          if (fmt === S.IFDIR) { try { return (await listDir(this.ctx.libc, f.path)).length === 0; } catch { return false; } }
          return false;
        });
        case '-executable': return test(t, (f) => this.ctx.libc.access(f.path, 1));
        case '-newer': {
          const ref = need(t);
          return test(t, async (f) => {
            const r = await this.ctx.libc.stat(ref);
            return f.st.mtime.sec > r.mtime.sec || (f.st.mtime.sec === r.mtime.sec && f.st.mtime.nsec > r.mtime.nsec);
          });
        }
        case '-inum': { const s = num(need(t)); return test(t, (f) => cmpNum(f.st.ino, s)); }
        case '-links': { const s = num(need(t)); return test(t, (f) => cmpNum(f.st.nlink, s)); }
        case '-size': {
          const raw = need(t);
          const unit = /c$/.test(raw) ? 1 : /k$/.test(raw) ? 1024 : /M$/.test(raw) ? 1024 ** 2 : /G$/.test(raw) ? 1024 ** 3 : /w$/.test(raw) ? 2 : 512;
          const s = num(raw);
          return test(t, (f) => cmpNum(Math.floor(f.st.size / unit), s));
        }
        case '-mtime': case '-atime': case '-ctime': case '-mmin': case '-amin': case '-cmin': {
          const s = num(need(t));
          const per = t.endsWith('min') ? 60 : 86400;
          const field = t[1] === 'm' ? 'mtime' : t[1] === 'a' ? 'atime' : 'ctime';
          return test(t, (f) => cmpNum(Math.floor((this.now - f.st[field].sec) / per), s));
        }
        case '-perm': {
          const spec = need(t);
          const mode = parseInt(spec.replace(/^[-+/]/, ''), 8);
          if (Number.isNaN(mode)) throw new DieError(`invalid mode '${spec}'`);
          return test(t, (f) => {
            const m = f.st.mode & 0o7777;
            if (spec.startsWith('-')) return (m & mode) === mode;
            if (spec.startsWith('/') || spec.startsWith('+')) return (m & mode) !== 0 || mode === 0;
            return m === mode;
          });
        }
        case '-user': {
          const u = need(t);
          return test(t, async (f) => /^\d+$/.test(u) ? f.st.uid === Number(u) : (await this.names.user(f.st.uid)) === u);
        }
        case '-group': {
          const gname = need(t);
          return test(t, async (f) => /^\d+$/.test(gname) ? f.st.gid === Number(gname) : (await this.names.group(f.st.gid)) === gname);
        }
        case '-exec': case '-ok': {
          g.hasAction = true;
          const cmd: string[] = [];
          while (p < tokens.length && tokens[p] !== ';' && !(tokens[p] === '+' && cmd[cmd.length - 1] === '{}')) cmd.push(tokens[p++]);
          if (p >= tokens.length || cmd.length === 0) throw new DieError('-exec requires an argument');
          const plus = tokens[p++] === '+';
          if (plus) {
            const batch = { cmd: cmd.slice(0, -1), paths: [] as string[] };
            this.pendingPlus.push(batch);
            return test(t, (f) => { batch.paths.push(f.path); return true; });
          }
          return test(t, async (f) => {
            const argv = cmd.map((a) => a.split('{}').join(f.path));
            const child = await spawnArgv(this.ctx, argv);
            return (await waitChild(this.ctx, child.pid)) === 0;
          });
        }
        default:
          throw new Unrecognized(t ?? '');
      }
    };
    const andExpr = (): Node => {
      let a = primary();
      for (;;) {
        const t = tokens[p];
        if (t === undefined || t === '-o' || t === '-or' || t === ')') return a;
        if (t === '-a' || t === '-and') p++;
        a = { t: 'and', a, b: primary() };
      }
    };
    const orExpr = (): Node => {
      let a = andExpr();
      while (tokens[p] === '-o' || tokens[p] === '-or') { p++; a = { t: 'or', a, b: andExpr() }; }
      return a;
    };
    if (tokens.length === 0) return { t: 'test', name: '-true', fn: () => true };
    const n = orExpr();
    if (p < tokens.length) throw new Unrecognized(tokens[p]);
    return n;
  }

  async eval(n: Node, f: FileCtx): Promise<boolean> {
    if (n.t === 'and') return (await this.eval(n.a, f)) && this.eval(n.b, f);
    if (n.t === 'or') return (await this.eval(n.a, f)) || this.eval(n.b, f);
    if (n.t === 'not') return !(await this.eval(n.a, f));
    if (n.t === 'test') return n.fn(f);
    return false;
  }

  async walk(path: string, depth: number, expr: Node, g: Globals, rootDev: number | undefined): Promise<void> {
    if (this.quit) return;
    const r = await tryStat(this.ctx.libc, path, g.follow);
    if (!r.st) {
      await errorMsg(this.ctx, `${path}: ${strerror(r.errno!)}`);
      this.status = 1;
      return;
    }
    const f: FileCtx = { path, st: r.st, depth };
    const act = async (): Promise<void> => {
      if (depth >= g.mindepth) await this.eval(expr, f);
    };
    this.prune = false;
    if (!g.depth) await act();
    const pruned = this.prune;
    const isDir = (r.st.mode & S.IFMT) === S.IFDIR;
    if (isDir && !pruned && depth < g.maxdepth && !(g.xdev && rootDev !== undefined && r.st.dev !== rootDev)) {
      let names: string[] = [];
      try { names = await listDir(this.ctx.libc, path); } catch (e) {
        await errorMsg(this.ctx, `${path}: ${(e as Error).message}`);
        this.status = 1;
      }
      for (const n of names) {
        if (this.quit) return;
        await this.walk(joinPath(path, n), depth + 1, expr, g, rootDev ?? r.st.dev);
      }
    }
    if (g.depth) await act();
  }
}

/** find [-HL] [PATH]... [EXPRESSION] */
export const find: Applet = async (ctx) => {
  let args = ctx.argv.slice(1);
  const g: Globals = { maxdepth: Infinity, mindepth: 0, depth: false, xdev: false, follow: false, hasAction: false };
  while (args[0] === '-L' || args[0] === '-H') { if (args[0] === '-L') g.follow = true; args = args.slice(1); }
  const paths: string[] = [];
  while (args.length && !args[0].startsWith('-') && args[0] !== '!' && args[0] !== '(') paths.push(args.shift()!);
  const finder = new Finder(ctx);
  finder.now = check(await ctx.sys.clock_gettime(CLOCK.REALTIME), 'clock_gettime').sec;
  let expr: Node;
  try {
    expr = finder.parse(args, g);
  } catch (e) {
    if (e instanceof Unrecognized) {
      await errorMsg(ctx, `unrecognized: ${e.message}`);
      return showUsage(ctx, USAGE);
    }
    throw e;
  }
  if (!g.hasAction) {
    const inner = expr;
    expr = { t: 'and', a: inner, b: { t: 'test', name: '-print', fn: async (f) => { await ctx.out.write(`${f.path}\n`); return true; } } };
  }
  for (const p of paths.length ? paths : ['.']) await finder.walk(p, 0, expr, g, undefined);
  for (const b of finder.pendingPlus) {
    if (!b.paths.length) continue;
    const child = await spawnArgv(ctx, [...b.cmd, ...b.paths]);
    if ((await waitChild(ctx, child.pid)) !== 0) finder.status = 1;
  }
  return finder.status;
};
