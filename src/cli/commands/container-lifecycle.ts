// Container commands that act on several containers in turn and echo each name: start, stop,
// restart, kill, rm, pause, unpause; plus rename and wait. Errors are collected and printed
// after the successes, as docker does, and make the exit status 1.
import { DaemonError, type DockerClient } from '../../client/index.js';
import type { CliContext } from '../cli-context.js';
import { parsedOption, type CommandSpec } from '../command-spec.js';
import { StatusError } from '../status-error.js';
import { attachAndStart } from './container-attach.js';

const int = (v: string) => {
  if (!/^[+-]?\d+$/.test(v)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number.parseInt(v, 10);
};

/** Runs `op` for each name, printing the name on success; errors are reported at the end. */
async function forEach(ctx: CliContext, names: string[], op: (client: DockerClient, name: string) => Promise<void>, opts: { ignoreNotFound?: boolean; echo?: boolean } = {}): Promise<void> {
  const client = await ctx.client();
  const errors: string[] = [];
  for (const name of names) {
    try {
      await op(client, name);
      if (opts.echo !== false) ctx.out(`${name}\n`);
    } catch (err) {
      if (opts.ignoreNotFound && err instanceof DaemonError && err.isNotFound) {
        ctx.err(`${err.display}\n`);
        continue;
      }
      errors.push(err instanceof DaemonError ? err.display : (err as Error).message);
    }
  }
  if (errors.length) throw new StatusError(1, errors.join('\n'));
}

/** `skiff start`. */
export const startSpec: CommandSpec = {
  name: 'start', usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Start one or more stopped containers',
  args: { min: 1 },
  options: (cmd) => cmd
    .option('-a, --attach', "Attach STDOUT/STDERR and forward signals")
    .option('-i, --interactive', "Attach container's STDIN")
    .option('--detach-keys <string>', 'Override the key sequence for detaching a container'),
  async action(ctx, args, opts) {
    if (opts.attach || opts.interactive) {
      if (args.length > 1) throw new StatusError(1, 'you cannot start and attach multiple containers at once');
      await attachAndStart(ctx, args[0], { stdin: Boolean(opts.interactive), detachKeys: opts.detachKeys as string | undefined });
      return;
    }
    const client = await ctx.client();
    const failed: string[] = [];
    for (const name of args) {
      try {
        await client.containerStart(name);
        ctx.out(`${name}\n`);
      } catch (err) {
        ctx.err(`${err instanceof DaemonError ? err.display : (err as Error).message}\n`);
        failed.push(name);
      }
    }
    if (failed.length) throw new StatusError(1, `Error: failed to start containers: ${failed.join(', ')}`);
  },
};

const stopOptions = (cmd: import('commander').Command) => cmd
  .option('-s, --signal <string>', 'Signal to send to the container')
  .addOption(parsedOption('-t, --timeout <int>', 'Seconds to wait before killing the container', int))
  .addOption(parsedOption('--time <int>', 'Seconds to wait before killing the container (deprecated: use --timeout)', int).hideHelp());

/** `skiff stop`. */
export const stopSpec: CommandSpec = {
  name: 'stop', usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Stop one or more running containers',
  args: { min: 1 }, options: stopOptions,
  action: (ctx, args, opts) => forEach(ctx, args, (c, n) => c.containerStop(n, { signal: opts.signal as string | undefined, timeout: (opts.timeout ?? opts.time) as number | undefined })),
};

/** `skiff restart`. */
export const restartSpec: CommandSpec = {
  name: 'restart', usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Restart one or more containers',
  args: { min: 1 }, options: stopOptions,
  action: (ctx, args, opts) => forEach(ctx, args, (c, n) => c.containerRestart(n, { signal: opts.signal as string | undefined, timeout: (opts.timeout ?? opts.time) as number | undefined })),
};

/** `skiff kill`. */
export const killSpec: CommandSpec = {
  name: 'kill', usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Kill one or more running containers',
  args: { min: 1 }, options: (cmd) => cmd.option('-s, --signal <string>', 'Signal to send to the container'),
  action: (ctx, args, opts) => forEach(ctx, args, (c, n) => c.containerKill(n, opts.signal as string | undefined)),
};

/** `skiff rm`. */
export const rmSpec: CommandSpec = {
  name: 'rm', aliases: ['remove'], usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Remove one or more containers',
  args: { min: 1 },
  options: (cmd) => cmd
    .option('-f, --force', 'Force the removal of a running container (uses SIGKILL)')
    .option('-l, --link', 'Remove the specified link')
    .option('-v, --volumes', 'Remove anonymous volumes associated with the container'),
  action: (ctx, args, opts) => forEach(ctx, args.map((a) => a.replace(/^\//, '')), (c, n) => c.containerRemove(n, { force: Boolean(opts.force), volumes: Boolean(opts.volumes), link: Boolean(opts.link) }), { ignoreNotFound: Boolean(opts.force) }),
};

/** `skiff pause`. */
export const pauseSpec: CommandSpec = {
  name: 'pause', usage: 'CONTAINER [CONTAINER...]', description: 'Pause all processes within one or more containers',
  args: { min: 1 }, action: (ctx, args) => forEach(ctx, args, (c, n) => c.containerPause(n)),
};

/** `skiff unpause`. */
export const unpauseSpec: CommandSpec = {
  name: 'unpause', usage: 'CONTAINER [CONTAINER...]', description: 'Unpause all processes within one or more containers',
  args: { min: 1 }, action: (ctx, args) => forEach(ctx, args, (c, n) => c.containerUnpause(n)),
};

/** `skiff rename`. */
export const renameSpec: CommandSpec = {
  name: 'rename', usage: 'CONTAINER NEW_NAME', description: 'Rename a container', args: { exact: 2 },
  async action(ctx, args) {
    const [oldName, newName] = args.map((a) => a.trim());
    if (!newName || !oldName) throw new StatusError(1, 'Error: neither old nor new names may be empty');
    const client = await ctx.client();
    try {
      await client.containerRename(oldName, newName);
    } catch (err) {
      if (err instanceof DaemonError) throw new StatusError(1, `${err.display}\nError: failed to rename container named ${oldName}`);
      throw err;
    }
  },
};

/** `skiff wait`. */
export const waitSpec: CommandSpec = {
  name: 'wait', usage: 'CONTAINER [CONTAINER...]', description: 'Block until one or more containers stop, then print their exit codes',
  args: { min: 1 },
  action: (ctx, args) => forEach(ctx, args, async (c, n) => {
    const res = await c.containerWait(n).result;
    ctx.out(`${res.StatusCode}\n`);
  }, { echo: false }),
};
