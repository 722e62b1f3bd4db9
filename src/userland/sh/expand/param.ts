// Parameter expansion: $name, special parameters ($@ $* $# $? $$ $! $- $0…), and the
// ${name op word} forms (defaults, assignment, alternatives, errors, length, pattern
// trimming, and busybox's bash-compatible ${x/p/r} and ${x:off:len}).
import type { Part } from '../ast.js';
import type { Ctx } from '../exec/context.js';
import { ShellError } from '../exec/control.js';
import { replacePattern, trimPattern } from '../pattern.js';
import { arith, expandParts, expandPattern, expandWord } from './expand.js';
import type { Seg } from './fields.js';

type ParamPart = Extract<Part, { type: 'param' }>;

/** The value of a scalar parameter (undefined if unset). `@`/`*` are handled by the caller. */
export function paramValue(ctx: Ctx, name: string): string | undefined {
  const st = ctx.st;
  if (/^[0-9]+$/.test(name)) {
    const n = Number(name);
    return n === 0 ? st.arg0 : st.positional[n - 1];
  }
  switch (name) {
    case '#': return String(st.positional.length);
    case '?': return String(st.status);
    case '$': return String(st.pid);
    case '!': return st.lastBg === undefined ? undefined : String(st.lastBg);
    case '-': return st.flags();
    case 'LINENO': return String(st.lineno);
  }
  return st.get(name);
}

/** Appends the segments of one parameter expansion. */
export async function expandParam(ctx: Ctx, p: ParamPart, inDq: boolean, segs: Seg[]): Promise<void> {
  const st = ctx.st;
  const isList = p.name === '@' || p.name === '*';
  const value = isList ? undefined : paramValue(ctx, p.name);
  const isSet = isList ? st.positional.length > 0 : value !== undefined;
  const listValue = (): string => st.positional.join(p.name === '*' ? (st.get('IFS') ?? ' \t\n').slice(0, 1) : ' ');
  const scalar = isList ? listValue() : value ?? '';
  const colon = p.op.startsWith(':') && p.op !== ':';
  const empty = !isSet || (colon && scalar === '');

  const pushValue = (): void => {
    if (!isList) {
      segs.push({ t: 'text', text: value ?? '', quoted: inDq, split: !inDq });
      return;
    }
    if (inDq && p.name === '*') {
      segs.push({ t: 'text', text: listValue(), quoted: true, split: false });
      return;
    }
    st.positional.forEach((a, i) => {
      if (i > 0) segs.push({ t: 'break' });
      if (inDq) segs.push({ t: 'qempty' });
      segs.push({ t: 'text', text: a, quoted: inDq, split: !inDq });
    });
  };

  switch (p.op) {
    case '':
      if (!isSet && !isList && st.opts.has('nounset') && p.name !== '!') await unsetError(ctx, p.name, 'parameter not set');
      pushValue();
      return;
    case '-': case ':-':
      if (empty) await expandParts(ctx, p.word!.parts, inDq, segs, 'word');
      else pushValue();
      return;
    case '+': case ':+':
      if (!empty) await expandParts(ctx, p.word!.parts, inDq, segs, 'word');
      return;
    case '=': case ':=': {
      if (!empty) { pushValue(); return; }
      const v = await expandWord(ctx, p.word!, 'word');
      if (/^[0-9]+$/.test(p.name) || isList || !/^[A-Za-z_]/.test(p.name)) {
        await ctx.msg(`${p.name}: bad variable name`);
        throw new ShellError(2);
      }
      if (!st.set(p.name, v)) { await ctx.msg(`${p.name}: is read only`); throw new ShellError(2); }
      segs.push({ t: 'text', text: v, quoted: inDq, split: !inDq });
      return;
    }
    case '?': case ':?': {
      if (!empty) { pushValue(); return; }
      const w = p.word && p.word.parts.length ? await expandWord(ctx, p.word, 'word') : undefined;
      await unsetError(ctx, p.name, w ?? (colon ? 'parameter not set or null' : 'parameter not set'));
      return;
    }
  }
  if (!isSet && st.opts.has('nounset') && !isList) await unsetError(ctx, p.name, 'parameter not set');
  let result: string;
  switch (p.op) {
    case 'len':
      result = String([...scalar].length);
      break;
    case '#': case '##': case '%': case '%%':
      result = trimPattern(scalar, await expandPattern(ctx, p.word!), p.op);
      break;
    case '/': case '//': case '/#': case '/%': {
      const pat = await expandPattern(ctx, p.word!);
      const rep = p.word2 ? await expandWord(ctx, p.word2, 'none') : '';
      result = replacePattern(scalar, pat, rep, p.op);
      break;
    }
    case ':': {
      const chars = [...scalar];
      let off = Number(await arith(ctx, await expandWord(ctx, p.word!, 'none')));
      if (off < 0) off = Math.max(0, chars.length + off);
      let len = chars.length - off;
      if (p.word2) {
        len = Number(await arith(ctx, await expandWord(ctx, p.word2, 'none')));
        if (len < 0) len = Math.max(0, chars.length - off + len);
      }
      result = chars.slice(off, off + Math.max(0, len)).join('');
      break;
    }
    default:
      result = scalar;
  }
  segs.push({ t: 'text', text: result, quoted: inDq, split: !inDq });
}

async function unsetError(ctx: Ctx, name: string, msg: string): Promise<never> {
  await ctx.msg(`${name}: ${msg}`);
  throw new ShellError(2);
}
