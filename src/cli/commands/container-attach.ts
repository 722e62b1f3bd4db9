// `attach` and `start -a`: hijack the container's streams (stdin too when it is open), let the
// output flow until the daemon closes the stream, and exit with the container's status.
import { DaemonError } from '../../client/index.js';
import type { CliContext } from '../cli-context.js';
import type { CommandSpec } from '../command-spec.js';
import { StatusError } from '../status-error.js';
import { monitorTtySize, parseDetachKeys, runSession } from './stream-session.js';

/** Forwards signals to the container while attached (docker's sig-proxy). */
function proxySignals(ctx: CliContext, kill: (sig: string) => Promise<void>): () => void {
  const offs = (['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as NodeJS.Signals[])
    .map((sig) => ctx.io.onSignal(sig, () => void kill(sig.slice(3)).catch(() => undefined)));
  return () => offs.forEach((off) => off());
}

/** `start -a [-i]`: attach, wait for next exit, start; exits with the container's status. */
export async function attachAndStart(ctx: CliContext, name: string, opts: { stdin: boolean; detachKeys?: string }): Promise<void> {
  const client = await ctx.client();
  const info = await client.containerInspect(name);
  const tty = Boolean(info.Config?.Tty);
  const stdin = opts.stdin && Boolean(info.Config?.OpenStdin);
  const conn = await client.containerAttach(info.Id, { stderr: true, stdin, stdout: true, stream: true, detachKeys: opts.detachKeys });
  const session = runSession(ctx.io, conn, { tty, stdin, detachKeys: opts.detachKeys ? parseDetachKeys(opts.detachKeys) : undefined });
  const wait = client.containerWait(info.Id, info.HostConfig?.AutoRemove ? 'removed' : 'next-exit');
  await wait.ready;
  try {
    await client.containerStart(info.Id);
  } catch (err) {
    conn.socket.destroy();
    wait.cancel();
    if (err instanceof DaemonError) throw new StatusError(1, `${err.display}\nError: failed to start containers: ${name}`);
    throw err;
  }
  const unproxy = tty ? () => undefined : proxySignals(ctx, (sig) => client.containerKill(info.Id, sig));
  const unmonitor = tty ? monitorTtySize(ctx.io, (h, w) => client.containerResize(info.Id, h, w)) : () => undefined;
  try {
    if ((await session) === 'detached') { wait.cancel(); return; }
    const res = await wait.result;
    if (res.StatusCode !== 0) throw new StatusError(res.StatusCode);
  } finally {
    unproxy();
    unmonitor();
  }
}

/** `skiff attach`. */
export const attachSpec: CommandSpec = {
  name: 'attach', usage: '[OPTIONS] CONTAINER', description: 'Attach local standard input, output, and error streams to a running container',
  args: { exact: 1 },
  options: (cmd) => cmd
    .option('--detach-keys <string>', 'Override the key sequence for detaching a container')
    .option('--no-stdin', 'Do not attach STDIN')
    .option('--sig-proxy', 'Proxy all received signals to the process', true)
    .option('--no-sig-proxy', 'Do not proxy signals'),
  async action(ctx, args, opts) {
    const client = await ctx.client();
    const name = args[0];
    const wait = client.containerWait(name);
    try {
      await wait.ready;
    } catch (err) {
      throw err;
    }
    const info = await client.containerInspect(name);
    if (!info.State?.Running) { wait.cancel(); throw new StatusError(1, 'You cannot attach to a stopped container, start it first'); }
    if (info.State?.Paused) { wait.cancel(); throw new StatusError(1, 'You cannot attach to a paused container, unpause it first'); }
    if (info.State?.Restarting) { wait.cancel(); throw new StatusError(1, 'You cannot attach to a restarting container, wait until it is running'); }
    const tty = Boolean(info.Config?.Tty);
    const stdin = opts.stdin !== false && Boolean(info.Config?.OpenStdin);
    // docker: attaching stdin to a TTY container needs a terminal.
    if (stdin && tty && !ctx.io.stdin.isTTY) { wait.cancel(); throw new StatusError(1, 'the input device is not a TTY'); }
    const conn = await client.containerAttach(name, { stderr: true, stdin, stdout: true, stream: true, detachKeys: opts.detachKeys as string | undefined });
    const unmonitor = tty ? monitorTtySize(ctx.io, (h, w) => client.containerResize(name, h, w)) : () => undefined;
    const unproxy = opts.sigProxy !== false && !tty ? proxySignals(ctx, (sig) => client.containerKill(name, sig)) : () => undefined;
    try {
      const ended = await runSession(ctx.io, conn, { tty, stdin, detachKeys: opts.detachKeys ? parseDetachKeys(opts.detachKeys as string) : undefined });
      if (ended === 'detached') { wait.cancel(); return; }
      const res = await wait.result;
      if (res.StatusCode !== 0) throw new StatusError(res.StatusCode);
    } finally {
      unproxy();
      unmonitor();
    }
  },
};
