// Image commands: images / image ls, rmi / image rm, tag, history, pull, and image prune.
import type { CommandSpec } from '../command-spec.js';
import { collect } from '../command-spec.js';
import { renderList } from '../format/formatter.js';
import { defaultImagesTable, IMAGE_HEADERS, imageRows } from '../format/image-context.js';
import { HistoryContext, HISTORY_HEADERS, DEFAULT_HISTORY_TABLE } from '../format/history-context.js';
import { humanSize } from '../format/human-units.js';
import { displayJsonMessages, JsonStreamError } from '../format/json-progress.js';
import { parseReference, withDefaultTag } from '../format/references.js';
import { DaemonError } from '../../client/index.js';
import { StatusError } from '../status-error.js';
import { confirm } from '../prompt.js';

/** `skiff images`. */
export const imagesSpec: CommandSpec = {
  name: 'images', usage: '[OPTIONS] [REPOSITORY[:TAG]]', description: 'List images', args: { max: 1 },
  options: (cmd) => cmd
    .option('-a, --all', 'Show all images (default hides intermediate images)')
    .option('--digests', 'Show digests')
    .option('-f, --filter <filter>', 'Filter output based on conditions provided', collect)
    .option('--format <string>', 'Format output using a custom template')
    .option('--no-trunc', "Don't truncate output")
    .option('-q, --quiet', 'Only show image IDs'),
  async action(ctx, args, opts) {
    const filters = [...((opts.filter as string[] | undefined) ?? [])];
    if (args[0]) filters.push(`reference=${args[0]}`);
    const client = await ctx.client();
    const images = await client.imageList({ all: Boolean(opts.all), filters });
    const trunc = opts.trunc !== false;
    const digests = Boolean(opts.digests);
    const rows = imageRows(images, { digests, trunc, now: ctx.io.now() });
    ctx.out(renderList({
      format: (opts.format as string | undefined) ?? '', defaultTable: defaultImagesTable(digests), headers: IMAGE_HEADERS, quiet: Boolean(opts.quiet),
    }, rows));
  },
};

/** `skiff rmi`. */
export const rmiSpec: CommandSpec = {
  name: 'rmi', usage: '[OPTIONS] IMAGE [IMAGE...]', description: 'Remove one or more images', args: { min: 1 },
  options: (cmd) => cmd.option('-f, --force', 'Force removal of the image').option('--no-prune', 'Do not delete untagged parents'),
  async action(ctx, args, opts) {
    const client = await ctx.client();
    const errors: string[] = [];
    for (const name of args) {
      try {
        for (const item of await client.imageRemove(name, { force: Boolean(opts.force), noprune: opts.prune === false })) {
          if (item.Untagged) ctx.out(`Untagged: ${item.Untagged}\n`);
          if (item.Deleted) ctx.out(`Deleted: ${item.Deleted}\n`);
        }
      } catch (err) {
        errors.push(err instanceof DaemonError ? err.display : (err as Error).message);
      }
    }
    if (errors.length) throw new StatusError(1, errors.join('\n'));
  },
};

/** `skiff tag`. */
export const tagSpec: CommandSpec = {
  name: 'tag', usage: 'SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]', description: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  args: { exact: 2 },
  async action(ctx, args) {
    let ref;
    try {
      ref = parseReference(args[1]);
    } catch (err) {
      throw new StatusError(1, `Error parsing reference: "${args[1]}" is not a valid repository/tag: ${(err as Error).message}`);
    }
    if (ref.digest) throw new StatusError(1, 'refusing to create a tag with a digest reference');
    const client = await ctx.client();
    await client.imageTag(args[0], ref.repository, ref.tag ?? 'latest');
  },
};

/** `skiff history`. */
export const historySpec: CommandSpec = {
  name: 'history', usage: '[OPTIONS] IMAGE', description: 'Show the history of an image', args: { exact: 1 },
  options: (cmd) => cmd
    .option('--format <string>', 'Format output using a custom template')
    .option('-H, --human', 'Print sizes and dates in human readable format', true)
    .option('--no-human', 'Print sizes and dates in raw form')
    .option('--no-trunc', "Don't truncate output")
    .option('-q, --quiet', 'Only show image IDs'),
  async action(ctx, args, opts) {
    const client = await ctx.client();
    const history = await client.imageHistory(args[0]);
    const rows = history.map((h) => new HistoryContext(h, opts.trunc !== false, opts.human !== false, ctx.io.now()));
    ctx.out(renderList({ format: (opts.format as string | undefined) ?? '', defaultTable: DEFAULT_HISTORY_TABLE, headers: HISTORY_HEADERS, quiet: Boolean(opts.quiet) }, rows));
  },
};

/** `skiff pull`. */
export const pullSpec: CommandSpec = {
  name: 'pull', usage: '[OPTIONS] NAME[:TAG|@DIGEST]', description: 'Download an image from a registry', args: { exact: 1 },
  options: (cmd) => cmd
    .option('-a, --all-tags', 'Download all tagged images in the repository')
    .option('--platform <string>', 'Set platform if server is multi-platform capable')
    .option('-q, --quiet', 'Suppress verbose output'),
  async action(ctx, args, opts) {
    let ref;
    try {
      ref = parseReference(args[0]);
    } catch (err) {
      throw new StatusError(1, (err as Error).message);
    }
    if (!ref.tag && !ref.digest && !opts.quiet) ctx.out('Using default tag: latest\n');
    ref = withDefaultTag(ref);
    const client = await ctx.client();
    const res = await client.imagePull(ref.repository, ref.digest ?? ref.tag ?? 'latest', { platform: opts.platform as string | undefined });
    try {
      await displayJsonMessages(res, { out: { write: (s) => { if (!opts.quiet) ctx.out(s); } } });
    } catch (err) {
      if (err instanceof JsonStreamError) throw new StatusError(1, err.message);
      throw err;
    }
    ctx.out(`${ref.repository}${ref.digest ? '@' + ref.digest : ':' + ref.tag}\n`);
  },
};

/** `skiff image prune`. */
export const imagePruneSpec: CommandSpec = {
  name: 'prune', usage: '[OPTIONS]', description: 'Remove unused images', args: { none: true },
  options: (cmd) => cmd
    .option('-a, --all', 'Remove all unused images, not just dangling ones')
    .option('--filter <filter>', 'Provide filter values (e.g. "until=<timestamp>")', collect)
    .option('-f, --force', 'Do not prompt for confirmation'),
  async action(ctx, _args, opts) {
    const all = Boolean(opts.all);
    const warning = all
      ? 'WARNING! This will remove all images without at least one container associated to them.'
      : 'WARNING! This will remove all dangling images.';
    if (!opts.force && !(await confirm(ctx, `${warning}\nAre you sure you want to continue?`))) return;
    const client = await ctx.client();
    const report = await client.imagePrune([...((opts.filter as string[] | undefined) ?? []), `dangling=${!all}`]);
    const deleted = report.ImagesDeleted ?? [];
    if (deleted.length) {
      ctx.out('Deleted Images:\n');
      for (const d of deleted) {
        if (d.Untagged) ctx.out(`untagged: ${d.Untagged}\n`);
        if (d.Deleted) ctx.out(`deleted: ${d.Deleted}\n`);
      }
      ctx.out('\n');
    }
    ctx.out(`Total reclaimed space: ${humanSize(report.SpaceReclaimed ?? 0)}\n`);
  },
};

