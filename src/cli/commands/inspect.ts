// `inspect` (any object, trying container, image, network, volume like docker) and the typed
// `container inspect` / `image inspect`: raw JSON re-indented, or --format per object.
import { DaemonError, type DockerClient } from '../../client/index.js';
import type { CliContext } from '../cli-context.js';
import type { CommandSpec } from '../command-spec.js';
import { GoTemplate } from '../template/go-template.js';
import { escapeHtmlJson } from '../template/go-value.js';
import { TemplateError } from '../template/template-error.js';
import { unescapeFormat } from '../format/formatter.js';
import { StatusError } from '../status-error.js';

type Kind = 'container' | 'image' | 'network' | 'volume';

async function fetchObject(client: DockerClient, kind: Kind, name: string, size: boolean): Promise<unknown> {
  switch (kind) {
    case 'container': return client.json('GET', `/containers/${encodeURIComponent(name)}/json`, { query: { size } });
    case 'image': return client.json('GET', `/images/${name}/json`);
    case 'network': return client.json('GET', `/networks/${encodeURIComponent(name)}`);
    case 'volume': return client.json('GET', `/volumes/${encodeURIComponent(name)}`);
  }
}

/** Prints objects as docker inspect does; `kinds` are tried in order for each name. */
export async function inspectObjects(ctx: CliContext, names: string[], kinds: Kind[], opts: { format?: string; size?: boolean; anyType: boolean }): Promise<void> {
  const client = await ctx.client();
  let tpl: GoTemplate | undefined;
  if (opts.format) {
    try {
      tpl = new GoTemplate(unescapeFormat(opts.format), { missingKey: 'error' });
    } catch (err) {
      throw new StatusError(64, `template parsing error: ${(err as Error).message}`);
    }
  }
  const found: unknown[] = [];
  const errors: string[] = [];
  for (const name of names) {
    let obj: unknown;
    let lastErr: unknown;
    for (const kind of kinds) {
      try {
        obj = await fetchObject(client, kind, name, Boolean(opts.size));
        break;
      } catch (err) {
        lastErr = err;
        if (!(err instanceof DaemonError) || !err.isNotFound) break;
      }
    }
    if (obj === undefined) {
      if (opts.anyType && lastErr instanceof DaemonError && lastErr.isNotFound) errors.push(`Error: No such object: ${name}`);
      else errors.push(lastErr instanceof DaemonError ? lastErr.display : (lastErr as Error).message);
      continue;
    }
    found.push(obj);
  }
  if (tpl) {
    for (const obj of found) {
      try {
        ctx.out(tpl.execute(obj) + '\n');
      } catch (err) {
        if (err instanceof TemplateError) throw new StatusError(1, `template parsing error: ${err.message}`);
        throw err;
      }
    }
  } else {
    ctx.out(found.length ? escapeHtmlJson(JSON.stringify(found, null, 4)) + '\n' : '[]\n');
  }
  if (errors.length) throw new StatusError(1, errors.join('\n'));
}

const inspectOptions = (cmd: import('commander').Command) => cmd
  .option('-f, --format <string>', 'Format output using a custom template')
  .option('-s, --size', 'Display total file sizes');

/** `skiff inspect`. */
export const inspectSpec: CommandSpec = {
  name: 'inspect', usage: '[OPTIONS] NAME|ID [NAME|ID...]', description: 'Return low-level information on Docker objects',
  args: { min: 1 },
  options: (cmd) => inspectOptions(cmd).option('--type <string>', 'Only inspect objects of the given type'),
  async action(ctx, args, opts) {
    const type = opts.type as string | undefined;
    const all: Kind[] = ['container', 'image', 'network', 'volume'];
    if (type && !all.includes(type as Kind)) throw new StatusError(1, `"${type}" is not a valid value for --type`);
    await inspectObjects(ctx, args, type ? [type as Kind] : all, { format: opts.format as string | undefined, size: Boolean(opts.size), anyType: !type });
  },
};

/** `skiff container inspect`. */
export const containerInspectSpec: CommandSpec = {
  name: 'inspect', usage: '[OPTIONS] CONTAINER [CONTAINER...]', description: 'Display detailed information on one or more containers',
  args: { min: 1 }, options: inspectOptions,
  action: (ctx, args, opts) => inspectObjects(ctx, args, ['container'], { format: opts.format as string | undefined, size: Boolean(opts.size), anyType: false }),
};

/** `skiff image inspect`. */
export const imageInspectSpec: CommandSpec = {
  name: 'inspect', usage: '[OPTIONS] IMAGE [IMAGE...]', description: 'Display detailed information on one or more images',
  args: { min: 1 }, options: (cmd) => cmd.option('-f, --format <string>', 'Format output using a custom template'),
  action: (ctx, args, opts) => inspectObjects(ctx, args, ['image'], { format: opts.format as string | undefined, anyType: false }),
};
