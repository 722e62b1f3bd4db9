// HEALTHCHECK: `NONE`, or `CMD` with --interval/--timeout/--start-period/--start-interval/--retries.
import { BuildSyntaxError } from '../errors.js';
import type { RawNode } from '../parser/raw-node.js';
import { atLeastOneArgument, baseOf } from './common.js';
import { parseGoDuration } from './duration.js';
import { Flags } from './flags.js';
import type { HealthcheckInstruction } from './types.js';

const MILLISECOND = 1e6;

function interval(flags: Flags, name: string): number {
  const text = flags.stringValue(name);
  if (text === null || text === '') return 0;
  const d = parseGoDuration(text);
  if (d === 0) return 0;
  if (d < MILLISECOND) throw new BuildSyntaxError(`Interval ${JSON.stringify(name)} cannot be less than 1ms`);
  return d;
}

function retries(text: string | null): number {
  if (text === null || text === '') return 0;
  if (!/^[+-]?\d+$/.test(text)) throw new BuildSyntaxError(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = Number.parseInt(text, 10);
  if (n > 2 ** 31 - 1 || n < -(2 ** 31)) throw new BuildSyntaxError(`strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range`);
  if (n < 0) throw new BuildSyntaxError(`--retries cannot be negative (${n})`);
  return n;
}

/** Parses HEALTHCHECK into the image-config shape (durations in nanoseconds). */
export function parseHealthcheck(node: RawNode): HealthcheckInstruction {
  if (node.args.length === 0) throw atLeastOneArgument('HEALTHCHECK');
  const base = { kind: 'HEALTHCHECK' as const, ...baseOf(node) };
  const type = node.args[0].toUpperCase();
  const args = node.args.slice(1);
  if (type === 'NONE') {
    if (args.length !== 0) throw new BuildSyntaxError('HEALTHCHECK NONE takes no arguments');
    return { ...base, test: ['NONE'], interval: 0, timeout: 0, startPeriod: 0, startInterval: 0, retries: 0 };
  }
  const flags = new Flags(node.flags);
  for (const name of ['interval', 'timeout', 'start-period', 'start-interval', 'retries']) flags.string(name);
  flags.parse();
  if (type !== 'CMD') throw new BuildSyntaxError(`Unknown type ${JSON.stringify(type)} in HEALTHCHECK (try CMD)`);
  const cmd = node.json ? args : args.length ? [args.join(' ')] : [];
  if (cmd.length === 0) throw new BuildSyntaxError('Missing command after HEALTHCHECK CMD');
  return {
    ...base,
    test: [node.json ? 'CMD' : 'CMD-SHELL', ...cmd],
    interval: interval(flags, 'interval'),
    timeout: interval(flags, 'timeout'),
    startPeriod: interval(flags, 'start-period'),
    startInterval: interval(flags, 'start-interval'),
    retries: retries(flags.stringValue('retries')),
  };
}
