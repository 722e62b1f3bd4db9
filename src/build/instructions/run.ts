// RUN: shell or exec form, heredocs, and the BuildKit-only flags --mount, --network, --security
// and --device (parsed and checked here; the builder reports them as unsupported).
import { BuildSyntaxError } from '../errors.js';
import { parseHeredocWord, chompHeredocContent } from '../parser/heredoc.js';
import type { RawNode } from '../parser/raw-node.js';
import { baseOf } from './common.js';
import { Flags } from './flags.js';
import type { RunInstruction, RunMount } from './types.js';

const NETWORKS = new Set(['default', 'none', 'host']);
const SECURITY = new Set(['insecure', 'sandbox']);

/** Splits a CSV record (encoding/csv rules: a field may be double-quoted, `""` is a quote). */
export function csvFields(text: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new BuildSyntaxError(`failed to parse csv mounts: extraneous or missing " in quoted-field`);
        if (text[i] === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += text[i++];
      }
      if (i < text.length && text[i] !== ',') throw new BuildSyntaxError(`failed to parse csv mounts: extraneous or missing " in quoted-field`);
    } else {
      while (i < text.length && text[i] !== ',') field += text[i++];
    }
    fields.push(field);
    if (i >= text.length) return fields;
    i++; // the comma
  }
}

/** Parses one --mount value into its fields (values are expanded and validated at build time). */
export function parseMount(value: string): RunMount {
  const fields: Record<string, string> = {};
  for (const field of csvFields(value)) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const v = eq < 0 ? 'true' : field.slice(eq + 1);
    if (key === 'from' && eq >= 0) {
      const dollar = v.indexOf('$');
      if (dollar !== -1 && dollar !== v.length - 1) {
        throw new BuildSyntaxError(`'from' doesn't support variable expansion, define alias stage instead`);
      }
    }
    fields[key] = v;
  }
  return { type: (fields.type ?? 'bind').toLowerCase(), fields };
}

/** Parses RUN. */
export function parseRun(node: RawNode): RunInstruction {
  const flags = new Flags(node.flags);
  flags.strings('mount');
  flags.string('network');
  flags.string('security');
  flags.strings('device');
  flags.parse();
  const network = flags.stringValue('network');
  if (network !== null && !NETWORKS.has(network)) throw new BuildSyntaxError(`invalid network mode ${JSON.stringify(network)}`);
  const security = flags.stringValue('security');
  if (security !== null && !SECURITY.has(security)) throw new BuildSyntaxError(`security ${JSON.stringify(security)} is not valid`);
  return {
    kind: 'RUN',
    ...baseOf(node),
    form: node.json ? 'exec' : 'shell',
    command: node.json ? [...node.args] : node.args.length ? [node.args.join(' ')] : [],
    heredocs: node.heredocs.map((h) => ({ ...h })),
    mounts: flags.stringValues('mount').map(parseMount),
    network,
    security,
    devices: flags.stringValues('device'),
  };
}

/**
 * The command line a shell-form RUN with heredocs really runs (BuildKit's dispatchRun):
 * `RUN <<EOF` alone runs the body as the script (or `script` is set when it starts with `#!`,
 * to be written to a file and executed); otherwise the heredocs are put back after the command
 * for the shell to handle. Without heredocs: the command unchanged.
 */
export function runHeredocCommand(run: RunInstruction): { command: string[]; script: { name: string; data: string } | null } {
  if (run.heredocs.length === 0) return { command: run.command, script: null };
  if (run.command.length !== 1 || run.form !== 'shell') {
    throw new BuildSyntaxError(`parsing produced an invalid run command: [${run.command.join(' ')}]`);
  }
  const first = run.heredocs[0];
  if (parseHeredocWord(run.command[0])) {
    const data = first.chomp ? chompHeredocContent(first.content) : first.content;
    if (data.startsWith('#!')) return { command: [`/dev/pipes/${first.name}`], script: { name: first.name, data } };
    return { command: [data], script: null };
  }
  let text = run.command[0];
  for (const doc of run.heredocs) text += '\n' + doc.content + doc.name;
  return { command: [text], script: null };
}
