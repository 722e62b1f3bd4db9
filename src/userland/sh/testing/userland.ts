// What shell tests install into a booted machine: the busybox userland (applets linked in
// /bin) with `sh`/`ash` dispatched to this shell, whether or not the applet table has it yet.
// (Tests pass this to boot's bootMachine; userland code itself never imports boot.)
import type { Program } from '../../../abi/index.js';
import { busyboxUserland } from '../../applets/testing/userland.js';
import { shProgram } from '../index.js';

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1) || p;

/** Programs, executables and links for bootMachine({ userland }) with /bin/sh installed. */
export function shUserland(): ReturnType<typeof busyboxUserland> {
  const u = busyboxUserland();
  const busybox = u.programs.busybox;
  const wrapped: Program = async (argv, envp, sys) => {
    const name = base(argv[0] ?? '');
    if (name === 'sh' || name === 'ash') return shProgram(argv, envp, sys);
    if (name === 'busybox' && (argv[1] === 'sh' || argv[1] === 'ash')) return shProgram(argv.slice(1), envp, sys);
    return busybox(argv, envp, sys);
  };
  return {
    programs: { ...u.programs, busybox: wrapped },
    executables: u.executables,
    links: { ...u.links, '/bin/sh': 'busybox', '/bin/ash': 'busybox' },
  };
}
