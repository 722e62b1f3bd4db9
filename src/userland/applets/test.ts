// test and [: evaluates conditional expressions (files, strings, integers, ! -a -o and parens).
// Exit 0 true, 1 false, 2 on a bad expression, with busybox's messages. Also the shell builtin.
import { AT_FDCWD, AT, IOCTL, S, type Stat } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { appletName, errorMsg } from './lib/report.js';

class TestError extends Error {}

const UNARY = new Set(['-e', '-f', '-d', '-r', '-w', '-x', '-s', '-L', '-h', '-b', '-c', '-p', '-S', '-t', '-n', '-z', '-g', '-u', '-k', '-O', '-G']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

function toInt(s: string): bigint {
  const m = /^\s*([+-]?\d+)\s*$/.exec(s);
  if (!m) throw new TestError(`${s}: bad number`);
  const v = BigInt(m[1]);
  if (v > 9223372036854775807n || v < -9223372036854775808n) throw new TestError(`${s}: out of range`);
  return v;
}

class Evaluator {
  private pos = 0;
  constructor(private readonly ctx: AppletContext, private readonly args: string[]) {}

  private async stat(path: string, follow = true): Promise<Stat | undefined> {
    const r = await this.ctx.sys.fstatat(AT_FDCWD, path, follow ? 0 : AT.SYMLINK_NOFOLLOW);
    return r.ok ? r.value : undefined;
  }

  private async unary(op: string, arg: string): Promise<boolean> {
    const sys = this.ctx.sys;
    switch (op) {
      case '-n': return arg !== '';
      case '-z': return arg === '';
      case '-t': return (await sys.ioctl(Number(toInt(arg)), IOCTL.TCGETS)).ok;
      case '-r': return (await sys.faccessat(AT_FDCWD, arg, 4, 0)).ok;
      case '-w': return (await sys.faccessat(AT_FDCWD, arg, 2, 0)).ok;
      case '-x': return (await sys.faccessat(AT_FDCWD, arg, 1, 0)).ok;
    }
    const st = await this.stat(arg, op !== '-L' && op !== '-h');
    if (!st) return false;
    const fmt = st.mode & S.IFMT;
    switch (op) {
      case '-e': return true;
      case '-f': return fmt === S.IFREG;
      case '-d': return fmt === S.IFDIR;
      case '-L': case '-h': return fmt === S.IFLNK;
      case '-b': return fmt === S.IFBLK;
      case '-c': return fmt === S.IFCHR;
      case '-p': return fmt === S.IFIFO;
      case '-S': return fmt === S.IFSOCK;
      case '-s': return st.size > 0;
      case '-g': return (st.mode & S.ISGID) !== 0;
      case '-u': return (st.mode & S.ISUID) !== 0;
      case '-k': return (st.mode & S.ISVTX) !== 0;
      case '-O': { const r = await sys.geteuid(); return r.ok && r.value === st.uid; }
      case '-G': { const r = await sys.getegid(); return r.ok && r.value === st.gid; }
    }
    return false;
  }

  private async binary(a: string, op: string, b: string): Promise<boolean> {
    switch (op) {
      case '=': case '==': return a === b;
      case '!=': return a !== b;
      case '<': return a < b;
      case '>': return a > b;
      case '-eq': return toInt(a) === toInt(b);
      case '-ne': return toInt(a) !== toInt(b);
      case '-lt': return toInt(a) < toInt(b);
      case '-le': return toInt(a) <= toInt(b);
      case '-gt': return toInt(a) > toInt(b);
      case '-ge': return toInt(a) >= toInt(b);
    }
    const sa = await this.stat(a);
    const sb = await this.stat(b);
    const t = (s: Stat): number => s.mtime.sec * 1e9 + s.mtime.nsec;
    if (op === '-nt') return !!sa && (!sb || t(sa) > t(sb));
    if (op === '-ot') return !!sb && (!sa || t(sa) < t(sb));
    return !!sa && !!sb && sa.dev === sb.dev && sa.ino === sb.ino;
  }

  private peek(k = 0): string | undefined { return this.args[this.pos + k]; }

  private take(): string {
    const t = this.args[this.pos++];
    if (t === undefined) throw new TestError(`${this.args[this.pos - 2] ?? ''}: argument expected`);
    return t;
  }

  async run(): Promise<boolean> {
    const n = this.args.length;
    const a = this.args;
    if (n === 0) return false;
    // POSIX rules by argument count, which resolve ambiguities such as `test -f`.
    if (n === 1) return a[0] !== '';
    if (n === 2 && a[0] === '!') return a[1] === '';
    if (n === 2 && UNARY.has(a[0])) return this.unary(a[0], a[1]);
    if (n === 3 && BINARY.has(a[1])) return this.binary(a[0], a[1], a[2]);
    if (n === 3 && a[0] === '!') return !(await new Evaluator(this.ctx, a.slice(1)).run());
    if (n === 3 && a[0] === '(' && a[2] === ')') return a[1] !== '';
    if (n === 4 && a[0] === '!') return !(await new Evaluator(this.ctx, a.slice(1)).run());
    const v = await this.oexpr();
    if (this.pos < n) throw new TestError(`${this.args[this.pos]}: unknown operand`);
    return v;
  }

  private async oexpr(): Promise<boolean> {
    let v = await this.aexpr();
    while (this.peek() === '-o') { this.pos++; const r = await this.aexpr(); v = v || r; }
    return v;
  }

  private async aexpr(): Promise<boolean> {
    let v = await this.nexpr();
    while (this.peek() === '-a') { this.pos++; const r = await this.nexpr(); v = v && r; }
    return v;
  }

  private async nexpr(): Promise<boolean> {
    if (this.peek() === '!') { this.pos++; return !(await this.nexpr()); }
    return this.primary();
  }

  private async primary(): Promise<boolean> {
    const t = this.take();
    if (t === '(' && this.peek() !== undefined && !BINARY.has(this.peek()!)) {
      const v = await this.oexpr();
      if (this.peek() !== ')') throw new TestError('closing paren expected');
      this.pos++;
      return v;
    }
    if (UNARY.has(t) && this.peek() !== undefined && !BINARY.has(this.peek()!)) return this.unary(t, this.take());
    const op = this.peek();
    if (op !== undefined && BINARY.has(op)) {
      this.pos++;
      return this.binary(t, op, this.take());
    }
    return t !== '';
  }
}

/** test EXPRESSION, [ EXPRESSION ], [[ EXPRESSION ]] */
export const test: Applet = async (ctx) => {
  let args = ctx.argv.slice(1);
  const name = appletName(ctx);
  if (name === '[' || name === '[[') {
    const close = name === '[' ? ']' : ']]';
    if (args[args.length - 1] !== close) {
      await errorMsg(ctx, `missing ${close}`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return (await new Evaluator(ctx, args).run()) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    await errorMsg(ctx, e.message);
    return 2;
  }
};
