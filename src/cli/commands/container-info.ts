// Read-only container commands: top, port, diff, export, and commit (which makes an image).
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { CliContext } from '../cli-context.js';
import { collect, type CommandSpec } from '../command-spec.js';
import { tabwrite } from '../format/tabwriter.js';
import { parseReference } from '../format/references.js';
import { StatusError } from '../status-error.js';

/** `skiff top`. */
export const topSpec: CommandSpec = {
  name: 'top', usage: 'CONTAINER [ps OPTIONS]', description: 'Display the running processes of a container', args: { min: 1 },
  passThrough: true,
  async action(ctx, args) {
    const client = await ctx.client();
    const top = await client.containerTop(args[0], args.slice(1).join(' '));
    const lines = [top.Titles.join('\t'), ...(top.Processes ?? []).map((p) => p.join('\t'))];
    ctx.out(tabwrite(lines.join('\n') + '\n', { minwidth: 20, padding: 3 }));
  },
};

const joinHostPort = (ip: string, port: string) => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** `skiff port`. */
export const portSpec: CommandSpec = {
  name: 'port', usage: 'CONTAINER [PRIVATE_PORT[/PROTO]]', description: 'List port mappings or a specific mapping for the container',
  args: { min: 1, max: 2 },
  async action(ctx, args) {
    const client = await ctx.client();
    const info = await client.containerInspect(args[0]);
    const ports = info.NetworkSettings?.Ports ?? {};
    if (args[1]) {
      let [port, proto = 'tcp'] = args[1].split('/');
      if (!/^\d+$/.test(port)) throw new StatusError(1, `Error: invalid port (${port}): strconv.ParseUint: parsing "${port}": invalid syntax`);
      proto = proto.toLowerCase();
      const key = `${port}/${proto}`;
      const bindings = ports[key];
      if (bindings?.length) {
        for (const b of bindings) ctx.out(`${joinHostPort(b.HostIp || '0.0.0.0', b.HostPort)}\n`);
        return;
      }
      throw new StatusError(1, `Error: No public port '${key}' published for ${args[0]}`);
    }
    const lines: string[] = [];
    for (const key of Object.keys(ports).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || (a < b ? -1 : 1))) {
      for (const b of ports[key] ?? []) lines.push(`${key} -> ${joinHostPort(b.HostIp || '0.0.0.0', b.HostPort)}`);
    }
    for (const l of lines) ctx.out(`${l}\n`);
  },
};

/** `skiff diff`. */
export const diffSpec: CommandSpec = {
  name: 'diff', usage: 'CONTAINER', description: "Inspect changes to files or directories on a container's filesystem", args: { exact: 1 },
  async action(ctx, args) {
    const client = await ctx.client();
    for (const change of await client.containerChanges(args[0])) {
      const kind = change.Kind === 0 ? 'C' : change.Kind === 1 ? 'A' : change.Kind === 2 ? 'D' : '?';
      ctx.out(`${kind} ${change.Path}\n`);
    }
  },
};

/** Writes a tar stream to -o FILE or stdout (refusing a terminal, like docker). */
export async function writeTarOutput(ctx: CliContext, source: NodeJS.ReadableStream, output: string | undefined, what: string): Promise<void> {
  if (output) {
    await pipeline(source, fs.createWriteStream(output));
    return;
  }
  if (ctx.io.stdout.isTTY) throw new StatusError(1, `cowardly refusing to save to a terminal. Use the -o flag or redirect`);
  void what;
  await pipeline(source, ctx.io.stdout, { end: false });
}

/** `skiff export`. */
export const exportSpec: CommandSpec = {
  name: 'export', usage: '[OPTIONS] CONTAINER', description: "Export a container's filesystem as a tar archive", args: { exact: 1 },
  options: (cmd) => cmd.option('-o, --output <file>', 'Write to a file, instead of STDOUT'),
  async action(ctx, args, opts) {
    if (!opts.output && ctx.io.stdout.isTTY) throw new StatusError(1, 'cowardly refusing to save to a terminal. Use the -o flag or redirect');
    const client = await ctx.client();
    await writeTarOutput(ctx, await client.containerExport(args[0]), opts.output as string | undefined, 'container');
  },
};

/** `skiff commit`. */
export const commitSpec: CommandSpec = {
  name: 'commit', usage: '[OPTIONS] CONTAINER [REPOSITORY[:TAG]]', description: "Create a new image from a container's changes",
  args: { min: 1, max: 2 },
  options: (cmd) => cmd
    .option('-a, --author <string>', 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")')
    .option('-c, --change <change>', 'Apply Dockerfile instruction to the created image', collect)
    .option('-m, --message <string>', 'Commit message')
    .option('-p, --pause', 'Pause container during commit', true)
    .option('--no-pause', 'Do not pause the container during commit'),
  async action(ctx, args, opts) {
    let repo: string | undefined;
    let tag: string | undefined;
    if (args[1]) {
      const ref = parseReference(args[1]);
      if (ref.digest) throw new StatusError(1, 'refusing to create a tag with a digest reference');
      repo = ref.repository;
      tag = ref.tag;
    }
    const client = await ctx.client();
    const res = await client.containerCommit(args[0], {
      repo, tag, author: opts.author as string | undefined, comment: opts.message as string | undefined,
      changes: opts.change as string[] | undefined, pause: opts.pause !== false,
    });
    ctx.out(`${res.Id}\n`);
  },
};
