// Busybox-style messages: `applet: message`, `applet: message: strerror`, and the usage
// banner printed for a bad command line. Also the argument parsing entry point applets use.
import { ErrnoError, strerror } from '../../../abi/index.js';
import type { AppletContext } from '../../applet.js';
import { getopt, UsageError, type GetoptConfig, type Options } from './getopt.js';

/** The banner busybox prints above a usage text. */
export const BUSYBOX_BANNER = 'BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.';

/** The last path component of argv[0]: the applet's name. */
export function appletName(ctx: Pick<AppletContext, 'argv'>): string {
  const a = ctx.argv[0] ?? '';
  const parts = a.split('/').filter(Boolean);
  return parts.length ? parts[parts.length - 1] : a;
}

/** Prints `applet: msg` to stderr (bb_error_msg). */
export async function errorMsg(ctx: AppletContext, msg: string): Promise<void> {
  await ctx.out.flush();
  await ctx.err.write(`${appletName(ctx)}: ${msg}\n`);
}

/** The strerror text of an ErrnoError (other errors: their message). */
export function errText(e: unknown): string {
  if (e instanceof ErrnoError) return strerror(e.errno);
  return e instanceof Error ? e.message : String(e);
}

/** Prints `applet: msg: strerror` (bb_perror_msg); rethrows anything that is not an ErrnoError. */
export async function perrorMsg(ctx: AppletContext, msg: string, e: unknown): Promise<void> {
  if (!(e instanceof ErrnoError)) throw e;
  await errorMsg(ctx, `${msg}: ${strerror(e.errno)}`);
}

/**
 * Prints the usage banner for `usage` (the text after "Usage: "); returns exit status 1.
 * A getopt `message` is prefixed with argv[0] as given, as glibc's getopt prints it.
 */
export async function showUsage(ctx: AppletContext, usage: string, message?: string): Promise<number> {
  await ctx.out.flush();
  const head = message ? `${ctx.argv[0]}: ${message}\n` : '';
  await ctx.err.write(`${head}${BUSYBOX_BANNER}\n\nUsage: ${usage}\n`);
  return 1;
}

/**
 * Parses ctx.argv[1..] with getopt; on a bad command line prints the message and usage and
 * returns undefined (the applet then exits 1).
 */
export async function parseArgs(ctx: AppletContext, spec: string, usage: string, config?: GetoptConfig): Promise<Options | undefined> {
  try {
    return getopt(ctx.argv.slice(1), spec, config);
  } catch (e) {
    if (e instanceof UsageError) {
      await showUsage(ctx, usage, e.message);
      return undefined;
    }
    throw e;
  }
}

/** Thrown by applets to exit at once with a message (bb_error_msg_and_die). */
export class DieError extends Error {
  constructor(message: string, readonly status = 1) {
    super(message);
    this.name = 'DieError';
  }
}
