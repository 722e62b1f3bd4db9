// skiff's executable format: a file starting with SKIFF_ELF_MAGIC names a registered program
// (`/bin/busybox` holds "busybox"). Registered with the kernel like a binfmt_misc entry.
import type { Program } from '../abi/index.js';
import type { Binfmt } from '../kernel/binfmt.js';
import { SKIFF_ELF_MAGIC } from '../userland/applet.js';

const magic = new TextEncoder().encode(SKIFF_ELF_MAGIC);

/** The binary format for a table of programs by name. */
export function skiffElfFormat(programs: Record<string, Program>): Binfmt {
  return {
    name: 'skiff-elf',
    load(data) {
      if (data.length < magic.length) return undefined;
      for (let i = 0; i < magic.length; i++) if (data[i] !== magic[i]) return undefined;
      const end = data.indexOf(0x0a, magic.length);
      const name = new TextDecoder().decode(data.subarray(magic.length, end < 0 ? undefined : end)).trim();
      return Object.hasOwn(programs, name) ? programs[name] : undefined;
    },
  };
}
