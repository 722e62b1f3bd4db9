// Command-line option parsing the way busybox's getopt32 (over glibc getopt) does it:
// clustered short flags, `-m VALUE` / `-mVALUE`, `--` ends options, operands may be permuted
// among options unless `stopAtOperand`. Long options map onto short letters.

/** The outcome of parsing: flags seen (with counts), option values, and the operands. */
export interface Options {
  /** How many times each flag letter was given. */
  count: Record<string, number>;
  /** Values of options that take an argument, in order given. */
  values: Record<string, string[]>;
  operands: string[];
  /** True if the flag letter was given at least once. */
  has(flag: string): boolean;
  /** The last value given for an option that takes an argument. */
  get(flag: string): string | undefined;
}

/** A bad command line: `message` is what glibc getopt prints after "applet: ". */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parsing behaviour. */
export interface GetoptConfig {
  /** Stop at the first operand (POSIX style), as env, xargs, chroot and find need. */
  stopAtOperand?: boolean;
  /** Long option name → short letter it means (append `:` to the name if it takes a value). */
  long?: Record<string, string>;
  /** Treat a lone `-NUM` (like `head -5`) as option `numberFlag` with value NUM. */
  numberFlag?: string;
}

/**
 * Parses `args` (argv without argv[0]) against a getopt spec such as `"pm:"`.
 * Throws UsageError for an unknown option or a missing argument.
 */
export function getopt(args: readonly string[], spec: string, config: GetoptConfig = {}): Options {
  const takesArg = new Map<string, boolean>();
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === ':') continue;
    takesArg.set(c, spec[i + 1] === ':');
  }
  const count: Record<string, number> = {};
  const values: Record<string, string[]> = {};
  const operands: string[] = [];
  const set = (flag: string, value?: string): void => {
    count[flag] = (count[flag] ?? 0) + 1;
    if (value !== undefined) (values[flag] ??= []).push(value);
  };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { i++; break; }
    if (a.startsWith('--') && config.long) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const matches = Object.keys(config.long).filter((k) => k.replace(/:$/, '') === name);
      const prefix = matches.length ? matches : Object.keys(config.long).filter((k) => k.startsWith(name));
      if (prefix.length !== 1) throw new UsageError(prefix.length ? `option '${a}' is ambiguous` : `unrecognized option '${a}'`);
      const key = prefix[0];
      const flag = config.long[key];
      if (key.endsWith(':')) {
        const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) throw new UsageError(`option '--${key.slice(0, -1)}' requires an argument`);
        set(flag, v);
      } else set(flag);
      continue;
    }
    if (a.length < 2 || a[0] !== '-') {
      if (config.stopAtOperand) break;
      operands.push(a);
      continue;
    }
    if (config.numberFlag && /^-\d+$/.test(a)) { set(config.numberFlag, a.slice(1)); continue; }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      const arg = takesArg.get(c);
      if (arg === undefined) throw new UsageError(`invalid option -- '${c}'`);
      if (!arg) { set(c); continue; }
      let v = a.slice(j + 1);
      if (v === '') {
        if (i + 1 >= args.length) throw new UsageError(`option requires an argument -- '${c}'`);
        v = args[++i];
      }
      set(c, v);
      break;
    }
  }
  operands.push(...args.slice(i));
  return {
    count, values, operands,
    has: (f) => (count[f] ?? 0) > 0,
    get: (f) => values[f]?.[values[f].length - 1],
  };
}
