// The programs skiff's executable format can run and where they live in a root filesystem.
import type { Program } from '../abi/index.js';

export interface Userland {
  /** Program name → implementation (what the skiff-elf header names). */
  programs: Record<string, Program>;
  /** Path → program name: executable files to create. */
  executables: Record<string, string>;
  /** Symlink path → target (busybox applet links). */
  links: Record<string, string>;
}

/** The default userland: busybox with its applet links. */
export function defaultUserland(): Userland {
  return { programs: {}, executables: {}, links: {} };
}
