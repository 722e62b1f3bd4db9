// Small builtins: alias/unalias, umask, times, ulimit, getopts, hash, let.
import { arith } from '../expand/expand.js';
import { ShellError } from '../exec/control.js';
import { singleQuote } from '../exec/xtrace.js';
import type { Builtin } from './types.js';

export const aliasBuiltin: Builtin = async (ctx, argv) => {
  const al = ctx.st.aliases;
  if (argv.length === 1) {
    let out = '';
    for (const k of al.keys()) out += `${k}=${singleQuote(al.get(k)!)}\n`;
    await ctx.out.write(out);
    return 0;
  }
  let status = 0;
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    if (eq > 0) { al.set(a.slice(0, eq), a.slice(eq + 1)); continue; }
    const v = al.get(a);
    if (v === undefined) {
      await ctx.flushOut();
      await ctx.err.write(`alias: ${a} not found\n`);
      status = 1;
    } else await ctx.out.write(`${a}=${singleQuote(v)}\n`);
  }
  return status;
};

export const unaliasBuiltin: Builtin = async (ctx, argv) => {
  if (argv[1] === '-a') { ctx.st.aliases.clear(); return 0; }
  let status = 0;
  for (const a of argv.slice(1)) {
    if (!ctx.st.aliases.delete(a)) {
      await ctx.flushOut();
      await ctx.err.write(`unalias: ${a} not found\n`);
      status = 1;
    }
  }
  return status;
};

function symbolic(mask: number): string {
  const perm = (bits: number): string => `${bits & 4 ? 'r' : ''}${bits & 2 ? 'w' : ''}${bits & 1 ? 'x' : ''}`;
  const allowed = ~mask & 0o777;
  return `u=${perm(allowed >> 6)},g=${perm((allowed >> 3) & 7)},o=${perm(allowed & 7)}`;
}

export const umaskBuiltin: Builtin = async (ctx, argv) => {
  const args = argv.slice(1);
  const sym = args[0] === '-S';
  if (sym) args.shift();
  const cur = await ctx.sys.umask(0);
  const old = cur.ok ? cur.value : 0o22;
  if (!args.length) {
    await ctx.sys.umask(old);
    await ctx.out.write(sym ? `${symbolic(old)}\n` : `${old.toString(8).padStart(4, '0')}\n`);
    return 0;
  }
  let mask: number;
  if (/^[0-7]+$/.test(args[0])) mask = parseInt(args[0], 8) & 0o777;
  else {
    mask = old;
    for (const clause of args[0].split(',')) {
      const m = /^([ugoa]*)([=+-])([rwx]*)$/.exec(clause);
      if (!m) { await ctx.sys.umask(old); await ctx.msg(`bad mode: ${args[0]}`); return 1; }
      const who = m[1] === '' || m[1].includes('a') ? 'ugo' : m[1];
      const bits = (m[3].includes('r') ? 4 : 0) | (m[3].includes('w') ? 2 : 0) | (m[3].includes('x') ? 1 : 0);
      for (const w of who) {
        const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
        if (m[2] === '=') mask = (mask & ~(7 << shift)) | ((~bits & 7) << shift);
        else if (m[2] === '+') mask &= ~(bits << shift);
        else mask |= bits << shift;
      }
    }
  }
  await ctx.sys.umask(mask);
  return 0;
};

const fmtTime = (ns: number): string => {
  const s = ns / 1e9;
  const m = Math.floor(s / 60);
  return `${m}m${(s - m * 60).toFixed(3)}s`;
};

export const timesBuiltin: Builtin = async (ctx) => {
  const self = await ctx.sys.getrusage('self');
  const kids = await ctx.sys.getrusage('children');
  const a = self.ok ? self.value : { utimeNs: 0, stimeNs: 0 };
  const b = kids.ok ? kids.value : { utimeNs: 0, stimeNs: 0 };
  await ctx.out.write(`${fmtTime(a.utimeNs)} ${fmtTime(a.stimeNs)}\n${fmtTime(b.utimeNs)} ${fmtTime(b.stimeNs)}\n`);
  return 0;
};

export const ulimitBuiltin: Builtin = async (ctx, argv) => {
  const args = argv.slice(1).filter((a) => !/^-[HS]+$/.test(a));
  if (args.length === 0 || (args.length === 1 && args[0].startsWith('-') && args[0] !== '-n' && args[0] !== '-c')) {
    await ctx.out.write('unlimited\n');
  } else if (args.length === 1 && args[0] === '-n') {
    await ctx.out.write('1024\n');
  } else if (args.length === 1 && args[0] === '-c') {
    await ctx.out.write('0\n');
  }
  return 0;
};

export const hashBuiltin: Builtin = async () => 0;

export const letBuiltin: Builtin = async (ctx, argv) => {
  let v = 0n;
  for (const a of argv.slice(1)) v = await arith(ctx, a);
  return v === 0n ? 1 : 0;
};

export const getoptsBuiltin: Builtin = async (ctx, argv) => {
  const st = ctx.st;
  if (argv.length < 3) {
    await ctx.msg('usage: getopts optstring var [arg]');
    throw new ShellError(2);
  }
  const optstring = argv[1];
  const name = argv[2];
  const args = argv.length > 3 ? argv.slice(3) : st.positional;
  const silent = optstring.startsWith(':');
  let optind = Number(st.get('OPTIND') ?? '1');
  if (!Number.isFinite(optind) || optind < 1) optind = 1;
  if (st.optchar === 0 || optind !== st.getoptsInd) { st.optchar = 1; }
  const arg = args[optind - 1];
  const done = (): number => {
    st.set(name, '?');
    st.unset('OPTARG');
    st.set('OPTIND', String(optind));
    st.optchar = 0;
    st.getoptsInd = optind;
    return 1;
  };
  if (st.optchar <= 1) {
    if (arg === undefined || arg === '-' || !arg.startsWith('-')) return done();
    if (arg === '--') { optind++; return done(); }
    st.optchar = 1;
  }
  const c = arg[st.optchar];
  st.optchar++;
  let next = (): void => {
    if (st.optchar >= arg.length) { optind++; st.optchar = 0; }
  };
  const idx = optstring.indexOf(c);
  if (idx < 0 || c === ':') {
    next();
    if (silent) { st.set('OPTARG', c); }
    else { st.unset('OPTARG'); await ctx.flushOut(); await ctx.err.write(`Illegal option -${c}\n`); }
    st.set(name, '?');
  } else if (optstring[idx + 1] === ':') {
    let value: string | undefined;
    if (st.optchar < arg.length) { value = arg.slice(st.optchar); optind++; st.optchar = 0; }
    else { value = args[optind]; optind += 2; st.optchar = 0; }
    if (value === undefined) {
      if (silent) { st.set('OPTARG', c); st.set(name, ':'); }
      else { st.unset('OPTARG'); await ctx.flushOut(); await ctx.err.write(`No arg for -${c} option\n`); st.set(name, '?'); }
    } else {
      st.set('OPTARG', value);
      st.set(name, c);
    }
    next = () => undefined;
  } else {
    next();
    st.set('OPTARG', '');
    st.set(name, c);
  }
  st.set('OPTIND', String(optind));
  st.getoptsInd = optind;
  return 0;
};
