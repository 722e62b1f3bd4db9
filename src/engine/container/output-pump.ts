// Copies a container's stdout/stderr pipes (engine ends) into the json-file log and to the
// attached sessions until EOF; splits lines for the log as the json-file driver does.
import type { Sys } from '../../abi/index.js';
import type { EngineContext } from '../engine-context.js';
import { LineSplitter } from '../util/json-log.js';
import type { ContainerLive } from './container-live.js';

/**
 * Reads `fd` to EOF, logging and broadcasting every chunk; closes `fd` unless `keepOpen`. Any
 * read error ends it too: a pty master reads EIO once the last slave descriptor is closed.
 */
export async function pumpOutput(ctx: EngineContext, sys: Sys, live: ContainerLive, stream: 'stdout' | 'stderr', fd: number, keepOpen = false): Promise<void> {
  const lines = new LineSplitter();
  for (;;) {
    const r = await sys.read(fd, 65536);
    if (!r.ok || r.value.length === 0) break;
    const chunk = r.value.slice();
    live.broadcast(stream, chunk);
    const now = await ctx.now();
    for (const line of lines.push(chunk)) live.log?.write(stream, line, now);
  }
  const now = await ctx.now();
  for (const line of lines.flush()) live.log?.write(stream, line, now);
  if (!keepOpen) await sys.close(fd);
}
