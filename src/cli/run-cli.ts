// runCli: parses argv with commander, runs the command and maps every failure to docker's
// text and exit code (usage errors 125 for flags / 1 for arguments, daemon errors 1 with
// "Error response from daemon: ...", StatusError's own code).
import { Command, CommanderError } from 'commander';
import { ConnectError, DaemonError } from '../client/index.js';
import { CliContext } from './cli-context.js';
import type { CliIo } from './cli-io.js';
import { commandPath, InvalidFlagValue, UsageError } from './command-spec.js';
import { buildProgram, SKIFF_VERSION } from './program.js';
import { StatusError } from './status-error.js';
import type { AutoStartOptions } from '../client/index.js';

/** Options of one CLI run. */
export interface RunCliOptions {
  /** Auto-start settings for the default socket (false: never auto-start). */
  autoStart?: AutoStartOptions | false;
}

/** Runs the skiff CLI with `argv` (without node and script); resolves with the exit code. */
export async function runCli(argv: string[], io: CliIo, opts: RunCliOptions = {}): Promise<number> {
  const ctx = new CliContext(io, opts.autoStart ?? {});
  const program = buildProgram(ctx);
  let current: Command = program;
  const usageOf = new Map<Command, string>();
  const wire = (cmd: Command) => {
    usageOf.set(cmd, cmd.usage());
    cmd.exitOverride((err) => { throw Object.assign(err, { failedCommand: cmd }); });
    cmd.configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => undefined,
    });
    cmd.hook('preSubcommand', (_parent, sub) => { current = sub; });
    cmd.commands.forEach(wire);
  };
  wire(program);
  program.hook('preAction', (root: Command) => {
    const g = root.opts();
    ctx.globals = { host: g.host as string | undefined, debug: Boolean(g.debug) };
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    return report(ctx, err, current, argv, usageOf);
  }
}

function report(ctx: CliContext, err: unknown, current: Command, argv: string[], usageOf: Map<Command, string>): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
    const cmd = (err as CommanderError & { failedCommand?: Command }).failedCommand ?? current;
    const path = commandPath(cmd);
    const usage = usageOf.get(cmd) ?? '';
    if (err.code === 'commander.unknownCommand') {
      const name = /'([^']*)'/.exec(err.message)?.[1] ?? '';
      const text = cmd.parent
        ? `skiff: unknown command: ${path} ${name}\n\nUsage:  ${path}\n\nRun '${path} --help' for more information`
        : `skiff: unknown command: ${path} ${name}\n\nRun '${path} --help' for more information`;
      ctx.err(text + '\n');
      return 1;
    }
    if (err.code === 'commander.unknownOption') {
      const flag = /'([^']*)'/.exec(err.message)?.[1] ?? '';
      const problem = flag.startsWith('--') ? `unknown flag: ${flag}` : `unknown shorthand flag: '${flag.slice(1, 2)}' in ${flag}`;
      ctx.err(new UsageError(path, usage, problem, 125, 'Run', false).message + '\n');
      return 125;
    }
    if (err.code === 'commander.optionMissingArgument') {
      const spec = /'([^']*)'/.exec(err.message)?.[1] ?? '';
      const flags = spec.split(/[ ,]+/).filter((f) => f.startsWith('-'));
      const typed = [...argv].reverse().find((a) => flags.includes(a)) ?? flags[flags.length - 1] ?? '';
      const problem = typed.startsWith('--') ? `flag needs an argument: ${typed}` : `flag needs an argument: '${typed.slice(1)}' in ${typed}`;
      ctx.err(new UsageError(path, usage, problem, 125, 'Run', false).message + '\n');
      return 125;
    }
    ctx.err(`${err.message.replace(/^error: /, '')}\n`);
    return err.exitCode || 1;
  }
  if (err instanceof InvalidFlagValue) {
    const path = commandPath(current);
    ctx.err(new UsageError(path, usageOf.get(current) ?? '', err.message, 125, 'Run', false).message + '\n');
    return 125;
  }
  if (err instanceof StatusError) {
    if (err.message) ctx.err(err.message.endsWith('\n') ? err.message : err.message + '\n');
    return err.code;
  }
  if (err instanceof DaemonError) {
    ctx.err(`${err.display}\n`);
    return 1;
  }
  if (err instanceof ConnectError) {
    ctx.err(`${err.message}\n`);
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  ctx.err(`${message}\n`);
  return 1;
}

export { SKIFF_VERSION };
