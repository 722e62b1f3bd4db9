// ENV, LABEL and ARG: key/value instructions. Values stay as written (quotes included) until
// the builder expands them.
import type { RawNode } from '../parser/raw-node.js';
import { atLeastOneArgument, baseOf, blankNames } from './common.js';
import { Flags } from './flags.js';
import type { ArgInstruction, EnvInstruction, KeyValue, LabelInstruction } from './types.js';
import { BuildSyntaxError } from '../errors.js';

function keyValues(args: string[], cmd: string): KeyValue[] {
  if (args.length === 0) throw atLeastOneArgument(cmd);
  if (args.length % 3 !== 0) throw new BuildSyntaxError(`Bad input to ${cmd}, too many arguments`);
  const out: KeyValue[] = [];
  for (let i = 0; i < args.length; i += 3) {
    if (args[i] === '') throw blankNames(cmd);
    out.push({ key: args[i], value: args[i + 1], noDelim: args[i + 2] === '' });
  }
  return out;
}

/** Parses ENV (`ENV k=v k2="v 2"` or `ENV k v`). */
export function parseEnv(node: RawNode): EnvInstruction {
  new Flags(node.flags).parse();
  return { kind: 'ENV', ...baseOf(node), pairs: keyValues(node.args, 'ENV') };
}

/** Parses LABEL. */
export function parseLabel(node: RawNode): LabelInstruction {
  new Flags(node.flags).parse();
  return { kind: 'LABEL', ...baseOf(node), labels: keyValues(node.args, 'LABEL') };
}

/** Parses ARG (`ARG a b=1`); flags are not checked, as in Docker. */
export function parseArg(node: RawNode): ArgInstruction {
  if (node.args.length < 1) throw atLeastOneArgument('ARG');
  const args = node.args.map((word) => {
    const eq = word.indexOf('=');
    if (eq < 0) return { key: word, value: null };
    if (eq === 0) throw blankNames('ARG');
    return { key: word.slice(0, eq), value: word.slice(eq + 1) };
  });
  return { kind: 'ARG', ...baseOf(node), args };
}
