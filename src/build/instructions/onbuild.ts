// ONBUILD: a trigger instruction stored as text in the image, run by builds FROM that image.
import { BuildSyntaxError } from '../errors.js';
import type { RawNode } from '../parser/raw-node.js';
import { atLeastOneArgument, baseOf } from './common.js';
import { Flags } from './flags.js';
import type { Instruction, OnbuildInstruction } from './types.js';

/** Parses ONBUILD; `parseTrigger` types the wrapped instruction (null when it is invalid). */
export function parseOnbuild(node: RawNode, parseTrigger: (sub: RawNode) => Instruction | null): OnbuildInstruction {
  if (node.args.length === 0) throw atLeastOneArgument('ONBUILD');
  new Flags(node.flags).parse();
  const trigger = node.args[0].trim().toUpperCase();
  if (trigger === 'ONBUILD') throw new BuildSyntaxError('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
  if (trigger === 'MAINTAINER' || trigger === 'FROM') throw new BuildSyntaxError(`${trigger} isn't allowed as an ONBUILD trigger`);
  let expression = node.original.replace(/^[\t\n\f\r ]*onbuild[\t\n\f\r ]*/i, '');
  for (const doc of node.heredocs) expression += '\n' + doc.content + doc.name;
  const sub = node.sub ? { ...node.sub, heredocs: node.heredocs } : null;
  return { kind: 'ONBUILD', ...baseOf(node), expression, trigger: sub ? parseTrigger(sub) : null };
}
