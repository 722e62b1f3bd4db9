// What userland tests install into a booted machine: busybox with every applet linked in /bin
// (the busybox image's layout) plus stress and hello, and fixture setups laid out via libc.
// (Tests pass this to boot's bootMachine; userland code itself never imports boot.)
import type { Program } from '../../../abi/index.js';
import { APPLET_NAMES, busybox } from '../../busybox.js';
import type { Libc } from '../../libc/index.js';
import { hello } from '../../programs/hello.js';
import { stress } from '../../programs/stress.js';

/** A fixture's starting files, relative to its working directory. */
export interface FixtureSetup {
  dirs?: string[];
  files?: Record<string, string>;
  links?: Record<string, string>;
  modes?: Record<string, string>;
  mtimes?: Record<string, string>;
}

/** Programs, executables and applet links for bootMachine({ userland }). */
export function busyboxUserland(): { programs: Record<string, Program>; executables: Record<string, string>; links: Record<string, string> } {
  const links: Record<string, string> = {};
  for (const n of APPLET_NAMES) if (n !== 'busybox') links[`/bin/${n}`] = 'busybox';
  return {
    programs: { busybox, stress, hello },
    executables: { '/bin/busybox': 'busybox', '/usr/bin/stress': 'stress', '/hello': 'hello' },
    links,
  };
}

/** Creates `dir` and the setup inside it (as the process owning `libc`). */
export async function applySetup(libc: Libc, dir: string, setup: FixtureSetup): Promise<void> {
  const mkdirp = async (p: string): Promise<void> => {
    let cur = '';
    for (const part of p.split('/').filter(Boolean)) {
      cur += `/${part}`;
      if (!(await libc.statOrUndefined(cur))) await libc.mkdir(cur, 0o755);
    }
  };
  await mkdirp(dir);
  for (const d of setup.dirs ?? []) await mkdirp(`${dir}/${d}`);
  for (const [p, text] of Object.entries(setup.files ?? {})) {
    if (p.includes('/')) await mkdirp(`${dir}/${p.slice(0, p.lastIndexOf('/'))}`);
    await libc.writeFile(`${dir}/${p}`, text, 0o644);
  }
  for (const [p, t] of Object.entries(setup.links ?? {})) await libc.symlink(t, `${dir}/${p}`);
  for (const [p, mode] of Object.entries(setup.modes ?? {})) await libc.chmod(`${dir}/${p}`, parseInt(mode, 8));
  for (const [p, d] of Object.entries(setup.mtimes ?? {})) {
    const ms = Date.parse(`${d.replace(' ', 'T')}Z`);
    await libc.sys.utimensat(-100, `${dir}/${p}`, ms, ms, 0);
  }
}
