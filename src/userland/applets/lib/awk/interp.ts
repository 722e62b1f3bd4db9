// The awk interpreter: runs a parsed program over input records (fields, special variables,
// ranges, user functions, built-ins, getline and output redirection).
import { O } from '../../../../abi/index.js';
import type { AppletContext } from '../../../applet.js';
import { bbytes, bstr } from '../io.js';
import { compileRegex, RegexError } from '../regex.js';
import { CpuMeter } from '../cpu-meter.js';
import { DieError } from '../report.js';
import { spawnShell, waitChild } from '../spawn.js';
import type { AwkProgram, Expr, LValue, Stmt } from './ast.js';
import { awkSprintf } from './format.js';
import { compareVals, numToStr, StrNum, toBool, toNum, toStr, type Val } from './values.js';

class NextRecord {}
class NextFile {}
class ExitProgram { constructor(readonly code: number) {} }
class ReturnValue { constructor(readonly v: Val) {} }
class BreakLoop {}
class ContinueLoop {}

type AwkArray = Map<string, Val>;
type Cell = Val | AwkArray;

/** Reads records from an fd by RS (newline, one char, "" paragraphs, or a regex). */
class RecordReader {
  private buf = '';
  private eof = false;
  constructor(private readonly ctx: AppletContext, readonly fd: number) {}

  async next(rs: string): Promise<string | undefined> {
    for (;;) {
      const rec = this.take(rs);
      if (rec !== undefined) return rec;
      if (this.eof) {
        let rest = this.buf;
        this.buf = '';
        if (rs === '') rest = rest.replace(/^\n+/, '').replace(/\n+$/, '');
        return rest === '' ? undefined : rest;
      }
      const chunk = await this.ctx.libc.read(this.fd, 65536);
      if (chunk.length === 0) this.eof = true;
      else this.buf += bstr(chunk);
    }
  }

  private take(rs: string): string | undefined {
    if (rs === '') {
      this.buf = this.buf.replace(/^\n+/, '');
      const m = /\n\n+/.exec(this.buf);
      if (!m || (m.index + m[0].length === this.buf.length && !this.eof)) return undefined;
      const rec = this.buf.slice(0, m.index);
      this.buf = this.buf.slice(m.index + m[0].length);
      return rec;
    }
    if (rs.length === 1) {
      const i = this.buf.indexOf(rs);
      if (i < 0) return undefined;
      const rec = this.buf.slice(0, i);
      this.buf = this.buf.slice(i + 1);
      return rec;
    }
    const m = new RegExp(compileRegex(rs, { extended: true }).source, 's').exec(this.buf);
    if (!m || m[0] === '' || (m.index + m[0].length === this.buf.length && !this.eof)) return undefined;
    const rec = this.buf.slice(0, m.index);
    this.buf = this.buf.slice(m.index + m[0].length);
    return rec;
  }
}

/** Runs one awk program. */
export class AwkInterp {
  private globals = new Map<string, Cell>();
  private frames: Map<string, Cell>[] = [];
  private record = '';
  private fields: string[] = [];
  private fieldsValid = true;
  private reCache = new Map<string, RegExp>();
  private outputs = new Map<string, { fd: number; pid?: number }>();
  private inputs = new Map<string, { reader: RecordReader; pid?: number }>();
  private main?: RecordReader;
  private argIndex = 1;
  private seed = 0;
  private randState = 1;
  private out = '';
  private readonly cpu: CpuMeter;

  constructor(private readonly ctx: AppletContext, private readonly prog: AwkProgram, argv: string[], assigns: [string, string][]) {
    this.cpu = new CpuMeter(ctx.sys);
    const g = this.globals;
    g.set('FS', ' '); g.set('OFS', ' '); g.set('ORS', '\n'); g.set('RS', '\n'); g.set('NR', 0); g.set('NF', 0); g.set('FNR', 0);
    g.set('SUBSEP', '\x1c'); g.set('CONVFMT', '%.6g'); g.set('OFMT', '%.6g'); g.set('RSTART', 0); g.set('RLENGTH', -1); g.set('FILENAME', '');
    const args: AwkArray = new Map();
    argv.forEach((a, i) => args.set(String(i), new StrNum(a)));
    g.set('ARGV', args);
    g.set('ARGC', argv.length);
    const env: AwkArray = new Map();
    for (const e of ctx.envp) { const i = e.indexOf('='); if (i > 0) env.set(e.slice(0, i), new StrNum(e.slice(i + 1))); }
    g.set('ENVIRON', env);
    for (const [k, v] of assigns) g.set(k, new StrNum(unescape(v)));
  }

  // --- output ---------------------------------------------------------------------------
  private async write(s: string): Promise<void> {
    this.out += s;
    if (this.out.length >= 8192) await this.flushOut();
  }

  async flushOut(): Promise<void> {
    if (this.out) await this.ctx.out.write(bbytes(this.out));
    this.out = '';
  }

  // --- variables and fields ---------------------------------------------------------------
  private get convfmt(): string { return toStr(this.globals.get('CONVFMT') as Val); }

  private getVar(name: string): Cell {
    const f = this.frames[this.frames.length - 1];
    if (f && f.has(name)) return f.get(name);
    if (name === 'NF') { this.splitFields(); return this.fields.length; }
    return this.globals.get(name);
  }

  private setVar(name: string, v: Val): void {
    const f = this.frames[this.frames.length - 1];
    if (f && f.has(name)) {
      if (f.get(name) instanceof Map) throw new DieError(`can't assign to ${name}; it's an array name.`);
      f.set(name, v);
      return;
    }
    if (this.globals.get(name) instanceof Map) throw new DieError(`can't assign to ${name}; it's an array name.`);
    this.globals.set(name, v);
    if (name === 'NF') {
      this.splitFields();
      const n = Math.max(0, Math.trunc(toNum(v)));
      while (this.fields.length < n) this.fields.push('');
      this.fields.length = n;
      this.rebuild();
    }
  }

  private array(name: string): AwkArray {
    const f = this.frames[this.frames.length - 1];
    const scope = f && f.has(name) ? f : this.globals;
    let a = scope.get(name);
    if (a === undefined) { a = new Map(); scope.set(name, a); }
    if (!(a instanceof Map)) throw new DieError(`can't use scalar ${name} as array`);
    return a;
  }

  setRecord(s: string): void {
    this.record = s;
    this.fieldsValid = false;
  }

  private splitFields(): void {
    if (this.fieldsValid) return;
    this.fields = this.split(this.record, this.globals.get('FS') as Val);
    this.fieldsValid = true;
  }

  private split(s: string, fsVal: Val | RegExp): string[] {
    if (s === '') return [];
    if (fsVal instanceof RegExp) return s.split(new RegExp(fsVal.source, fsVal.flags.replace('g', '')));
    const fs = toStr(fsVal as Val);
    if (fs === ' ') return s.split(/[ \t\n]+/).filter((x) => x !== '');
    if (fs.length === 1 && fs !== '\\') return s.split(fs === '\t' ? '\t' : fs);
    return s.split(this.regex(fs));
  }

  private rebuild(): void {
    this.record = this.fields.join(toStr(this.globals.get('OFS') as Val, this.convfmt));
  }

  private getField(i: number): Val {
    if (i < 0) throw new DieError(`trying to access out of range field ${i}`);
    if (i === 0) return new StrNum(this.record);
    this.splitFields();
    const f = this.fields[i - 1];
    return f === undefined ? undefined : new StrNum(f);
  }

  private setField(i: number, v: string): void {
    if (i === 0) { this.setRecord(v); return; }
    this.splitFields();
    while (this.fields.length < i) this.fields.push('');
    this.fields[i - 1] = v;
    this.rebuild();
  }

  private regex(src: string): RegExp {
    let re = this.reCache.get(src);
    if (!re) {
      try {
        re = compileRegex(src, { extended: true });
      } catch (e) {
        if (e instanceof RegexError) throw new DieError(`bad regex '${src}': ${e.message}`);
        throw e;
      }
      this.reCache.set(src, re);
    }
    return re;
  }

  private async toRegex(e: Expr): Promise<RegExp> {
    if (e.t === 're') return this.regex(e.src);
    return this.regex(toStr(await this.eval(e), this.convfmt));
  }

  private subscript(vals: Val[]): string {
    return vals.map((v) => toStr(v, this.convfmt)).join(toStr(this.globals.get('SUBSEP') as Val));
  }

  // --- lvalues --------------------------------------------------------------------------
  private async assign(lv: LValue, v: Val): Promise<void> {
    if (lv.t === 'var') this.setVar(lv.name, v);
    else if (lv.t === 'field') this.setField(Math.trunc(toNum(await this.eval(lv.e))), toStr(v, this.convfmt));
    else {
      const subs: Val[] = [];
      for (const s of lv.subs) subs.push(await this.eval(s));
      this.array(lv.name).set(this.subscript(subs), v);
    }
  }

  private async read(lv: LValue): Promise<Val> {
    if (lv.t === 'var') {
      const c = this.getVar(lv.name);
      if (c instanceof Map) throw new DieError(`can't use array ${lv.name} in scalar context`);
      return c;
    }
    if (lv.t === 'field') return this.getField(Math.trunc(toNum(await this.eval(lv.e))));
    const subs: Val[] = [];
    for (const s of lv.subs) subs.push(await this.eval(s));
    const a = this.array(lv.name);
    const k = this.subscript(subs);
    if (!a.has(k)) a.set(k, undefined);
    return a.get(k);
  }

  // --- expressions ----------------------------------------------------------------------
  async eval(e: Expr): Promise<Val> {
    switch (e.t) {
      case 'num': return e.v;
      case 'str': return e.v;
      case 're': { const re = this.regex(e.src); re.lastIndex = 0; return re.test(this.record) ? 1 : 0; }
      case 'group': return this.eval(e.e);
      case 'var': case 'field': case 'index': return this.read(e);
      case 'assign': {
        let v = await this.eval(e.rhs);
        if (e.op !== '=') v = arith(e.op.slice(0, -1), toNum(await this.read(e.lhs)), toNum(v));
        if (v instanceof StrNum) v = new StrNum(v.s);
        await this.assign(e.lhs, v);
        return v;
      }
      case 'cond': return toBool(await this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'or': return toBool(await this.eval(e.a)) || toBool(await this.eval(e.b)) ? 1 : 0;
      case 'and': return toBool(await this.eval(e.a)) && toBool(await this.eval(e.b)) ? 1 : 0;
      case 'in': {
        const subs: Val[] = [];
        for (const s of e.subs) subs.push(await this.eval(s));
        return this.array(e.name).has(this.subscript(subs)) ? 1 : 0;
      }
      case 'match': {
        const s = toStr(await this.eval(e.a), this.convfmt);
        const re = await this.toRegex(e.re);
        re.lastIndex = 0;
        return re.test(s) !== e.neg ? 1 : 0;
      }
      case 'bin': {
        const a = await this.eval(e.a);
        const b = await this.eval(e.b);
        switch (e.op) {
          case '<': return compareVals(a, b, this.convfmt) < 0 ? 1 : 0;
          case '<=': return compareVals(a, b, this.convfmt) <= 0 ? 1 : 0;
          case '>': return compareVals(a, b, this.convfmt) > 0 ? 1 : 0;
          case '>=': return compareVals(a, b, this.convfmt) >= 0 ? 1 : 0;
          case '==': return compareVals(a, b, this.convfmt) === 0 ? 1 : 0;
          case '!=': return compareVals(a, b, this.convfmt) !== 0 ? 1 : 0;
          default: return arith(e.op, toNum(a), toNum(b));
        }
      }
      case 'concat': return toStr(await this.eval(e.a), this.convfmt) + toStr(await this.eval(e.b), this.convfmt);
      case 'unary': {
        const v = await this.eval(e.a);
        if (e.op === '!') return toBool(v) ? 0 : 1;
        return e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'incdec': {
        const old = toNum(await this.read(e.lv));
        const nv = e.op === '++' ? old + 1 : old - 1;
        await this.assign(e.lv, nv);
        return e.prefix ? nv : old;
      }
      case 'call': return this.call(e.name, e.args);
      case 'builtin': return this.builtin(e.name, e.args);
      case 'getline': return this.getline(e);
    }
  }

  private async call(name: string, args: Expr[]): Promise<Val> {
    const fn = this.prog.functions.get(name);
    if (!fn) throw new DieError(`call to undefined function ${name}`);
    const frame = new Map<string, Cell>();
    for (let i = 0; i < fn.params.length; i++) {
      const a = args[i];
      if (!a) { frame.set(fn.params[i], undefined); continue; }
      if (a.t === 'var') {
        const c = this.getVar(a.name);
        if (c instanceof Map) { frame.set(fn.params[i], c); continue; }
        if (c === undefined && !this.frames[this.frames.length - 1]?.has(a.name)) {
          // An untyped global passed by name may be used as an array by the callee.
          const arr: AwkArray = new Map();
          frame.set(fn.params[i], undefined);
          (frame as Map<string, Cell> & { lazy?: Map<string, [string, AwkArray]> }).lazy ??= new Map();
          (frame as Map<string, Cell> & { lazy?: Map<string, [string, AwkArray]> }).lazy!.set(fn.params[i], [a.name, arr]);
          continue;
        }
      }
      frame.set(fn.params[i], await this.eval(a));
    }
    if (this.frames.length > 1000) throw new DieError('function call nesting too deep');
    this.frames.push(frame);
    try {
      await this.execBlock(fn.body);
      return undefined;
    } catch (x) {
      if (x instanceof ReturnValue) return x.v;
      throw x;
    } finally {
      this.frames.pop();
      const lazy = (frame as Map<string, Cell> & { lazy?: Map<string, [string, AwkArray]> }).lazy;
      if (lazy) {
        for (const [param, [global]] of lazy) {
          const v = frame.get(param);
          if (v instanceof Map && this.globals.get(global) === undefined) this.globals.set(global, v);
        }
      }
    }
  }

  private async builtin(name: string, args: Expr[]): Promise<Val> {
    const cf = this.convfmt;
    const str = async (i: number): Promise<string> => toStr(await this.eval(args[i]), cf);
    const num = async (i: number): Promise<number> => toNum(await this.eval(args[i]));
    switch (name) {
      case 'length': {
        if (args.length === 0) return this.record.length;
        const a = args[0];
        if (a.t === 'var') {
          const c = this.getVar(a.name);
          if (c instanceof Map) return c.size;
        }
        return (await str(0)).length;
      }
      case 'substr': {
        // busybox semantics: a start below 1 is clamped without shortening the length.
        const s = await str(0);
        let i = Math.trunc(await num(1)) - 1;
        if (i > s.length) i = s.length;
        if (i < 0) i = 0;
        let n = args.length > 2 ? Math.trunc(await num(2)) : s.length - i;
        if (n < 0) n = 0;
        return s.substr(i, n);
      }
      case 'index': return (await str(0)).indexOf(await str(1)) + 1;
      case 'split': {
        const s = await str(0);
        const target = args[1];
        if (target.t !== 'var') throw new DieError('split: second argument must be an array');
        const parts = args.length > 2 ? this.split(s, args[2].t === 're' ? this.regex(args[2].src) : await this.eval(args[2])) : this.split(s, this.globals.get('FS') as Val);
        const a = this.array(target.name);
        a.clear();
        parts.forEach((p, i) => a.set(String(i + 1), new StrNum(p)));
        return parts.length;
      }
      case 'sub': case 'gsub': {
        const re = await this.toRegex(args[0]);
        const repl = await str(1);
        const lv: LValue = args[2] && (args[2].t === 'var' || args[2].t === 'field' || args[2].t === 'index') ? args[2] : { t: 'field', e: { t: 'num', v: 0 } };
        const target = toStr(await this.read(lv), cf);
        const { text, count } = substitute(target, re, repl, name === 'gsub');
        if (count > 0) await this.assign(lv, text);
        return count;
      }
      case 'match': {
        const s = await str(0);
        const re = await this.toRegex(args[1]);
        const m = new RegExp(re.source, re.flags.replace('g', '')).exec(s);
        this.globals.set('RSTART', m ? m.index + 1 : 0);
        this.globals.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sprintf': {
        if (args.length === 0) return '';
        const vals: Val[] = [];
        for (const a of args.slice(1)) vals.push(await this.eval(a));
        return awkSprintf(await str(0), vals, cf);
      }
      case 'tolower': return (await str(0)).toLowerCase();
      case 'toupper': return (await str(0)).toUpperCase();
      case 'int': return Math.trunc(await num(0));
      case 'sqrt': return Math.sqrt(await num(0));
      case 'exp': return Math.exp(await num(0));
      case 'log': return Math.log(await num(0));
      case 'sin': return Math.sin(await num(0));
      case 'cos': return Math.cos(await num(0));
      case 'atan2': return Math.atan2(await num(0), await num(1));
      case 'rand': {
        this.randState = (this.randState * 1103515245 + 12345) % 2147483648;
        return this.randState / 2147483648;
      }
      case 'srand': {
        const prev = this.seed;
        if (args.length) this.seed = await num(0);
        else { const t = await this.ctx.sys.clock_gettime(0); this.seed = t.ok ? t.value.sec : 0; }
        this.randState = Math.trunc(this.seed) % 2147483648 || 1;
        return prev;
      }
      case 'system': {
        await this.flushAll();
        const child = await spawnShell(this.ctx, await str(0));
        return waitChild(this.ctx, child.pid);
      }
      case 'close': return this.close(await str(0));
      case 'fflush': await this.flushAll(); return 0;
    }
    throw new DieError(`unknown function ${name}`);
  }

  private async getline(e: Extract<Expr, { t: 'getline' }>): Promise<Val> {
    let rec: string | undefined;
    if (e.file || e.cmd) {
      const key = toStr(await this.eval((e.file ?? e.cmd)!), this.convfmt);
      let inp = this.inputs.get(key);
      if (!inp) {
        try {
          if (e.cmd) {
            await this.flushAll();
            const child = await spawnShell(this.ctx, key, 'from');
            inp = { reader: new RecordReader(this.ctx, child.fd!), pid: child.pid };
          } else inp = { reader: new RecordReader(this.ctx, key === '-' || key === '/dev/stdin' ? 0 : await this.ctx.libc.open(key, O.RDONLY)) };
        } catch {
          return -1;
        }
        this.inputs.set(key, inp);
      }
      rec = await inp.reader.next(toStr(this.globals.get('RS') as Val));
      if (rec === undefined) return 0;
      if (e.cmd) this.globals.set('NR', toNum(this.globals.get('NR') as Val) + 1);
    } else {
      rec = await this.nextMainRecord();
      if (rec === undefined) return 0;
      this.globals.set('NR', toNum(this.globals.get('NR') as Val) + 1);
      this.globals.set('FNR', toNum(this.globals.get('FNR') as Val) + 1);
    }
    if (e.lv) await this.assign(e.lv, new StrNum(rec));
    else this.setRecord(rec);
    return 1;
  }

  private async close(key: string): Promise<number> {
    await this.flushOut();
    const o = this.outputs.get(key);
    if (o) {
      this.outputs.delete(key);
      await this.ctx.sys.close(o.fd);
      return o.pid !== undefined ? waitChild(this.ctx, o.pid) : 0;
    }
    const i = this.inputs.get(key);
    if (i) {
      this.inputs.delete(key);
      if (i.reader.fd !== 0) await this.ctx.sys.close(i.reader.fd);
      return i.pid !== undefined ? waitChild(this.ctx, i.pid) : 0;
    }
    return -1;
  }

  private async flushAll(): Promise<void> {
    await this.flushOut();
    await this.ctx.out.flush();
  }

  // --- statements -----------------------------------------------------------------------
  private async output(s: string, dest?: { mode: '>' | '>>' | '|'; e: Expr }): Promise<void> {
    if (!dest) { await this.write(s); return; }
    const key = toStr(await this.eval(dest.e), this.convfmt);
    if (key === '/dev/stdout' || key === '-') { await this.write(s); return; }
    if (key === '/dev/stderr') { await this.flushAll(); await this.ctx.err.write(bbytes(s)); return; }
    let o = this.outputs.get(key);
    if (!o) {
      await this.flushAll();
      if (dest.mode === '|') {
        const child = await spawnShell(this.ctx, key, 'to');
        o = { fd: child.fd!, pid: child.pid };
      } else {
        const flags = O.WRONLY | O.CREAT | (dest.mode === '>>' ? O.APPEND : O.TRUNC);
        o = { fd: await this.ctx.libc.open(key, flags, 0o666) };
      }
      this.outputs.set(key, o);
    }
    await this.ctx.libc.writeAll(o.fd, bbytes(s));
  }

  async execBlock(body: Stmt[]): Promise<void> {
    for (const s of body) await this.exec(s);
  }

  private async exec(s: Stmt): Promise<void> {
    await this.cpu.step();
    switch (s.t) {
      case 'expr': await this.eval(s.e); return;
      case 'print': {
        const ofmt = toStr(this.globals.get('OFMT') as Val);
        let text: string;
        if (s.args.length === 0) text = this.record;
        else {
          const parts: string[] = [];
          for (const a of s.args) {
            const v = await this.eval(a);
            parts.push(typeof v === 'number' ? numToStr(v, ofmt) : toStr(v, this.convfmt));
          }
          text = parts.join(toStr(this.globals.get('OFS') as Val, this.convfmt));
        }
        await this.output(text + toStr(this.globals.get('ORS') as Val, this.convfmt), s.dest);
        return;
      }
      case 'printf': {
        if (s.args.length === 0) throw new DieError('printf: no format');
        const vals: Val[] = [];
        for (const a of s.args) vals.push(await this.eval(a));
        await this.output(awkSprintf(toStr(vals[0], this.convfmt), vals.slice(1), this.convfmt), s.dest);
        return;
      }
      case 'if':
        if (toBool(await this.eval(s.c))) await this.exec(s.a);
        else if (s.b) await this.exec(s.b);
        return;
      case 'while':
        while (toBool(await this.eval(s.c))) { if (await this.loopBody(s.body)) break; }
        return;
      case 'do':
        do { if (await this.loopBody(s.body)) break; } while (toBool(await this.eval(s.c)));
        return;
      case 'for':
        if (s.init) await this.exec(s.init);
        while (!s.c || toBool(await this.eval(s.c))) {
          if (await this.loopBody(s.body)) break;
          if (s.step) await this.exec(s.step);
        }
        return;
      case 'forin': {
        const keys = [...this.array(s.arr).keys()];
        for (const k of keys) {
          if (!this.array(s.arr).has(k)) continue;
          await this.assign(s.v, new StrNum(k));
          if (await this.loopBody(s.body)) break;
        }
        return;
      }
      case 'block': await this.execBlock(s.body); return;
      case 'next': throw new NextRecord();
      case 'nextfile': throw new NextFile();
      case 'break': throw new BreakLoop();
      case 'continue': throw new ContinueLoop();
      case 'exit': throw new ExitProgram(s.e ? Math.trunc(toNum(await this.eval(s.e))) : -1);
      case 'return': throw new ReturnValue(s.e ? await this.eval(s.e) : undefined);
      case 'delete': {
        const a = this.array(s.name);
        if (!s.subs) { a.clear(); return; }
        const subs: Val[] = [];
        for (const x of s.subs) subs.push(await this.eval(x));
        a.delete(this.subscript(subs));
        return;
      }
    }
  }

  /** Runs a loop body; true means break. */
  private async loopBody(body: Stmt): Promise<boolean> {
    await this.cpu.step();
    try {
      await this.exec(body);
    } catch (x) {
      if (x instanceof BreakLoop) return true;
      if (x instanceof ContinueLoop) return false;
      throw x;
    }
    return false;
  }

  // --- main loop ------------------------------------------------------------------------
  private async nextMainRecord(): Promise<string | undefined> {
    for (;;) {
      if (!this.main) {
        const args = this.globals.get('ARGV') as AwkArray;
        const argc = Math.trunc(toNum(this.globals.get('ARGC') as Val));
        let opened = false;
        while (this.argIndex < argc) {
          const a = toStr(args.get(String(this.argIndex++)), this.convfmt);
          if (a === '') continue;
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
          if (m) { this.globals.set(m[1], new StrNum(unescape(m[2]))); continue; }
          let fd: number;
          try {
            fd = a === '-' || a === '/dev/stdin' ? 0 : await this.ctx.libc.open(a, O.RDONLY);
          } catch (err) {
            throw new DieError(`cannot open ${a} (${(err as Error).message})`, 2);
          }
          this.globals.set('FILENAME', a);
          this.globals.set('FNR', 0);
          this.main = new RecordReader(this.ctx, fd);
          opened = true;
          break;
        }
        if (!opened) {
          if (this.sawFile) return undefined;
          this.sawFile = true;
          this.main = new RecordReader(this.ctx, 0);
        }
        this.sawFile = true;
      }
      const reader: RecordReader = this.main!;
      const rec = await reader.next(toStr(this.globals.get('RS') as Val));
      if (rec !== undefined) return rec;
      if (reader.fd !== 0) await this.ctx.sys.close(reader.fd);
      this.main = undefined;
    }
  }

  private sawFile = false;

  private async matches(r: AwkProgram['rules'][number]): Promise<boolean> {
    if (!r.pattern) return true;
    if (!r.pattern2) return toBool(await this.eval(r.pattern));
    if (!r.inRange) {
      if (!toBool(await this.eval(r.pattern))) return false;
      r.inRange = !toBool(await this.eval(r.pattern2));
      return true;
    }
    if (toBool(await this.eval(r.pattern2))) r.inRange = false;
    return true;
  }

  /** Runs BEGIN, the record loop and END; returns the exit status. */
  async run(): Promise<number> {
    let code = 0;
    let exiting = false;
    const rules = this.prog.rules;
    try {
      for (const r of rules) if (r.kind === 'begin') await this.execBlock(r.action!);
    } catch (x) {
      if (!(x instanceof ExitProgram)) throw x;
      if (x.code >= 0) code = x.code;
      exiting = true;
    }
    const hasMain = rules.some((r) => r.kind !== 'begin');
    if (!exiting && hasMain) {
      try {
        for (;;) {
          const rec = await this.nextMainRecord();
          if (rec === undefined) break;
          this.globals.set('NR', toNum(this.globals.get('NR') as Val) + 1);
          this.globals.set('FNR', toNum(this.globals.get('FNR') as Val) + 1);
          this.setRecord(rec);
          try {
            for (const r of rules) {
              if (r.kind !== 'main') continue;
              if (!(await this.matches(r))) continue;
              if (r.action) await this.execBlock(r.action);
              else await this.write(this.record + toStr(this.globals.get('ORS') as Val, this.convfmt));
            }
          } catch (x) {
            if (x instanceof NextRecord) continue;
            if (x instanceof NextFile) { if (this.main && this.main.fd !== 0) await this.ctx.sys.close(this.main.fd); this.main = undefined; continue; }
            throw x;
          }
        }
      } catch (x) {
        if (!(x instanceof ExitProgram)) throw x;
        if (x.code >= 0) code = x.code;
      }
    }
    try {
      for (const r of rules) if (r.kind === 'end') await this.execBlock(r.action!);
    } catch (x) {
      if (!(x instanceof ExitProgram)) throw x;
      if (x.code >= 0) code = x.code;
    }
    await this.flushAll();
    for (const k of [...this.outputs.keys(), ...this.inputs.keys()]) await this.close(k);
    return code;
  }
}

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': if (b === 0) throw new DieError('division by zero'); return a / b;
    case '%': if (b === 0) throw new DieError('division by zero in %'); return a % b;
    case '^': return a ** b;
  }
  return 0;
}

/** awk sub/gsub: `&` is the match, `\&` a literal ampersand. */
export function substitute(s: string, re: RegExp, repl: string, global: boolean): { text: string; count: number } {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  let out = '';
  let last = 0;
  let count = 0;
  for (let m = g.exec(s); m; m = g.exec(s)) {
    let r = '';
    for (let i = 0; i < repl.length; i++) {
      if (repl[i] === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) { r += repl[++i]; continue; }
      r += repl[i] === '&' ? m[0] : repl[i];
    }
    out += s.slice(last, m.index) + r;
    last = m.index + m[0].length;
    count++;
    if (m[0] === '') {
      if (m.index < s.length) out += s[m.index];
      last = m.index + 1;
      g.lastIndex = m.index + 1;
      if (m.index >= s.length) break;
    }
    if (!global) break;
  }
  return { text: out + s.slice(last), count };
}

/** Processes escapes in -v and command-line assignments, as awk does. */
function unescape(s: string): string {
  return s.replace(/\\(n|t|r|\\|"|\/|[0-7]{1,3})/g, (_, c: string) => {
    const m: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/' };
    return m[c] ?? String.fromCharCode(parseInt(c, 8));
  });
}
