// The programs skiff's executable format can run and where they live in a root filesystem.
import type { Program } from '../abi/index.js';
import { APPLET_LINKS, busybox } from '../userland/busybox.js';
import { dockerInit } from '../userland/programs/docker-init.js';
import { hello } from '../userland/programs/hello.js';
import { stress } from '../userland/programs/stress.js';

export interface Userland {
  /** Program name → implementation (what the skiff-elf header names). */
  programs: Record<string, Program>;
  /** Path → program name: executable files to create. */
  executables: Record<string, string>;
  /** Symlink path → target (busybox applet links). */
  links: Record<string, string>;
}

/** Every program the skiff-elf format can run (images name these in their executables). */
export const PROGRAMS: Record<string, Program> = { busybox, hello, stress, 'docker-init': dockerInit };

/**
 * The default userland of a host machine: busybox at /bin/busybox with its applet links, and
 * the init `docker run --init` binds into containers at /usr/bin/docker-init.
 */
export function defaultUserland(): Userland {
  const links: Record<string, string> = {};
  for (const link of APPLET_LINKS) links[`/${link}`] = '/bin/busybox';
  return { programs: PROGRAMS, executables: { '/bin/busybox': 'busybox', '/usr/bin/docker-init': 'docker-init' }, links };
}
