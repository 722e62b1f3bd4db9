// Moving images as tar archives: save (GET /images/get), load (POST /images/load) and import
// (POST /images/create?fromSrc=-).
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { CommandSpec } from '../command-spec.js';
import { collect } from '../command-spec.js';
import { displayJsonMessages, JsonStreamError } from '../format/json-progress.js';
import { parseReference } from '../format/references.js';
import { StatusError } from '../status-error.js';
import { writeTarOutput } from './container-info.js';

/** `skiff save`. */
export const saveSpec: CommandSpec = {
  name: 'save', usage: '[OPTIONS] IMAGE [IMAGE...]', description: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
  args: { min: 1 },
  options: (cmd) => cmd.option('-o, --output <file>', 'Write to a file, instead of STDOUT'),
  async action(ctx, args, opts) {
    if (!opts.output && ctx.io.stdout.isTTY) throw new StatusError(1, 'cowardly refusing to save to a terminal. Use the -o flag or redirect');
    const client = await ctx.client();
    await writeTarOutput(ctx, await client.imageSave(args), opts.output as string | undefined, 'image');
  },
};

async function display(ctx: Parameters<CommandSpec['action']>[0], res: Readable): Promise<void> {
  try {
    await displayJsonMessages(res, { out: { write: (s) => ctx.out(s) } });
  } catch (err) {
    if (err instanceof JsonStreamError) throw new StatusError(1, err.message);
    throw err;
  }
}

/** `skiff load`. */
export const loadSpec: CommandSpec = {
  name: 'load', usage: '[OPTIONS]', description: 'Load an image from a tar archive or STDIN', args: { none: true },
  options: (cmd) => cmd
    .option('-i, --input <file>', 'Read from tar archive file, instead of STDIN')
    .option('-q, --quiet', 'Suppress the load output'),
  async action(ctx, _args, opts) {
    let source: Readable;
    if (opts.input) {
      if (!fs.existsSync(opts.input as string)) throw new StatusError(1, `open ${opts.input}: no such file or directory`);
      source = fs.createReadStream(opts.input as string);
    } else {
      if (ctx.io.stdin.isTTY) throw new StatusError(1, 'requested load from stdin, but stdin is empty');
      source = ctx.io.stdin;
    }
    const client = await ctx.client();
    const res = await client.imageLoad(source, Boolean(opts.quiet) || !ctx.io.stdout.isTTY);
    await display(ctx, res);
  },
};

/** `skiff import`. */
export const importSpec: CommandSpec = {
  name: 'import', usage: '[OPTIONS] file|URL|- [REPOSITORY[:TAG]]', description: 'Import the contents from a tarball to create a filesystem image',
  args: { min: 1, max: 2 },
  options: (cmd) => cmd
    .option('-c, --change <change>', 'Apply Dockerfile instruction to the created image', collect)
    .option('-m, --message <string>', 'Set commit message for imported image')
    .option('--platform <string>', 'Set platform if server is multi-platform capable'),
  async action(ctx, args, opts) {
    const [file, target] = args;
    let source: Readable;
    if (file === '-') source = ctx.io.stdin;
    else if (/^https?:\/\//.test(file)) throw new StatusError(1, 'importing from a URL is not supported by skiff');
    else {
      if (!fs.existsSync(file)) throw new StatusError(1, `open ${file}: no such file or directory`);
      source = fs.createReadStream(file);
    }
    let repo: string | undefined;
    let tag: string | undefined;
    if (target) {
      const ref = parseReference(target);
      repo = ref.repository;
      tag = ref.tag;
    }
    const client = await ctx.client();
    const res = await client.imageImport(source, { repo, tag, message: opts.message as string | undefined, changes: opts.change as string[] | undefined, platform: opts.platform as string | undefined });
    await display(ctx, res);
  },
};
