// CliContext: what every command gets: io, output helpers and a lazily connected client
// (host from -H, SKIFF_HOST or the default socket, which is auto-started when silent).
import { DockerClient, ensureDaemon, resolveHost, type AutoStartOptions } from '../client/index.js';
import type { CliIo } from './cli-io.js';

/** Options of a CLI invocation that commands may read. */
export interface GlobalOptions {
  host?: string;
  debug?: boolean;
}

/** Per-invocation context shared by all commands. */
export class CliContext {
  /** Global options (set by the program before a command runs). */
  globals: GlobalOptions = {};
  private connected: Promise<DockerClient> | undefined;

  constructor(readonly io: CliIo, private readonly autoStart: AutoStartOptions | false = {}) {}

  /** Writes to stdout. */
  out(text: string | Buffer): void {
    this.io.stdout.write(text);
  }

  /** Writes to stderr. */
  err(text: string | Buffer): void {
    this.io.stderr.write(text);
  }

  /** The client, connected on first use (auto-starting the default daemon if needed). */
  client(): Promise<DockerClient> {
    this.connected ??= (async () => {
      const host = resolveHost({ flag: this.globals.host, env: this.io.env });
      if (host.isDefault && this.autoStart !== false) await ensureDaemon(host.socketPath, this.autoStart);
      const version = this.io.env.SKIFF_API_VERSION || undefined;
      return new DockerClient({ socketPath: host.socketPath, version });
    })();
    return this.connected;
  }

  /** Debug line on stderr when --debug is set. */
  debug(text: string): void {
    if (this.globals.debug) this.err(`DEBU ${text}\n`);
  }
}
