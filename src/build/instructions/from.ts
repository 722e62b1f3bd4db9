// FROM: `FROM [--platform=p] image [AS name]`.
import { BuildSyntaxError } from '../errors.js';
import type { RawNode } from '../parser/raw-node.js';
import { baseOf, orNull } from './common.js';
import { Flags } from './flags.js';
import type { FromInstruction } from './types.js';

const VALID_STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

/** Parses FROM; the stage name is lower-cased and checked as Docker does. */
export function parseFrom(node: RawNode): FromInstruction {
  const args = node.args;
  let stageName: string | null = null;
  if (args.length === 3 && args[1].toLowerCase() === 'as') {
    stageName = args[2].toLowerCase();
    if (!VALID_STAGE_NAME.test(stageName)) {
      throw new BuildSyntaxError(`invalid name for build stage: ${JSON.stringify(args[2])}, name can't start with a number or contain symbols`);
    }
  } else if (args.length !== 1) {
    throw new BuildSyntaxError('FROM requires either one or three arguments');
  }
  const flags = new Flags(node.flags);
  flags.string('platform');
  flags.parse();
  return { kind: 'FROM', ...baseOf(node), image: args[0], stageName, platform: orNull(flags.stringValue('platform')) };
}
