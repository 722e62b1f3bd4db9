// env and printenv: print the environment, or run a program in a modified one.
import type { Applet } from '../applet.js';
import { getenv } from '../libc/index.js';
import { errorMsg, parseArgs } from './lib/report.js';
import { Errno } from '../../abi/index.js';

/** env [-i] [-u NAME]... [-] [NAME=VALUE]... [PROG ARGS] */
export const env: Applet = async (ctx) => {
  const args = ctx.argv.slice(1);
  let clear = false;
  if (args[0] === '-') { clear = true; args.shift(); }
  const o = await parseArgs({ ...ctx, argv: ['env', ...args] }, 'iu:0', 'env [-i] [-u NAME]... [-] [NAME=VALUE]... [PROG ARGS]', { stopAtOperand: true, long: { 'ignore-environment': 'i', 'unset:': 'u', null: '0' } });
  if (!o) return 1;
  let envp = clear || o.has('i') ? [] : [...ctx.envp];
  const unset = new Set(o.values.u ?? []);
  envp = envp.filter((e) => !unset.has(e.slice(0, e.indexOf('='))));
  let rest = o.operands;
  if (rest[0] === '-') { envp = []; rest = rest.slice(1); }
  while (rest.length && rest[0].includes('=')) {
    const kv = rest.shift()!;
    const name = kv.slice(0, kv.indexOf('='));
    envp = envp.filter((e) => !e.startsWith(`${name}=`));
    envp.push(kv);
  }
  if (rest.length === 0) {
    await ctx.out.write(envp.map((e) => e + (o.has('0') ? '\0' : '\n')).join(''));
    return 0;
  }
  await ctx.out.flush();
  const err = await ctx.libc.execvp(rest[0], rest, envp);
  await errorMsg(ctx, `can't execute '${rest[0]}': ${err.message}`);
  return err.errno === Errno.ENOENT ? 127 : 126;
};

/** printenv [VARIABLE]...: prints values (all of the environment without arguments). */
export const printenv: Applet = async (ctx) => {
  const names = ctx.argv.slice(1);
  if (names.length === 0) {
    await ctx.out.write(ctx.envp.map((e) => `${e}\n`).join(''));
    return 0;
  }
  let status = 0;
  for (const n of names) {
    const v = getenv(ctx.envp, n);
    if (v === undefined) status = 1;
    else await ctx.out.write(`${v}\n`);
  }
  return status;
};
