// The one-value and list instructions: WORKDIR, USER, STOPSIGNAL, MAINTAINER, EXPOSE, VOLUME.
import { BuildSyntaxError } from '../errors.js';
import type { RawNode } from '../parser/raw-node.js';
import { trimGoSpace } from '../shell/go-space.js';
import { atLeastOneArgument, baseOf, exactlyOneArgument } from './common.js';
import { Flags } from './flags.js';
import type {
  ExposeInstruction, MaintainerInstruction, StopSignalInstruction, UserInstruction, VolumeInstruction, WorkdirInstruction,
} from './types.js';

/** Parses WORKDIR. */
export function parseWorkdir(node: RawNode): WorkdirInstruction {
  if (node.args.length !== 1) throw exactlyOneArgument('WORKDIR');
  new Flags(node.flags).parse();
  return { kind: 'WORKDIR', ...baseOf(node), path: node.args[0] };
}

/** Parses USER. */
export function parseUser(node: RawNode): UserInstruction {
  if (node.args.length !== 1) throw exactlyOneArgument('USER');
  new Flags(node.flags).parse();
  return { kind: 'USER', ...baseOf(node), user: node.args[0] };
}

/** Parses STOPSIGNAL (flags are not checked, as in Docker). */
export function parseStopSignal(node: RawNode): StopSignalInstruction {
  if (node.args.length !== 1) throw exactlyOneArgument('STOPSIGNAL');
  return { kind: 'STOPSIGNAL', ...baseOf(node), signal: node.args[0] };
}

/** Parses MAINTAINER. */
export function parseMaintainer(node: RawNode): MaintainerInstruction {
  if (node.args.length !== 1) throw exactlyOneArgument('MAINTAINER');
  new Flags(node.flags).parse();
  return { kind: 'MAINTAINER', ...baseOf(node), maintainer: node.args[0] };
}

/** Parses EXPOSE; ports come out sorted, as Docker sorts them. */
export function parseExpose(node: RawNode): ExposeInstruction {
  if (node.args.length === 0) throw atLeastOneArgument('EXPOSE');
  new Flags(node.flags).parse();
  const ports = [...node.args].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { kind: 'EXPOSE', ...baseOf(node), ports };
}

/** Parses VOLUME (JSON array or words). */
export function parseVolume(node: RawNode): VolumeInstruction {
  if (node.args.length === 0) throw atLeastOneArgument('VOLUME');
  new Flags(node.flags).parse();
  const volumes = node.args.map((v) => {
    const t = trimGoSpace(v);
    if (t === '') throw new BuildSyntaxError('VOLUME specified can not be an empty string');
    return t;
  });
  return { kind: 'VOLUME', ...baseOf(node), volumes, json: node.json };
}
