// Entry point of the `skiff` executable (bin/skiff imports the compiled file): runs the CLI on
// the real process and exits with its status once output is flushed.
import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

const code = await runCli(process.argv.slice(2), processIo());
const flush = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => (stream.writableNeedDrain ? stream.once('drain', () => resolve()) : resolve()));
await Promise.all([flush(process.stdout), flush(process.stderr)]);
process.exit(code);
