// Binary formats execve can run (like Linux's binfmt_misc): a header match → a program.
// The kernel knows only `#!` scripts itself; boot/ registers skiff's own executable format.
import type { Program } from '../abi/index.js';

/** A registered binary format. */
export interface Binfmt {
  name: string;
  /** The program this file runs, or undefined if the format does not recognise it. */
  load(data: Uint8Array): Program | undefined;
}

/** The interpreter line of a `#!` script: interpreter path and its optional single argument. */
export function parseShebang(data: Uint8Array): { interpreter: string; arg?: string } | undefined {
  if (data.length < 2 || data[0] !== 0x23 || data[1] !== 0x21) return undefined;
  let end = data.indexOf(0x0a);
  if (end < 0) end = Math.min(data.length, 256);
  const line = new TextDecoder().decode(data.subarray(2, end)).replace(/\r$/, '').trim();
  if (!line) return undefined;
  const m = /^(\S+)(?:\s+(.*))?$/.exec(line)!;
  return { interpreter: m[1], arg: m[2]?.trim() || undefined };
}
