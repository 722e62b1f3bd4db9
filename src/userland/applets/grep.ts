// grep (and egrep, fgrep): prints lines matching patterns. Busybox flags -HhnlLoqvsrRiwxFEcm
// -A/-B/-C context, -e/-f patterns; exit 0 on a match, 1 on none, 2 on an error.
import { S } from '../../abi/index.js';
import type { Applet, AppletContext } from '../applet.js';
import { listDir, tryStat } from './lib/fsutil.js';
import type { Options } from './lib/getopt.js';
import { bbytes, readInput, splitLines, utf8bin } from './lib/io.js';
import { joinPath } from './lib/paths.js';
import { compileRegex, RegexError } from './lib/regex.js';
import { appletName, errText, errorMsg, parseArgs, showUsage, DieError } from './lib/report.js';

const escapeJs = (s: string): string => s.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&');

/** Builds the matcher for a set of patterns: returns match spans in a line. */
export function buildMatcher(patterns: string[], o: { fixed: boolean; extended: boolean; icase: boolean; word: boolean; line: boolean }): RegExp {
  const parts = patterns.map((p) => {
    if (o.fixed) return escapeJs(p);
    try {
      return compileRegex(p, { extended: o.extended }).source;
    } catch (e) {
      if (e instanceof RegexError) throw new DieError(`bad regex '${p}'`, 2);
      throw e;
    }
  });
  let src = parts.map((p) => `(?:${p})`).join('|');
  if (o.word) src = `(?<![0-9A-Za-z_])(?:${src})(?![0-9A-Za-z_])`;
  if (o.line) src = `^(?:${src})$`;
  return new RegExp(src, `gs${o.icase ? 'i' : ''}`);
}

class Grep {
  matched = false;
  /** -L printed a name (what -L's exit status reports). */
  listed = false;
  error = false;
  constructor(private readonly ctx: AppletContext, private readonly o: Options, private readonly re: RegExp, private readonly prefixNames: boolean) {}

  private test(line: string): boolean {
    this.re.lastIndex = 0;
    return this.re.test(line) !== this.o.has('v');
  }

  /** Greps one input; returns true to stop everything (-q matched). */
  async file(name: string, text: string): Promise<boolean> {
    const o = this.o;
    const lines = splitLines(text);
    const display = name === '-' ? '(standard input)' : name;
    const prefix = this.prefixNames ? `${display}:` : '';
    const max = o.has('m') ? Number(o.get('m')) : Infinity;
    const after = Number(o.get('A') ?? o.get('C') ?? 0);
    const before = Number(o.get('B') ?? o.get('C') ?? 0);
    let count = 0;
    let out = '';
    let lastPrinted = -1;
    let afterLeft = 0;
    for (let i = 0; i < lines.length; i++) {
      if (count >= max) {
        if (afterLeft > 0 && !this.test(lines[i])) { out += this.emit(prefix, i, lines[i], '-'); lastPrinted = i; afterLeft--; continue; }
        break;
      }
      const hit = this.test(lines[i]);
      if (!hit) {
        if (afterLeft > 0) { out += this.emit(prefix, i, lines[i], '-'); lastPrinted = i; afterLeft--; }
        continue;
      }
      count++;
      this.matched = true;
      if (o.has('q')) return true;
      if (o.has('l') || o.has('L') || o.has('c')) continue;
      if (before || after) {
        const from = Math.max(lastPrinted + 1, i - before);
        if (lastPrinted >= 0 && from > lastPrinted + 1) out += '--\n';
        for (let k = from; k < i; k++) out += this.emit(prefix, k, lines[k], '-');
      }
      if (o.has('o') && !o.has('v')) {
        this.re.lastIndex = 0;
        for (const m of lines[i].matchAll(this.re)) if (m[0] !== '') out += `${prefix}${o.has('n') ? `${i + 1}:` : ''}${m[0]}\n`;
      } else out += this.emit(prefix, i, lines[i], ':');
      lastPrinted = i;
      afterLeft = after;
    }
    if (o.has('c')) out += `${prefix}${count}\n`;
    if (o.has('l') && count > 0) out += `${display}\n`;
    if (o.has('L') && count === 0) { out += `${display}\n`; this.listed = true; }
    await this.ctx.out.write(bbytes(out));
    return false;
  }

  private emit(prefix: string, i: number, line: string, sep: string): string {
    return `${prefix.replace(/:$/, prefix ? sep : '')}${this.o.has('n') ? `${i + 1}${sep}` : ''}${line}\n`;
  }

  async path(p: string, recursive: boolean, top: boolean): Promise<boolean> {
    if (recursive) {
      const r = await tryStat(this.ctx.libc, p, top || this.o.has('R'));
      if (r.st && (r.st.mode & S.IFMT) === S.IFDIR) {
        let names: string[] = [];
        try { names = await listDir(this.ctx.libc, p); } catch (e) {
          if (!this.o.has('s')) await errorMsg(this.ctx, `${p}: ${errText(e)}`);
          this.error = true;
          return false;
        }
        for (const n of names.sort()) if (await this.path(joinPath(p, n), true, false)) return true;
        return false;
      }
      if (!top && r.st && (r.st.mode & S.IFMT) === S.IFLNK) return false;
    }
    let text: string;
    try { text = await readInput(this.ctx.libc, p); } catch (e) {
      if (!this.o.has('s')) await errorMsg(this.ctx, `${p}: ${errText(e)}`);
      this.error = true;
      return false;
    }
    return this.file(p, text);
  }
}

/** grep [-HhnlLoqvsrRiwxFEcz] [-m N] [-A|B|C N] PATTERN | -e PATTERN... | -f FILE... [FILE]... */
export const grep: Applet = async (ctx) => {
  const usage = 'grep [-HhnlLoqvsrRiwFEz] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...';
  const o = await parseArgs(ctx, 'HhnlLoqvsrRiwxFEczm:A:B:C:e:f:aIby', usage);
  if (!o) return 2;
  const name = appletName(ctx);
  const patterns: string[] = [...(o.values.e ?? []).map(utf8bin)];
  for (const f of o.values.f ?? []) {
    try { patterns.push(...splitLines(await readInput(ctx.libc, f))); } catch (e) {
      await errorMsg(ctx, `${f}: ${errText(e)}`);
      return 2;
    }
  }
  const operands = [...o.operands];
  if (!o.has('e') && !o.has('f')) {
    if (operands.length === 0) { await showUsage(ctx, usage); return 2; }
    patterns.push(...utf8bin(operands.shift()!).split('\n'));
  }
  const re = buildMatcher(patterns, {
    fixed: o.has('F') || name === 'fgrep', extended: o.has('E') || name === 'egrep', icase: o.has('i') || o.has('y'), word: o.has('w'), line: o.has('x'),
  });
  const recursive = o.has('r') || o.has('R');
  const files = operands.length ? operands : ['-'];
  const prefixNames = o.has('H') || (!o.has('h') && (files.length > 1 || (recursive && operands.length > 0)));
  const g = new Grep(ctx, o, re, prefixNames);
  for (const f of files) if (await g.path(f, recursive && f !== '-', true)) break;
  if (g.error && !(o.has('q') && g.matched)) return 2;
  if (o.has('L')) return g.listed ? 0 : 1;
  return g.matched ? 0 : 1;
};
