// Which daemon socket the client talks to: `-H/--host unix://PATH`, else $SKIFF_HOST, else the
// default socket ($XDG_RUNTIME_DIR/skiff/skiff.sock or /tmp/skiff-<uid>/skiff.sock).
// Only the default socket may be auto-started (see auto-start.ts).
import path from 'node:path';

/** The resolved daemon address. */
export interface DaemonHost {
  /** Filesystem path of the Unix socket. */
  socketPath: string;
  /** True when no host was given, so the default socket (and auto-start) applies. */
  isDefault: boolean;
}

/** Inputs of host resolution; all optional so tests can pass exactly what they mean. */
export interface HostInputs {
  /** Value of `-H/--host`. */
  flag?: string;
  /** The environment (SKIFF_HOST, XDG_RUNTIME_DIR). */
  env?: Record<string, string | undefined>;
  /** Numeric user id for the /tmp fallback. */
  uid?: number;
}

/** The default socket path for this user. */
export function defaultSocketPath(env: Record<string, string | undefined> = process.env, uid = process.getuid?.() ?? 0): string {
  const xdg = env.XDG_RUNTIME_DIR;
  if (xdg) return path.join(xdg, 'skiff', 'skiff.sock');
  return path.join('/tmp', `skiff-${uid}`, 'skiff.sock');
}

/** Turns `unix:///path` (or a bare absolute path) into a socket path; other schemes are refused. */
export function parseHost(host: string): string {
  const h = host.trim();
  if (h.startsWith('unix://')) {
    const p = h.slice('unix://'.length);
    if (!p) throw new Error(`invalid host "${host}": missing socket path`);
    return p;
  }
  if (h.startsWith('/')) return h;
  const scheme = /^([a-z]+):\/\//.exec(h)?.[1];
  if (scheme) throw new Error(`invalid host "${host}": skiff only supports unix:// hosts, not ${scheme}://`);
  throw new Error(`invalid host "${host}": expected unix:///path/to/socket`);
}

/** Resolves the host from the flag, then SKIFF_HOST, then the default. */
export function resolveHost(inputs: HostInputs = {}): DaemonHost {
  const env = inputs.env ?? process.env;
  if (inputs.flag) return { socketPath: parseHost(inputs.flag), isDefault: false };
  if (env.SKIFF_HOST) return { socketPath: parseHost(env.SKIFF_HOST), isDefault: false };
  return { socketPath: defaultSocketPath(env, inputs.uid), isDefault: true };
}
