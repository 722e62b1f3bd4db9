// Word expansion: tilde, parameters, command substitution and arithmetic produce segments
// (expand/fields.ts); then field splitting, pathname expansion and quote removal give the
// final fields. Also the no-split forms used by assignments, redirections, case and heredocs.
import type { Part, Word } from '../ast.js';
import { ArithError, evalArith } from '../arith.js';
import type { Ctx } from '../exec/context.js';
import { ShellError } from '../exec/control.js';
import { commandSubst } from '../exec/subst.js';
import { escapePattern, hasGlobChars } from '../pattern.js';
import { joinSegs, splitFields, type Seg } from './fields.js';
import { glob } from './glob.js';
import { expandParam } from './param.js';

/** Where tilde expansion applies: word start, or also after `=`/`:` (assignments). */
export type TildeMode = 'none' | 'word' | 'assign';

/** Expands words into fields: splitting, globbing, quote removal (command arguments). */
export async function expandWords(ctx: Ctx, words: Word[]): Promise<string[]> {
  const out: string[] = [];
  const ifs = ctx.st.get('IFS') ?? ' \t\n';
  for (const w of words) {
    const segs: Seg[] = [];
    await expandParts(ctx, w.parts, false, segs, 'word');
    for (const f of splitFields(segs, ifs)) {
      const text = f.chunks.map((c) => c.text).join('');
      if (!ctx.st.opts.has('noglob') && f.chunks.some((c) => !c.quoted && /[*?[]/.test(c.text))) {
        const pattern = f.chunks.map((c) => (c.quoted ? escapePattern(c.text) : c.text)).join('');
        if (hasGlobChars(pattern)) {
          const matches = await glob(ctx.libc, pattern);
          if (matches.length) { out.push(...matches); continue; }
        }
      }
      out.push(text);
    }
  }
  return out;
}

/** Expands a word to one string without splitting or globbing. */
export async function expandWord(ctx: Ctx, w: Word, tilde: TildeMode = 'word'): Promise<string> {
  const segs: Seg[] = [];
  await expandParts(ctx, w.parts, false, segs, tilde);
  return joinSegs(segs);
}

/** Expands a word into a pattern: quoted characters are escaped, the rest stays active. */
export async function expandPattern(ctx: Ctx, w: Word): Promise<string> {
  const segs: Seg[] = [];
  await expandParts(ctx, w.parts, false, segs, 'word');
  let s = '';
  for (const g of segs) {
    if (g.t === 'text') s += g.quoted ? escapePattern(g.text) : g.text;
    else if (g.t === 'break') s += ' ';
  }
  return s;
}

/** Appends the segments of `parts` (inside double quotes if `inDq`). */
export async function expandParts(ctx: Ctx, parts: Part[], inDq: boolean, segs: Seg[], tilde: TildeMode = 'none'): Promise<void> {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    switch (p.type) {
      case 'lit':
        if (tilde !== 'none' && !inDq) await tildeSegs(ctx, p.text, i === 0, i === parts.length - 1, tilde, segs);
        else segs.push({ t: 'text', text: p.text, quoted: inDq, split: false });
        break;
      case 'quoted':
        segs.push({ t: 'text', text: p.text, quoted: true, split: false });
        break;
      case 'dq': {
        const inner: Seg[] = [];
        await expandParts(ctx, p.parts, true, inner);
        const onlyAt = p.parts.length > 0 && p.parts.every((q) => q.type === 'param' && q.name === '@' && q.op === '');
        if (!(onlyAt && ctx.st.positional.length === 0)) segs.push({ t: 'qempty' });
        segs.push(...inner);
        break;
      }
      case 'param':
        await expandParam(ctx, p, inDq, segs);
        break;
      case 'cmdsub': {
        const text = await commandSubst(ctx, p.body);
        segs.push({ t: 'text', text, quoted: inDq, split: !inDq });
        break;
      }
      case 'arith': {
        const text = String(await arith(ctx, await expandWord(ctx, p.expr, 'none')));
        segs.push({ t: 'text', text, quoted: inDq, split: !inDq });
        break;
      }
    }
  }
}

/** Evaluates arithmetic, reporting errors as ash does (fatal ShellError). */
export async function arith(ctx: Ctx, expr: string): Promise<bigint> {
  let readonlyName: string | undefined;
  try {
    return evalArith(expr, {
      get: (n) => ctx.st.get(n),
      set: (n, v) => {
        if (!ctx.st.set(n, v)) { readonlyName = n; throw new ArithError(`${n}: is read only`); }
      },
    });
  } catch (e) {
    if (e instanceof ArithError) {
      await ctx.msg(readonlyName ? `${readonlyName}: is read only` : e.message);
      throw new ShellError(2);
    }
    throw e;
  }
}

async function tildeSegs(ctx: Ctx, text: string, first: boolean, lastPart: boolean, mode: TildeMode, segs: Seg[]): Promise<void> {
  const starts: number[] = [];
  if (first && text.startsWith('~')) starts.push(0);
  if (mode === 'assign') for (let i = 0; i < text.length; i++) if (text[i] === ':' && text[i + 1] === '~') starts.push(i + 1);
  let done = 0;
  for (const s of starts) {
    let end = s + 1;
    while (end < text.length && text[end] !== '/' && !(mode === 'assign' && text[end] === ':')) end++;
    if (end === text.length && !lastPart) continue;
    const home = await homeOf(ctx, text.slice(s + 1, end));
    if (home === undefined) {
      // ash's exptilde leaves the prefix cut at its end when the lookup fails (the rest is lost)
      if (end < text.length) {
        segs.push({ t: 'text', text: text.slice(done, end), quoted: false, split: false });
        return;
      }
      continue;
    }
    if (s > done) segs.push({ t: 'text', text: text.slice(done, s), quoted: false, split: false });
    segs.push({ t: 'text', text: home, quoted: true, split: false });
    done = end;
  }
  if (done < text.length) segs.push({ t: 'text', text: text.slice(done), quoted: false, split: false });
}

async function homeOf(ctx: Ctx, user: string): Promise<string | undefined> {
  if (user === '') {
    const home = ctx.st.get('HOME');
    if (home !== undefined) return home;
  }
  let passwd: string;
  try {
    passwd = await ctx.libc.readTextFile('/etc/passwd');
  } catch {
    return undefined;
  }
  const uid = user === '' ? String((await ctx.sys.getuid()).ok ? ((await ctx.sys.getuid()) as { value: number }).value : 0) : undefined;
  for (const line of passwd.split('\n')) {
    const f = line.split(':');
    if (f.length < 6) continue;
    if (user !== '' ? f[0] === user : f[2] === uid) return f[5];
  }
  return undefined;
}
