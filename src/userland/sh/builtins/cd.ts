// cd and pwd with logical paths ($PWD keeps symlinked names, `..` is lexical), `cd -`,
// $HOME, $CDPATH; errors as ash prints them ("can't cd to X: reason").
import { strerror } from '../../../abi/index.js';
import type { Ctx } from '../exec/context.js';
import { ShellError } from '../exec/control.js';
import type { Builtin } from './types.js';

/** Lexically normalizes an absolute path (`.`, `..`, duplicate slashes). */
export function normalize(path: string): string {
  const out: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}

/** The shell's idea of the current directory ($PWD if it is still right, else getcwd). */
export async function currentDir(ctx: Ctx): Promise<string> {
  const pwd = ctx.st.get('PWD');
  if (pwd?.startsWith('/')) return pwd;
  const r = await ctx.sys.getcwd();
  return r.ok ? r.value : '.';
}

export const cdBuiltin: Builtin = async (ctx, argv) => {
  let args = argv.slice(1);
  let physical = false;
  while (args.length && /^-[LP]+$/.test(args[0])) {
    physical = args[0].endsWith('P');
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  let dest = args[0] ?? '';
  let print = false;
  if (dest === '') {
    dest = ctx.st.get('HOME') ?? '';
    if (!dest) return 0;
  } else if (dest === '-') {
    dest = ctx.st.get('OLDPWD') ?? '';
    print = true;
  }
  const candidates: string[] = [];
  if (!dest.startsWith('/') && !dest.startsWith('./') && !dest.startsWith('../') && dest !== '.' && dest !== '..') {
    for (const p of (ctx.st.get('CDPATH') ?? '').split(':').filter(Boolean)) candidates.push(`${p}/${dest}`);
  }
  candidates.push(dest);
  const cur = await currentDir(ctx);
  let err = 0;
  for (const c of candidates) {
    const target = physical ? c : normalize(c.startsWith('/') ? c : `${cur}/${c}`);
    const r = await ctx.sys.chdir(target);
    if (!r.ok) { err ||= r.errno; continue; }
    let pwd = target;
    if (physical) {
      const g = await ctx.sys.getcwd();
      if (g.ok) pwd = g.value;
    }
    ctx.st.set('OLDPWD', cur);
    ctx.st.set('PWD', pwd);
    if (print || c !== dest) await ctx.out.write(`${pwd}\n`);
    return 0;
  }
  await ctx.msg(`can't cd to ${dest}: ${strerror(err)}`);
  throw new ShellError(2);
};

export const pwdBuiltin: Builtin = async (ctx, argv) => {
  if (argv[1] === '-P') {
    const r = await ctx.sys.getcwd();
    await ctx.out.write(`${r.ok ? r.value : ''}\n`);
    return 0;
  }
  await ctx.out.write(`${await currentDir(ctx)}\n`);
  return 0;
};
