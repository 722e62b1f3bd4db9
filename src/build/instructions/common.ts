// Helpers shared by the instruction parsers: the base fields of every instruction and
// Docker's standard argument-count errors.
import { BuildSyntaxError } from '../errors.js';
import { trimGoSpace } from '../shell/go-space.js';
import type { RawNode } from '../parser/raw-node.js';
import type { InstructionBase } from './types.js';

/** keyword, code, line range and comments of a node. */
export function baseOf(node: RawNode): InstructionBase {
  const base: InstructionBase = {
    keyword: node.command,
    code: trimGoSpace(node.original),
    startLine: node.startLine,
    endLine: node.endLine,
  };
  if (node.comments.length > 0) base.comments = [...node.comments];
  return base;
}

/** `X requires at least one argument` */
export const atLeastOneArgument = (cmd: string) => new BuildSyntaxError(`${cmd} requires at least one argument`);
/** `X requires exactly one argument` */
export const exactlyOneArgument = (cmd: string) => new BuildSyntaxError(`${cmd} requires exactly one argument`);
/** `X names can not be blank` */
export const blankNames = (cmd: string) => new BuildSyntaxError(`${cmd} names can not be blank`);
/** `X requires at least two arguments, ... Destination could not be determined` */
export const noDestination = (cmd: string) =>
  new BuildSyntaxError(`${cmd} requires at least two arguments, but only one was provided. Destination could not be determined`);

/** '' → null: Docker treats an empty flag value like an absent one. */
export const orNull = (v: string | null): string | null => (v === null || v === '' ? null : v);
