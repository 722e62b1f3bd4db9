// `run` and `create`: build the create body from the flags, create (pulling on "No such image"
// like docker), then for run: attach before start, wait (next-exit or removed), start, proxy
// signals and window size, and exit with the container's code (125/126/127 on failures).
import fs from 'node:fs';
import { DaemonError, type DockerClient } from '../../client/index.js';
import type { CliContext } from '../cli-context.js';
import type { CommandSpec } from '../command-spec.js';
import { displayJsonMessages, JsonStreamError } from '../format/json-progress.js';
import { familiarString, parseReference, withDefaultTag } from '../format/references.js';
import { StatusError } from '../status-error.js';
import { addCreateOptions, buildCreateBody, type CreateFlags } from './create-options.js';
import { monitorTtySize, parseDetachKeys, runSession } from './stream-session.js';

/** docker's run/create failure: "skiff: <message>" plus the help hint, with a status. */
function runFailure(cmdName: string, message: string, code = 125): StatusError {
  return new StatusError(code, `skiff: ${message}\n\nRun 'skiff ${cmdName} --help' for more information`);
}

/** Exit status docker gives a failed start (127 not found, 126 not executable, else 125). */
export function startErrorStatus(message: string): number {
  if (/executable file not found|no such file or directory|system cannot find the file specified/.test(message)) return 127;
  if (/permission denied|is a directory/.test(message)) return 126;
  return 125;
}

/** Pulls `image` rendering progress to `out`; resolves when done. */
export async function pullImage(client: DockerClient, image: string, out: { write(s: string): unknown }, platform?: string): Promise<void> {
  const ref = withDefaultTag(parseReference(image));
  const res = await client.imagePull(ref.repository, ref.digest ?? ref.tag ?? 'latest', { platform });
  await displayJsonMessages(res, { out });
}

/** Creates the container (with docker's pull policy); returns its ID. */
async function createContainer(ctx: CliContext, cmdName: string, f: CreateFlags, body: Record<string, unknown>, image: string): Promise<string> {
  const client = await ctx.client();
  const pullOut = { write: (s: string) => { if (!f.quiet) ctx.err(s); } };
  const pull = f.pull ?? 'missing';
  if (!['always', 'missing', 'never'].includes(pull)) throw runFailure(cmdName, `invalid pull option: '${pull}': must be one of "always", "missing" or "never"`);
  const create = () => client.containerCreate(body, { name: f.name, platform: f.platform });
  let created: { Id: string; Warnings: string[] | null };
  try {
    if (pull === 'always') await pullImage(client, image, pullOut, f.platform);
    try {
      created = await create();
    } catch (err) {
      if (!(err instanceof DaemonError) || !err.isNotFound || pull !== 'missing') throw err;
      ctx.err(`Unable to find image '${familiarString(withDefaultTag(parseReference(image)))}' locally\n`);
      await pullImage(client, image, pullOut, f.platform);
      created = await create();
    }
  } catch (err) {
    if (err instanceof DaemonError) throw runFailure(cmdName, err.display);
    if (err instanceof JsonStreamError) throw runFailure(cmdName, err.message);
    throw err;
  }
  for (const w of created.Warnings ?? []) ctx.err(`WARNING: ${w}\n`);
  if (f.cidfile) fs.writeFileSync(f.cidfile, created.Id);
  return created.Id;
}

function bodyFor(ctx: CliContext, cmdName: string, f: CreateFlags, args: string[], detached: boolean): Record<string, unknown> {
  const out = ctx.io.stdout;
  const consoleSize: [number, number] = out.isTTY ? [out.rows ?? 0, out.columns ?? 0] : [0, 0];
  try {
    if (f.cidfile && fs.existsSync(f.cidfile)) throw new Error(`container ID file found, make sure the other container isn't running or delete ${f.cidfile}`);
    return buildCreateBody(f, { image: args[0], args: args.slice(1), consoleSize, detached, env: ctx.io.env });
  } catch (err) {
    throw runFailure(cmdName, (err as Error).message);
  }
}

async function runAction(ctx: CliContext, args: string[], opts: Record<string, unknown>): Promise<void> {
  const f = opts as CreateFlags;
  const detached = Boolean(f.detach);
  if (detached && f.attach?.length) throw runFailure('run', 'Conflicting options: -a and -d');
  const body = bodyFor(ctx, 'run', f, args, detached);
  const attachStdin = body.AttachStdin as boolean;
  const tty = Boolean(f.tty);
  if (attachStdin && tty && !ctx.io.stdin.isTTY) throw new StatusError(1, 'the input device is not a TTY');
  const id = await createContainer(ctx, 'run', f, body, args[0]);
  const client = await ctx.client();

  if (detached) {
    const wait = client.containerWait(id, f.rm ? 'removed' : 'next-exit');
    try {
      await wait.ready;
      await client.containerStart(id);
    } catch (err) {
      wait.cancel();
      if (err instanceof DaemonError) throw runFailure('run', err.display, startErrorStatus(err.message));
      throw err;
    }
    wait.cancel();
    ctx.out(`${id}\n`);
    return;
  }

  const attachStdout = body.AttachStdout as boolean;
  const attachStderr = body.AttachStderr as boolean;
  const conn = await client.containerAttach(id, {
    stderr: attachStderr, stdin: attachStdin, stdout: attachStdout, stream: true, detachKeys: f.detachKeys,
  });
  const session = runSession(ctx.io, conn, {
    tty, stdin: attachStdin, detachKeys: f.detachKeys ? parseDetachKeys(f.detachKeys) : undefined,
  });
  const wait = client.containerWait(id, f.rm ? 'removed' : 'next-exit');
  const cleanups: (() => void)[] = [];
  try {
    await wait.ready;
    try {
      await client.containerStart(id);
    } catch (err) {
      conn.socket.destroy();
      if (err instanceof DaemonError) {
        if (f.rm) await wait.result.catch(() => undefined);
        else wait.cancel();
        throw runFailure('run', err.display, startErrorStatus(err.message));
      }
      throw err;
    }
    if (tty) cleanups.push(monitorTtySize(ctx.io, (h, w) => client.containerResize(id, h, w)));
    if (f.sigProxy !== false && (!tty || !attachStdin)) {
      for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as NodeJS.Signals[]) {
        cleanups.push(ctx.io.onSignal(sig, () => void client.containerKill(id, sig.slice(3)).catch(() => undefined)));
      }
    }
    const ended = await session;
    if (ended === 'detached') { wait.cancel(); return; }
    const result = await wait.result;
    if (result.Error?.Message) throw new StatusError(125, `skiff: ${result.Error.Message}`);
    if (result.StatusCode !== 0) throw new StatusError(result.StatusCode);
  } finally {
    for (const c of cleanups) c();
  }
}

async function createAction(ctx: CliContext, args: string[], opts: Record<string, unknown>): Promise<void> {
  const f = opts as CreateFlags;
  const body = bodyFor(ctx, 'create', f, args, false);
  const id = await createContainer(ctx, 'create', f, body, args[0]);
  ctx.out(`${id}\n`);
}

/** `skiff run`. */
export const runSpec: CommandSpec = {
  name: 'run', usage: '[OPTIONS] IMAGE [COMMAND] [ARG...]', description: 'Create and run a new container from an image',
  args: { min: 1 }, passThrough: true, freeShortH: true,
  options: (cmd) => addCreateOptions(cmd, true),
  action: runAction,
};

/** `skiff create`. */
export const createSpec: CommandSpec = {
  name: 'create', usage: '[OPTIONS] IMAGE [COMMAND] [ARG...]', description: 'Create a new container',
  args: { min: 1 }, passThrough: true, freeShortH: true,
  options: (cmd) => addCreateOptions(cmd, false),
  action: createAction,
};
