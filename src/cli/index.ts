// The skiff CLI as a library: runCli runs a command line against any CliIo (the real process
// in main.ts, in-memory streams in tests).
export { runCli, type RunCliOptions } from './run-cli.js';
export { processIo, type CliIo } from './cli-io.js';
export { GoTemplate } from './template/go-template.js';
export { tabwrite } from './format/tabwriter.js';
export { humanDuration, humanSize, bytesSize } from './format/human-units.js';
