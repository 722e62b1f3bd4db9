// The shape of a shell builtin: runs in the shell process with its context and argv.
import type { Ctx } from '../exec/context.js';

/** A builtin returns its exit status; ShellError reports a failure ash would "raise". */
export type Builtin = (ctx: Ctx, argv: string[]) => Promise<number>;

/** A table entry; special builtins (POSIX 2.14) keep assignments and abort on errors. */
export interface BuiltinEntry {
  fn: Builtin;
  special: boolean;
}
