// COPY and ADD: sources (paths, or heredocs as inline files), destination and flags.
import { BuildSyntaxError } from '../errors.js';
import { chompHeredocContent, parseHeredocWord } from '../parser/heredoc.js';
import type { Heredoc, RawNode } from '../parser/raw-node.js';
import { baseOf, noDestination, orNull } from './common.js';
import { Flags } from './flags.js';
import type { AddInstruction, CopyInstruction, InlineSource } from './types.js';

function heredocOf(word: string): Heredoc | null {
  try {
    return parseHeredocWord(word);
  } catch {
    return null; // Docker's MustParseHeredoc: a malformed word is a plain path
  }
}

function sourcesAndDest(node: RawNode, cmd: string): { sources: string[]; inlineSources: InlineSource[]; dest: string } {
  const srcs = node.args.slice(0, -1);
  const dest = node.args[node.args.length - 1];
  if (heredocOf(dest)) throw new BuildSyntaxError(`${cmd} cannot accept a heredoc as a destination`);
  const byName = new Map(node.heredocs.map((h) => [h.name, h]));
  const sources: string[] = [];
  const inlineSources: InlineSource[] = [];
  for (const src of srcs) {
    const doc = heredocOf(src);
    if (!doc) {
      sources.push(src);
      continue;
    }
    let data = byName.get(doc.name)?.content ?? '';
    if (doc.chomp) data = chompHeredocContent(data);
    inlineSources.push({ path: doc.name, data, expand: doc.expand });
  }
  return { sources, inlineSources, dest };
}

/** Parses COPY. */
export function parseCopy(node: RawNode): CopyInstruction {
  if (node.args.length < 2) throw noDestination('COPY');
  const flags = new Flags(node.flags);
  flags.string('chown');
  flags.string('from');
  flags.string('chmod');
  flags.bool('link');
  flags.strings('exclude');
  flags.bool('parents');
  flags.parse();
  return {
    kind: 'COPY',
    ...baseOf(node),
    ...sourcesAndDest(node, 'COPY'),
    from: orNull(flags.stringValue('from')),
    chown: orNull(flags.stringValue('chown')),
    chmod: orNull(flags.stringValue('chmod')),
    link: flags.boolValue('link') ?? false,
    parents: flags.boolValue('parents') ?? false,
    exclude: flags.stringValues('exclude'),
    json: node.json,
  };
}

/** Parses ADD. */
export function parseAdd(node: RawNode): AddInstruction {
  if (node.args.length < 2) throw noDestination('ADD');
  const flags = new Flags(node.flags);
  flags.string('chown');
  flags.string('chmod');
  flags.bool('link');
  flags.bool('keep-git-dir');
  flags.string('checksum');
  flags.bool('unpack');
  flags.strings('exclude');
  flags.parse();
  return {
    kind: 'ADD',
    ...baseOf(node),
    ...sourcesAndDest(node, 'ADD'),
    chown: orNull(flags.stringValue('chown')),
    chmod: orNull(flags.stringValue('chmod')),
    link: flags.boolValue('link') ?? false,
    keepGitDir: flags.boolValue('keep-git-dir'),
    checksum: orNull(flags.stringValue('checksum')),
    unpack: flags.boolValue('unpack'),
    exclude: flags.stringValues('exclude'),
    json: node.json,
  };
}
