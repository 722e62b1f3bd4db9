// The shape of a busybox applet: what `/bin/busybox` runs (dispatching on argv[0]) and what
// the shell calls in-process for its builtins (echo, printf, test, kill…).
import type { Sys } from '../abi/index.js';
import type { Libc } from './libc/libc.js';
import type { OutStream } from './libc/stdio.js';

/** Everything an applet gets. `out` is buffered on fd 1, `err` unbuffered on fd 2. */
export interface AppletContext {
  argv: string[];
  envp: string[];
  sys: Sys;
  libc: Libc;
  out: OutStream;
  err: OutStream;
}

/** An applet returns its exit status. It must flush `out` before returning (busybox.ts does). */
export type Applet = (ctx: AppletContext) => Promise<number>;

/** The header of skiff's executable format: a file starting with it runs the named program. */
export const SKIFF_ELF_MAGIC = '\x7fSKIFF-ELF\n';

/** The contents of an executable file that runs `program` (e.g. `busybox`). */
export function skiffElf(program: string): string {
  return `${SKIFF_ELF_MAGIC}${program}\n`;
}
