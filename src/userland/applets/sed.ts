// sed: the stream editor. Script parsing lives in lib/sed-script.ts; this runs the cycle
// (pattern/hold space, ranges, s///, a/i/c, n/N/D, branches, q) over files or stdin, -i in place.
import { O } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { bbytes, readInput, utf8bin } from './lib/io.js';
import { errText, errorMsg, parseArgs, showUsage } from './lib/report.js';
import { parseSed, type SedAddr, type SedCmd } from './lib/sed-script.js';
import { CpuMeter } from './lib/cpu-meter.js';

/** Expands a replacement (`&`, `\1`..`\9`, `\n`, `\&`) for one match. */
export function expandReplacement(rep: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i];
    if (c === '&') { out += m[0]; continue; }
    if (c !== '\\' || i + 1 >= rep.length) { out += c; continue; }
    const n = rep[++i];
    if (/\d/.test(n)) out += m[Number(n)] ?? '';
    else if (n === 'n') out += '\n';
    else if (n === 't') out += '\t';
    else out += n;
  }
  return out;
}

interface Line { text: string; nl: boolean }

class SedRun {
  out = '';
  private hold = '';
  private lastRe?: RegExp;
  private lineNo = 0;
  private queue: string[] = [];
  quitCode?: number;
  private files = new Map<string, string>();
  private readonly cpu: CpuMeter;

  constructor(private readonly ctx: AppletContext, private readonly cmds: SedCmd[], private readonly quiet: boolean) {
    this.cpu = new CpuMeter(ctx.sys);
  }

  private matchAddr(a: SedAddr, ps: string, isLast: boolean): boolean {
    if (a.kind === 'line') return this.lineNo === a.n;
    if (a.kind === 'last') return isLast;
    if (a.kind === 're') {
      const re = a.re ?? this.lastRe;
      if (!re) return false;
      this.lastRe = re;
      re.lastIndex = 0;
      return re.test(ps);
    }
    return false;
  }

  private selected(c: SedCmd, ps: string, isLast: boolean): boolean {
    if (!c.a1) return true;
    if (!c.a2) return this.matchAddr(c.a1, ps, isLast);
    if (!c.active) {
      // Line 0 never matches (busybox has no GNU `0,/re/` form).
      if (!this.matchAddr(c.a1, ps, isLast)) return false;
      c.active = true;
      if (c.a2.kind === 'plus') c.endLine = this.lineNo + c.a2.n;
      if (c.a2.kind === 'line' && c.a2.n <= this.lineNo) c.active = false;
      if (c.a2.kind === 'plus' && c.a2.n === 0) c.active = false;
      return true;
    }
    const a2 = c.a2;
    if (a2.kind === 'line') { if (this.lineNo >= a2.n) c.active = false; return this.lineNo <= a2.n || !c.active; }
    if (a2.kind === 'plus') { if (this.lineNo >= c.endLine!) c.active = false; return true; }
    if (this.matchAddr(a2, ps, isLast)) c.active = false;
    return true;
  }

  private emit(s: string, nl = true): void {
    this.out += nl ? `${s}\n` : s;
  }

  private substitute(c: SedCmd, ps: string): { ps: string; done: boolean } {
    const re = c.re ?? this.lastRe;
    if (!re) return { ps, done: false };
    this.lastRe = re;
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    let count = 0;
    let done = false;
    let out = '';
    let last = 0;
    const want = c.global ? 1 : (c.occurrence ?? 1); // busybox ignores N when g is given
    for (let m = g.exec(ps); m; m = g.exec(ps)) {
      count++;
      if (count >= want && (c.global || count === want)) {
        out += ps.slice(last, m.index) + expandReplacement(c.replacement!, m);
        last = m.index + m[0].length;
        done = true;
        if (!c.global) break;
      }
      if (m[0] === '') {
        if (g.lastIndex >= ps.length) break;
        g.lastIndex++;
      }
    }
    if (!done) return { ps, done };
    return { ps: out + ps.slice(last), done };
  }

  private appendFile(name: string, text: string): void {
    this.files.set(name, (this.files.get(name) ?? '') + text);
  }

  /** Runs the script over `lines`; returns when input ends or q/Q. */
  async run(lines: Line[]): Promise<void> {
    let idx = 0;
    let ps = '';
    let psNl = true;
    let substituted = false;
    let restart = false;
    while (restart || idx < lines.length) {
      if (!restart) {
        ps = lines[idx].text;
        psNl = lines[idx].nl;
        idx++;
        this.lineNo++;
        substituted = false;
      }
      restart = false;
      let autoprint = !this.quiet;
      let pc = 0;
      let deleted = false;
      const isLast = (): boolean => idx >= lines.length;
      while (pc < this.cmds.length) {
        const c = this.cmds[pc];
        await this.cpu.step();
        const sel = this.selected(c, ps, isLast()) !== c.neg;
        if (!sel) {
          pc = c.name === '{' ? c.jump! + 1 : pc + 1;
          continue;
        }
        pc++;
        switch (c.name) {
          case '{': case '}': case ':': break;
          case '=': this.emit(String(this.lineNo)); break;
          case 'a': this.queue.push(`${c.text}\n`); break;
          case 'i': this.emit(c.text!); break;
          case 'c':
            if (!c.a2 || !c.active) this.emit(c.text!);
            deleted = true;
            break;
          case 'b': pc = c.jump!; break;
          case 't': if (substituted) { substituted = false; pc = c.jump!; } break;
          case 'T': if (!substituted) pc = c.jump!; else substituted = false; break;
          case 'd': deleted = true; break;
          case 'D': {
            const nl = ps.indexOf('\n');
            if (nl < 0) { deleted = true; break; }
            ps = ps.slice(nl + 1);
            restart = true;
            deleted = true;
            autoprint = false;
            break;
          }
          case 'g': ps = this.hold; break;
          case 'G': ps += `\n${this.hold}`; break;
          case 'h': this.hold = ps; break;
          case 'H': this.hold += `\n${ps}`; break;
          case 'x': [ps, this.hold] = [this.hold, ps]; break;
          case 'l': this.emit(`${ps.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n')}$`); break;
          case 'p': this.emit(ps); break;
          case 'P': this.emit(ps.split('\n')[0]); break;
          case 'n':
            if (idx >= lines.length) { pc = this.cmds.length; break; }
            if (!this.quiet) this.emit(ps, psNl);
            this.flushQueue();
            ps = lines[idx].text; psNl = lines[idx].nl; idx++; this.lineNo++;
            break;
          case 'N':
            if (idx >= lines.length) { pc = this.cmds.length; break; }
            this.flushQueue();
            ps += `\n${lines[idx].text}`; psNl = lines[idx].nl; idx++; this.lineNo++;
            break;
          case 'q': this.quitCode = c.exitCode; pc = this.cmds.length; break;
          case 'Q': this.quitCode = c.exitCode; autoprint = false; pc = this.cmds.length; break;
          case 'r':
            try { this.queue.push(await readInput(this.ctx.libc, c.text!)); } catch { /* missing file: nothing */ }
            break;
          case 'w': this.appendFile(c.text!, `${ps}\n`); break;
          case 'y': ps = [...ps].map((ch) => c.map!.get(ch) ?? ch).join(''); break;
          case 's': {
            const r = this.substitute(c, ps);
            if (r.done) {
              ps = r.ps;
              substituted = true;
              for (let k = 0; k < (c.print ?? 0); k++) this.emit(ps);
              if (c.text) this.appendFile(c.text, `${ps}\n`);
            }
            break;
          }
        }
        if (deleted) break;
      }
      if (!deleted && autoprint) this.emit(ps, psNl);
      if (restart && ps === '') restart = false;
      this.flushQueue();
      if (this.quitCode !== undefined) return;
    }
  }

  private flushQueue(): void {
    this.out += this.queue.join('');
    this.queue = [];
  }

  async writeFiles(): Promise<void> {
    for (const [name, text] of this.files) await this.ctx.libc.writeFile(name, bbytes(text), 0o666, O.WRONLY | O.CREAT | O.TRUNC);
  }
}

function toLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const nlLast = parts[parts.length - 1] === '';
  if (nlLast) parts.pop();
  return parts.map((t, i) => ({ text: t, nl: i < parts.length - 1 || nlLast }));
}

/** sed [-inrE] [-f FILE]... [-e CMD]... [FILE]... */
export const sed: Applet = async (ctx) => {
  const usage = 'sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\nor: sed [-i[SFX]] [-nrE] CMD [FILE]...';
  // -i takes an optional attached suffix; split it off before getopt.
  let inPlace: string | undefined;
  const argv = ctx.argv.filter((a, i) => {
    if (i > 0 && /^-i/.test(a) && !a.startsWith('--')) { inPlace = a.slice(2); return false; }
    if (a === '--in-place') { inPlace = ''; return false; }
    return true;
  });
  const o = await parseArgs({ ...ctx, argv }, 'nrEe:f:s', usage, { long: { quiet: 'n', silent: 'n', 'regexp-extended': 'r', 'expression:': 'e', 'file:': 'f', separate: 's' } });
  if (!o) return 1;
  const scripts: string[] = (o.values.e ?? []).map(utf8bin);
  for (const f of o.values.f ?? []) scripts.push((await readInput(ctx.libc, f)).replace(/\n$/, ''));
  const files = [...o.operands];
  if (!o.has('e') && !o.has('f')) {
    if (!files.length) return showUsage(ctx, usage);
    scripts.push(utf8bin(files.shift()!));
  }
  const cmds = parseSed(scripts.join('\n'), o.has('r') || o.has('E'));
  const quiet = o.has('n');
  let status = 0;
  if (inPlace !== undefined) {
    if (!files.length) { await errorMsg(ctx, 'no files to edit in place'); return 1; }
    for (const f of files) {
      let text: string;
      try { text = await readInput(ctx.libc, f); } catch (e) {
        await errorMsg(ctx, `${f}: ${errText(e)}`);
        status = 1;
        continue;
      }
      const run = new SedRun(ctx, cmds.map((c) => ({ ...c, active: false })), quiet);
      await run.run(toLines(text));
      if (inPlace) await ctx.libc.writeFile(f + inPlace, bbytes(text), 0o666, O.WRONLY | O.CREAT | O.TRUNC);
      await ctx.libc.writeFile(f, bbytes(run.out), 0o666, O.WRONLY | O.CREAT | O.TRUNC);
      await run.writeFiles();
      if (run.quitCode !== undefined) return run.quitCode;
    }
    return status;
  }
  let all = '';
  for (const f of files.length ? files : ['-']) {
    try {
      const t = await readInput(ctx.libc, f);
      all += all && !all.endsWith('\n') && t ? `\n${t}` : t;
    } catch (e) {
      await errorMsg(ctx, `${f}: ${errText(e)}`);
      status = 1;
    }
  }
  const run = new SedRun(ctx, cmds, quiet);
  await run.run(toLines(all));
  await ctx.out.write(bbytes(run.out));
  await run.writeFiles();
  return run.quitCode ?? status;
};
