// eval, `.`/source and exec (exec without a command is handled in exec/simple.ts, where its
// redirections become permanent).
import { Errno, strerror } from '../../../abi/index.js';
import { decode } from '../../libc/libc.js';
import { ExitSignal, ReturnSignal, ShellError } from '../exec/control.js';
import { evalString } from '../exec/eval.js';
import type { Builtin } from './types.js';

export const evalBuiltin: Builtin = async (ctx, argv) => {
  if (argv.length < 2) return 0;
  return evalString(ctx, argv.slice(1).join(' '));
};

export const dotBuiltin: Builtin = async (ctx, argv) => {
  const name = argv[1];
  if (name === undefined) return 0;
  let path: string | undefined = name;
  if (!name.includes('/')) {
    path = undefined;
    for (const dir of (ctx.st.get('PATH') ?? '').split(':')) {
      const full = `${dir || '.'}/${name}`;
      if (await ctx.libc.statOrUndefined(full)) { path = full; break; }
    }
  }
  let text: string;
  const fd = path === undefined ? undefined : await ctx.sys.openat(-100, path, 0, 0);
  if (!fd || !fd.ok) {
    await ctx.msg(fd && fd.errno !== Errno.ENOENT ? `can't open '${name}': ${strerror(fd.errno)}` : `${name}: not found`);
    throw new ShellError(2);
  }
  try {
    text = decode(await ctx.libc.readAll(fd.value));
  } finally {
    await ctx.sys.close(fd.value);
  }
  const st = ctx.st;
  const savedPos = st.positional;
  if (argv.length > 2) st.positional = argv.slice(2);
  try {
    return await evalString(ctx, text, 1);
  } catch (e) {
    if (e instanceof ReturnSignal) return e.status;
    throw e;
  } finally {
    if (argv.length > 2) st.positional = savedPos;
  }
};

export const execBuiltin: Builtin = async (ctx, argv) => {
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (!args.length) return 0;
  await ctx.flushOut();
  const env = ctx.st.environ();
  const err = await ctx.libc.execvp(args[0], args, env);
  const e = err.errno;
  const notFound = e === Errno.ENOENT || e === Errno.ENOTDIR;
  await ctx.msg(`${args[0]}: ${notFound ? 'not found' : strerror(e)}`);
  throw new ExitSignal(notFound ? 127 : 126);
};
