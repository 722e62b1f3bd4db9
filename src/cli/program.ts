// The command tree of `skiff`: docker's top-level commands and the `container`, `image`,
// `volume` and `system` management groups, all built from the same CommandSpecs.
import { Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { addCommand, type CommandSpec } from './command-spec.js';
import { buildSpec } from './commands/build.js';
import { attachSpec } from './commands/container-attach.js';
import { execSpec } from './commands/container-exec.js';
import { commitSpec, diffSpec, exportSpec, portSpec, topSpec } from './commands/container-info.js';
import { killSpec, pauseSpec, renameSpec, restartSpec, rmSpec, startSpec, stopSpec, unpauseSpec, waitSpec } from './commands/container-lifecycle.js';
import { logsSpec } from './commands/container-logs.js';
import { psSpec } from './commands/container-ps.js';
import { createSpec, runSpec } from './commands/container-run.js';
import { statsSpec } from './commands/container-stats.js';
import { imagePruneSpec, imagesSpec, historySpec, pullSpec, rmiSpec, tagSpec } from './commands/images.js';
import { importSpec, loadSpec, saveSpec } from './commands/image-transfer.js';
import { containerInspectSpec, imageInspectSpec, inspectSpec } from './commands/inspect.js';
import { containerPruneSpec, dfSpec, eventsSpec, systemPruneSpec } from './commands/system-data.js';
import { infoSpec, SKIFF_VERSION, versionSpec } from './commands/system-info.js';
import { volumeCreateSpec, volumeInspectSpec, volumeLsSpec, volumePruneSpec, volumeRmSpec } from './commands/volumes.js';

export { SKIFF_VERSION };

function group(program: Command, name: string, description: string, entries: [CommandSpec, string?, string[]?][], ctx: CliContext): void {
  const g = new Command(name).description(description).usage('COMMAND').enablePositionalOptions().helpOption('-h, --help', 'Print usage');
  for (const [spec, alias, aliases] of entries) addCommand(g, spec, ctx, alias ?? spec.name, aliases ?? []);
  program.addCommand(g);
}

/** Builds the whole `skiff` program for one invocation. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('skiff');
  program
    .description('A self-sufficient runtime for containers')
    .usage('[OPTIONS] COMMAND')
    .enablePositionalOptions()
    .option('-H, --host <host>', 'Daemon socket to connect to (unix:///path)')
    .option('-D, --debug', 'Enable debug mode')
    .version(`Skiff version ${SKIFF_VERSION}`, '-v, --version', 'Print version information and quit')
    .helpOption('-h, --help', 'Print usage');
  const top = [runSpec, execSpec, psSpec, buildSpec, pullSpec, imagesSpec, versionSpec, infoSpec,
    attachSpec, commitSpec, createSpec, diffSpec, eventsSpec, exportSpec, historySpec, importSpec, inspectSpec, killSpec,
    loadSpec, logsSpec, pauseSpec, portSpec, renameSpec, restartSpec, rmSpec, rmiSpec, saveSpec, startSpec, statsSpec,
    stopSpec, tagSpec, topSpec, unpauseSpec, waitSpec];
  for (const spec of top) addCommand(program, spec, ctx);
  group(program, 'container', 'Manage containers', [
    [attachSpec], [commitSpec], [createSpec], [diffSpec], [execSpec], [exportSpec], [containerInspectSpec], [killSpec], [logsSpec],
    [psSpec, 'ls', ['ps', 'list']], [pauseSpec], [portSpec], [containerPruneSpec], [renameSpec], [restartSpec], [rmSpec, 'rm', ['remove']],
    [runSpec], [startSpec], [statsSpec], [stopSpec], [topSpec], [unpauseSpec], [waitSpec],
  ], ctx);
  group(program, 'image', 'Manage images', [
    [buildSpec], [historySpec], [importSpec], [imageInspectSpec], [loadSpec], [imagesSpec, 'ls', ['list']], [imagePruneSpec],
    [pullSpec], [rmiSpec, 'rm', ['rmi', 'remove']], [saveSpec], [tagSpec],
  ], ctx);
  group(program, 'volume', 'Manage volumes', [
    [volumeCreateSpec], [volumeInspectSpec], [volumeLsSpec, 'ls', ['list']], [volumePruneSpec], [volumeRmSpec, 'rm', ['remove']],
  ], ctx);
  group(program, 'system', 'Manage Skiff', [[dfSpec], [eventsSpec], [infoSpec], [systemPruneSpec]], ctx);
  return program;
}
