// `exec`: check the container exists, create the exec (docker's body), then either start it
// detached or hijack its streams; the exit code comes from exec inspect afterwards.
import type { ExecCreateBody } from '../../client/index.js';
import { collect, type CommandSpec } from '../command-spec.js';
import { StatusError } from '../status-error.js';
import { readEnvFile } from './create-options.js';
import { monitorTtySize, parseDetachKeys, runSession } from './stream-session.js';

/** Builds docker's exec create body (key order as docker sends it). */
export function buildExecBody(opts: { user?: string; privileged?: boolean; tty?: boolean; interactive?: boolean; detach?: boolean; detachKeys?: string; env?: string[]; workdir?: string }, cmd: string[], consoleSize: [number, number] | undefined): ExecCreateBody {
  const detach = Boolean(opts.detach);
  const body: ExecCreateBody = { User: opts.user ?? '', Privileged: Boolean(opts.privileged), Tty: Boolean(opts.tty) } as ExecCreateBody;
  if (opts.tty && consoleSize) body.ConsoleSize = consoleSize;
  Object.assign(body, {
    AttachStdin: !detach && Boolean(opts.interactive), AttachStderr: !detach, AttachStdout: !detach, Detach: detach,
    DetachKeys: opts.detachKeys ?? '', Env: opts.env?.length ? opts.env : null, WorkingDir: opts.workdir ?? '', Cmd: cmd,
  });
  return body;
}

/** `skiff exec`. */
export const execSpec: CommandSpec = {
  name: 'exec', usage: '[OPTIONS] CONTAINER COMMAND [ARG...]', description: 'Execute a command in a running container',
  args: { min: 2 }, passThrough: true,
  options: (cmd) => cmd
    .option('-d, --detach', 'Detached mode: run command in the background')
    .option('--detach-keys <string>', 'Override the key sequence for detaching a container')
    .option('-e, --env <var>', 'Set environment variables', collect)
    .option('--env-file <file>', 'Read in a file of environment variables', collect)
    .option('-i, --interactive', 'Keep STDIN open even if not attached')
    .option('--privileged', 'Give extended privileges to the command')
    .option('-t, --tty', 'Allocate a pseudo-TTY')
    .option('-u, --user <string>', 'Username or UID (format: "<name|uid>[:<group|gid>]")')
    .option('-w, --workdir <string>', 'Working directory inside the container'),
  async action(ctx, args, opts) {
    const [name, ...cmd] = args;
    const env: string[] = [];
    for (const file of (opts.envFile as string[] | undefined) ?? []) env.push(...readEnvFile(file, ctx.io.env));
    env.push(...((opts.env as string[] | undefined) ?? []));
    const tty = Boolean(opts.tty);
    const interactive = Boolean(opts.interactive);
    if (tty && interactive && !opts.detach && !ctx.io.stdin.isTTY) throw new StatusError(1, 'the input device is not a TTY');
    const out = ctx.io.stdout;
    const consoleSize: [number, number] = out.isTTY ? [out.rows ?? 0, out.columns ?? 0] : [0, 0];
    const client = await ctx.client();
    await client.containerInspect(name);
    const body = buildExecBody({ ...(opts as Record<string, never>), env }, cmd, consoleSize);
    const execId = await client.execCreate(name, body);
    if (opts.detach) {
      await client.execStartDetached(execId, tty);
      return;
    }
    const conn = await client.execAttach(execId, { tty, consoleSize: tty ? consoleSize : undefined });
    const unmonitor = tty ? monitorTtySize(ctx.io, (h, w) => client.execResize(execId, h, w)) : () => undefined;
    try {
      await runSession(ctx.io, conn, { tty, stdin: interactive, detachKeys: opts.detachKeys ? parseDetachKeys(opts.detachKeys as string) : undefined });
    } finally {
      unmonitor();
    }
    const result = await client.execInspect(execId);
    if (result.ExitCode) throw new StatusError(result.ExitCode);
  },
};
