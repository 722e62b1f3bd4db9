// CMD, ENTRYPOINT and SHELL: instructions whose argument is a command line in exec (JSON)
// or shell form.
import { BuildSyntaxError } from '../errors.js';
import type { RawNode } from '../parser/raw-node.js';
import { atLeastOneArgument, baseOf } from './common.js';
import { Flags } from './flags.js';
import type { CmdInstruction, EntrypointInstruction, ShellInstruction } from './types.js';

/** Exec form: the JSON array; shell form: the words joined into one string (Docker's handleJSONArgs). */
export function commandLine(node: RawNode): string[] {
  if (node.args.length === 0) return [];
  return node.json ? [...node.args] : [node.args.join(' ')];
}

/** Parses CMD. */
export function parseCmd(node: RawNode): CmdInstruction {
  new Flags(node.flags).parse();
  return { kind: 'CMD', ...baseOf(node), form: node.json ? 'exec' : 'shell', command: commandLine(node) };
}

/** Parses ENTRYPOINT; an empty command becomes null. */
export function parseEntrypoint(node: RawNode): EntrypointInstruction {
  new Flags(node.flags).parse();
  const command = commandLine(node);
  return { kind: 'ENTRYPOINT', ...baseOf(node), form: node.json ? 'exec' : 'shell', command: command.length ? command : null };
}

/** Parses SHELL, which must be a non-empty JSON array. */
export function parseShell(node: RawNode): ShellInstruction {
  new Flags(node.flags).parse();
  const shell = commandLine(node);
  if (shell.length === 0) throw atLeastOneArgument('SHELL');
  if (!node.json) throw new BuildSyntaxError('SHELL requires the arguments to be in JSON form');
  return { kind: 'SHELL', ...baseOf(node), shell };
}
