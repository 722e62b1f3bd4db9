// The busybox multi-call binary: one Program that runs the applet named by basename(argv[0])
// (or `busybox APPLET ARGS`), with busybox's messages for unknown applets and uncaught errors.
// The applets live in applets/ (index.ts maps names), the shell in sh/; APPLET_LINKS says where
// the links go.
import { ErrnoError, strerror, type Program } from '../abi/index.js';
import type { Applet, AppletContext } from './applet.js';
import { Libc, stdio } from './libc/index.js';
import { applets as appletTable } from './applets/index.js';
import { shMain } from './sh/index.js';
import { APPLET_PLACEMENT } from './applets/placement.js';
import { BUSYBOX_BANNER, DieError } from './applets/lib/report.js';

/** The applet table plus the shell (sh and ash), which lives in ../sh. */
const applets: Record<string, Applet> = { ...appletTable, sh: shMain, ash: shMain };

/** Names of every applet this busybox runs, sorted as `busybox --list` prints them. */
export const APPLET_NAMES: string[] = Object.keys(applets).sort();

/**
 * Install paths of the applet links as real busybox places them (`bin/ls`, `usr/bin/awk`,
 * `sbin/pivot_root`), as `busybox --list-full` prints them. The official busybox image instead
 * puts every link in /bin: use APPLET_NAMES for that layout.
 */
export const APPLET_LINKS: string[] = APPLET_NAMES.map((n) => `${APPLET_PLACEMENT[n] ?? 'bin'}/${n}`);

const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1) || p;

/** /bin/busybox: dispatches to an applet and flushes its output. */
export const busybox: Program = async (argv, envp, sys) => {
  const libc = new Libc(sys);
  const { out, err } = stdio(sys);
  let args = argv.length ? argv : ['busybox'];
  let name = base(args[0]);
  if (name === 'busybox') {
    const first = args[1];
    if (first === undefined || first === '--help') {
      await out.write(`${BUSYBOX_BANNER}\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: function [arguments]...\n\nCurrently defined functions:\n\t${APPLET_NAMES.join(', ')}\n`);
      await out.flush();
      return 0;
    }
    if (first === '--list' || first === '--list-full') {
      await out.write((first === '--list' ? APPLET_NAMES : APPLET_LINKS).map((n) => `${n}\n`).join(''));
      await out.flush();
      return 0;
    }
    args = args.slice(1);
    name = base(args[0]);
  }
  const applet = applets[name];
  if (!applet) {
    await err.write(`${name}: applet not found\n`);
    return 127;
  }
  const ctx: AppletContext = { argv: args, envp, sys, libc, out, err };
  let status: number;
  try {
    status = await applet(ctx);
    await out.flush();
  } catch (e) {
    status = 1;
    let msg: string;
    if (e instanceof DieError) { msg = e.message; status = e.status; }
    else if (e instanceof ErrnoError) msg = e.path !== undefined ? `${e.path}: ${strerror(e.errno)}` : strerror(e.errno);
    else msg = e instanceof Error ? e.message : String(e);
    try { await out.flush(); } catch { /* stdout is gone (EPIPE): nothing more to say there */ }
    await err.write(`${name}: ${msg}\n`);
  }
  return status;
};
