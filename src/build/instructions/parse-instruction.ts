// Turns one raw node into a typed instruction (BuildKit's ParseInstruction), with Docker's
// error for unknown keywords: `unknown instruction: RUNN (did you mean RUN?)`.
import { BuildSyntaxError } from '../errors.js';
import type { RawNode } from '../parser/raw-node.js';
import { parseCmd, parseEntrypoint, parseShell } from './commands.js';
import { parseAdd, parseCopy } from './copy-add.js';
import { parseFrom } from './from.js';
import { parseHealthcheck } from './healthcheck.js';
import { parseArg, parseEnv, parseLabel } from './key-values.js';
import { parseOnbuild } from './onbuild.js';
import { parseRun } from './run.js';
import { parseExpose, parseMaintainer, parseStopSignal, parseUser, parseVolume, parseWorkdir } from './simple.js';
import { withSuggestion } from './suggest.js';
import type { AnyInstruction, Instruction } from './types.js';

/** Every instruction keyword Docker knows, upper-case. */
export const INSTRUCTION_NAMES = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
] as const;

function triggerOf(sub: RawNode): Instruction | null {
  try {
    const parsed = parseInstruction(sub);
    return parsed.kind === 'FROM' ? null : parsed;
  } catch {
    return null; // Docker only notices a bad trigger when it fires in a child build
  }
}

/** Parses one node; throws BuildSyntaxError (without location) on invalid input. */
export function parseInstruction(node: RawNode): AnyInstruction {
  switch (node.command.toLowerCase()) {
    case 'env': return parseEnv(node);
    case 'maintainer': return parseMaintainer(node);
    case 'label': return parseLabel(node);
    case 'add': return parseAdd(node);
    case 'copy': return parseCopy(node);
    case 'from': return parseFrom(node);
    case 'onbuild': return parseOnbuild(node, triggerOf);
    case 'workdir': return parseWorkdir(node);
    case 'run': return parseRun(node);
    case 'cmd': return parseCmd(node);
    case 'healthcheck': return parseHealthcheck(node);
    case 'entrypoint': return parseEntrypoint(node);
    case 'expose': return parseExpose(node);
    case 'user': return parseUser(node);
    case 'volume': return parseVolume(node);
    case 'stopsignal': return parseStopSignal(node);
    case 'arg': return parseArg(node);
    case 'shell': return parseShell(node);
    default: throw new BuildSyntaxError(unknownInstruction(node.command));
  }
}

function unknownInstruction(command: string): string {
  // Go's map order picks among equally close names at random; we take the first alphabetically.
  return withSuggestion(`unknown instruction: ${command}`, command, INSTRUCTION_NAMES, false);
}
