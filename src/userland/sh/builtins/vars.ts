// Variable builtins: export, readonly, unset, local, shift; listing formats follow ash
// (`export A='1'`, `readonly R='2'`).
import type { Ctx } from '../exec/context.js';
import { ShellError } from '../exec/control.js';
import { singleQuote } from '../exec/xtrace.js';
import { number } from './flow.js';
import type { Builtin } from './types.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** ash's single-quoting of values in listings (always quoted). */
export function quoteValue(v: string): string {
  return singleQuote(v);
}

function sortedVars(ctx: Ctx): [string, { value: string | undefined; exported: boolean; readonly: boolean }][] {
  return [...ctx.st.vars].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function listFlagged(ctx: Ctx, word: string, pick: (v: { exported: boolean; readonly: boolean }) => boolean): Promise<number> {
  let out = '';
  for (const [k, v] of sortedVars(ctx)) {
    if (!pick(v)) continue;
    out += v.value === undefined ? `${word} ${k}\n` : `${word} ${k}=${quoteValue(v.value)}\n`;
  }
  await ctx.out.write(out);
  return 0;
}

async function setFlag(ctx: Ctx, argv: string[], flag: 'exported' | 'readonly', word: string): Promise<number> {
  const args = argv.slice(1).filter((a, i) => !(i === 0 && a === '-p'));
  if (args.length === 0) return listFlagged(ctx, word, (v) => v[flag]);
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) {
      await ctx.msg(`${name}: bad variable name`);
      throw new ShellError(2);
    }
    const cur = ctx.st.vars.get(name);
    if (eq >= 0) {
      if (!ctx.st.set(name, a.slice(eq + 1), { [flag]: true })) {
        await ctx.msg(`${name}: is read only`);
        throw new ShellError(2);
      }
    } else if (cur) cur[flag] = true;
    else ctx.st.vars.set(name, { value: undefined, exported: flag === 'exported', readonly: flag === 'readonly' });
  }
  return 0;
}

export const exportBuiltin: Builtin = (ctx, argv) => setFlag(ctx, argv, 'exported', 'export');
export const readonlyBuiltin: Builtin = (ctx, argv) => setFlag(ctx, argv, 'readonly', 'readonly');

export const unsetBuiltin: Builtin = async (ctx, argv) => {
  let funcs = false;
  let i = 1;
  for (; i < argv.length && argv[i].startsWith('-') && argv[i] !== '-'; i++) {
    if (argv[i] === '--') { i++; break; }
    for (const c of argv[i].slice(1)) {
      if (c === 'f') funcs = true;
      else if (c === 'v') funcs = false;
      else { await ctx.msg(`illegal option -${c}`); throw new ShellError(2); }
    }
  }
  for (const name of argv.slice(i)) {
    if (funcs) { ctx.st.funcs.delete(name); continue; }
    if (!ctx.st.unset(name)) {
      await ctx.msg(`${name}: is read only`);
      throw new ShellError(2);
    }
  }
  return 0;
};

export const localBuiltin: Builtin = async (ctx, argv) => {
  if (ctx.st.funcDepth === 0) {
    await ctx.msg('not in a function');
    throw new ShellError(2);
  }
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (name === '-') continue;
    if (!NAME.test(name)) { await ctx.msg(`${name}: bad variable name`); throw new ShellError(2); }
    ctx.st.makeLocal(name);
    if (eq >= 0 && !ctx.st.set(name, a.slice(eq + 1))) {
      await ctx.msg(`${name}: is read only`);
      throw new ShellError(2);
    }
  }
  return 0;
};

export const shiftBuiltin: Builtin = async (ctx, argv) => {
  const n = argv[1] === undefined ? 1 : await number(ctx, argv[1]);
  if (n > ctx.st.positional.length) return 1;
  ctx.st.positional = ctx.st.positional.slice(n);
  return 0;
};
