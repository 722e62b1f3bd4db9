// `ps` / `container ls`: lists containers with docker's table, -q, -a, -n, -l, -s, --filter,
// --no-trunc and --format (sizes are requested when the template uses .Size).
import { parsedOption, collect, type CommandSpec } from '../command-spec.js';
import { CONTAINER_HEADERS, ContainerContext, DEFAULT_PS_TABLE } from '../format/container-context.js';
import { fieldsUsed, renderList } from '../format/formatter.js';

/** `skiff ps`. */
export const psSpec: CommandSpec = {
  name: 'ps', usage: '[OPTIONS]', description: 'List containers', args: { none: true },
  options: (cmd) => cmd
    .option('-a, --all', 'Show all containers (default shows just running)')
    .option('-f, --filter <filter>', 'Filter output based on conditions provided', collect)
    .option('--format <string>', 'Format output using a custom template')
    .addOption(parsedOption('-n, --last <int>', 'Show n last created containers (includes all states)', (v) => {
      if (!/^-?\d+$/.test(v)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
      return Number.parseInt(v, 10);
    }, -1))
    .option('-l, --latest', 'Show the latest created container (includes all states)')
    .option('--no-trunc', "Don't truncate output")
    .option('-q, --quiet', 'Only display container IDs')
    .option('-s, --size', 'Display total file sizes'),
  async action(ctx, _args, opts) {
    const format = (opts.format as string | undefined) ?? '';
    let size = Boolean(opts.size);
    let table = format === '' ? DEFAULT_PS_TABLE : format;
    if (format === '' && size) table = `${DEFAULT_PS_TABLE}\t{{.Size}}`;
    if (format !== '' && !opts.quiet) {
      const used = fieldsUsed(format === 'table' ? DEFAULT_PS_TABLE.slice(6) : format.replace(/^table /, ''));
      size = used.has('Size') || used.has('*');
    }
    if (opts.quiet) size = false;
    let limit = opts.last as number;
    if (opts.latest) limit = 1;
    const client = await ctx.client();
    const list = await client.containerList({
      all: Boolean(opts.all), limit, size, filters: opts.filter as string[] | undefined,
    });
    const trunc = opts.trunc !== false;
    const rows = list.map((c) => new ContainerContext(c, trunc, ctx.io.now()));
    ctx.out(renderList({ format: format === '' && size ? table : format, defaultTable: table, headers: CONTAINER_HEADERS, quiet: Boolean(opts.quiet) }, rows));
  },
};
