// type and command: how a name would be run (keyword, alias, function, builtin, applet, path);
// `command name` runs it bypassing functions.
import { keywordToken } from '../tokens.js';
import type { Ctx } from '../exec/context.js';
import { forkShell, waitFor } from '../exec/fork.js';
import { ExitSignal } from '../exec/control.js';
import { callBuiltin } from '../exec/simple.js';
import { BUILTINS } from './index.js';
import { applets } from '../../applets/index.js';
import type { Builtin } from './types.js';
import { Errno, strerror } from '../../../abi/index.js';

type Kind = { kind: 'keyword' | 'alias' | 'function' | 'special' | 'builtin' | 'applet' | 'path' | 'none'; detail?: string };

async function classify(ctx: Ctx, name: string, useAlias = true): Promise<Kind> {
  if (keywordToken(name) !== undefined) return { kind: 'keyword' };
  if (useAlias && ctx.st.aliases.has(name)) return { kind: 'alias', detail: ctx.st.aliases.get(name) };
  const b = BUILTINS[name];
  if (b?.special) return { kind: 'special' };
  if (ctx.st.funcs.has(name)) return { kind: 'function' };
  if (b) return { kind: 'builtin' };
  if (!name.includes('/') && Object.prototype.hasOwnProperty.call(applets, name)) return { kind: 'applet' };
  const path = await ctx.libc.which(name, ctx.st.environ());
  if (path && (!name.includes('/') || (await ctx.libc.statOrUndefined(path)))) return { kind: 'path', detail: path };
  return { kind: 'none' };
}

export const typeBuiltin: Builtin = async (ctx, argv) => {
  let status = 0;
  let out = '';
  for (const name of argv.slice(1)) {
    const k = await classify(ctx, name);
    switch (k.kind) {
      case 'keyword': out += `${name} is a shell keyword\n`; break;
      case 'alias': out += `${name} is an alias for ${k.detail}\n`; break;
      case 'function': out += `${name} is a function\n`; break;
      case 'special': out += `${name} is a special shell builtin\n`; break;
      case 'builtin': out += `${name} is a shell builtin\n`; break;
      case 'applet': out += `${name} is ${name}\n`; break;
      case 'path': out += `${name} is ${k.detail}\n`; break;
      default: out += `${name}: not found\n`; status = 127;
    }
  }
  await ctx.out.write(out);
  return status;
};

export const commandBuiltin: Builtin = async (ctx, argv) => {
  let i = 1;
  let v = '';
  for (; i < argv.length && argv[i].startsWith('-') && argv[i].length > 1; i++) {
    if (argv[i] === '--') { i++; break; }
    if (argv[i].includes('v')) v = 'v';
    if (argv[i].includes('V')) v = 'V';
  }
  const args = argv.slice(i);
  if (!args.length) return 0;
  const name = args[0];
  if (v === 'V') return typeBuiltin(ctx, ['type', name]);
  if (v === 'v') {
    const k = await classify(ctx, name);
    if (k.kind === 'none') return 127;
    const text = k.kind === 'alias' ? `alias ${name}='${k.detail}'` : k.kind === 'path' ? k.detail! : name;
    await ctx.out.write(`${text}\n`);
    return 0;
  }
  if (BUILTINS[name]) return callBuiltin(ctx, name, args);
  const env = ctx.st.environ();
  const pid = await forkShell(ctx, async (c) => {
    await c.flushOut();
    const err = await c.libc.execvp(name, args, env);
    const nf = err.errno === Errno.ENOENT || err.errno === Errno.ENOTDIR;
    c.st.commandName = c.st.topCommandName;
    await c.msg(`${name}: ${nf ? 'not found' : strerror(err.errno)}`);
    throw new ExitSignal(nf ? 127 : 126);
  });
  return waitFor(ctx, pid);
};
