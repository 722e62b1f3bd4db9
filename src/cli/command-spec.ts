// How skiff declares a command (name, docker usage line, argument rule, options, action) and
// turns it into a commander Command whose usage errors read like docker's.
import { Command, Option } from 'commander';
import type { CliContext } from './cli-context.js';
import { StatusError } from './status-error.js';

/** Docker's positional-argument rules. */
export type ArgRule = { none: true } | { exact: number } | { min: number; max?: number } | { max: number };

/** A command of the CLI. */
export interface CommandSpec {
  name: string;
  aliases?: string[];
  /** Usage after the command path, e.g. "[OPTIONS] IMAGE [COMMAND] [ARG...]". */
  usage: string;
  description: string;
  args: ArgRule;
  /** Options after the first positional argument belong to it (run, exec). */
  passThrough?: boolean;
  /** `-h` is a flag of the command (run's --hostname), so help is only `--help`. */
  freeShortH?: boolean;
  options?(cmd: Command): void;
  action(ctx: CliContext, args: string[], opts: Record<string, unknown>): Promise<void>;
}

/** The docker-style usage error: a message and the command's path and usage. */
export class UsageError extends StatusError {
  constructor(readonly commandPath: string, readonly usage: string, problem: string, code: number, seeWord: 'See' | 'Run' = 'Run', prefix = true) {
    super(code, `${prefix ? `${commandPath.split(' ')[0]}: ` : ''}${problem}\n\nUsage:  ${commandPath} ${usage}`.trimEnd() + `\n\n${seeWord} '${commandPath} --help' for more information`);
  }
}

const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');

/** Checks positional arguments against docker's rule; returns the error text or undefined. */
export function checkArgs(path: string, rule: ArgRule, count: number): { problem: string; see: 'See' | 'Run' } | undefined {
  const q = `'${path}'`;
  if ('none' in rule) return count === 0 ? undefined : { problem: `${q} accepts no arguments`, see: 'Run' };
  if ('exact' in rule) return count === rule.exact ? undefined : { problem: `${q} requires ${rule.exact} ${plural(rule.exact)}`, see: 'Run' };
  if ('min' in rule) {
    if (rule.max !== undefined && (count < rule.min || count > rule.max)) {
      return { problem: `${q} requires at least ${rule.min} and at most ${rule.max} ${plural(rule.max)}`, see: 'Run' };
    }
    return count >= rule.min ? undefined : { problem: `${q} requires at least ${rule.min} ${plural(rule.min)}`, see: 'See' };
  }
  return count <= rule.max ? undefined : { problem: `${q} requires at most ${rule.max} ${plural(rule.max)}`, see: 'Run' };
}

/** Collects a repeatable option into an array. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Commander command path → docker's ("skiff container ls"). */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Builds the commander command of a spec under `parent`. */
export function addCommand(parent: Command, spec: CommandSpec, ctx: CliContext, name = spec.name, aliases?: string[]): Command {
  const cmd = new Command(name);
  cmd.description(spec.description).usage(spec.usage).argument('[args...]').allowExcessArguments(true).allowUnknownOption(false);
  for (const alias of aliases ?? (name === spec.name ? spec.aliases ?? [] : [])) cmd.alias(alias);
  if (spec.passThrough) cmd.passThroughOptions();
  cmd.helpOption(spec.freeShortH ? '--help' : '-h, --help', 'Print usage');
  spec.options?.(cmd);
  cmd.action(async (args: string[], opts: Record<string, unknown>) => {
    const path = commandPath(cmd);
    const bad = checkArgs(path, spec.args, args.length);
    if (bad) throw new UsageError(path, spec.usage, bad.problem, 1, bad.see);
    await spec.action(ctx, args, opts);
  });
  parent.addCommand(cmd);
  return cmd;
}

/** An option whose value is parsed (and rejected in docker's words when invalid). */
export function parsedOption(flags: string, description: string, parse: (v: string) => unknown, defaultValue?: unknown): Option {
  const opt = new Option(flags, description);
  opt.argParser((value: string) => {
    try {
      return parse(value);
    } catch (err) {
      const names = flags.split(/[ ,]+/).filter((f) => f.startsWith('-')).join(', ');
      throw new InvalidFlagValue(`invalid argument "${value}" for "${names}" flag: ${(err as Error).message}`);
    }
  });
  if (defaultValue !== undefined) opt.default(defaultValue);
  return opt;
}

/** A flag value commander should report verbatim. */
export class InvalidFlagValue extends Error {
  readonly code = 'skiff.invalidFlagValue';
}
