// skiffd: the daemon's main. Boots the simulated machine on the wall clock, opens the image
// store and the engine on the data root, and serves the Docker Engine API on a Unix socket.
// Stops cleanly on SIGTERM/SIGINT: containers stopped, state saved, socket removed.
import { Command, InvalidArgumentError } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { createDaemonServer, type DaemonLogger } from '../daemon/index.js';
import { defaultSocketPath } from '../client/host.js';
import { bootMachine } from './machine.js';
import { defaultDataRoot, lockDataRoot } from './daemon-paths.js';
import { startEngine } from './engine-wiring.js';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/** `2g`, `512m`, `1024k`, `1073741824` → bytes. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(text.trim());
  if (!m) throw new InvalidArgumentError(`invalid size: ${text}`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Math.floor(Number(m[1]) * mult);
}

function parseCpus(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new InvalidArgumentError(`invalid CPU count: ${text}`);
  return n;
}

function makeLogger(level: Level): DaemonLogger & { info(msg: string): void; warn(msg: string): void } {
  const at = LEVELS.indexOf(level);
  const line = (lvl: Level, msg: string) => {
    if (LEVELS.indexOf(lvl) >= at) process.stderr.write(`${new Date().toISOString()} ${lvl.toUpperCase()} ${msg}\n`);
  };
  return {
    debug: (msg) => line('debug', msg),
    info: (msg) => line('info', msg),
    warn: (msg) => line('warn', msg),
    error: (msg, err) => line('error', err ? `${msg}: ${err instanceof Error ? err.stack : String(err)}` : msg),
  };
}

export async function main(argv = process.argv): Promise<void> {
  const program = new Command('skiffd')
    .description('The skiff daemon: a simulated Linux kernel serving the Docker Engine API')
    .option('--socket <path>', 'Unix socket to listen on', defaultSocketPath())
    .option('--data-root <dir>', 'where images, containers and logs live', defaultDataRoot())
    .option('--cpus <n>', 'virtual CPUs of the simulated machine', parseCpus, 2)
    .option('--memory <size>', 'memory of the simulated machine', parseSize, 2 * 1024 ** 3)
    .option('--log-level <level>', `one of ${LEVELS.join(', ')}`, 'info')
    .showHelpAfterError();
  program.parse(argv);
  const opts = program.opts<{ socket: string; dataRoot: string; cpus: number; memory: number; logLevel: string }>();
  if (!LEVELS.includes(opts.logLevel as Level)) program.error(`error: invalid log level: ${opts.logLevel}`);
  const log = makeLogger(opts.logLevel as Level);

  let unlock: () => void;
  try {
    unlock = lockDataRoot(opts.dataRoot);
  } catch (err) {
    process.stderr.write(`skiffd: ${(err as Error).message}\n`);
    process.exit(1);
  }
  const machineOptions = { clock: 'wall', ncpus: opts.cpus, memoryBytes: opts.memory, log: (l: string) => log.debug(`kernel: ${l}`) } as const;
  const machine = await bootMachine(machineOptions);
  const engine = await startEngine({ machine, machineOptions, dataRoot: opts.dataRoot, log });
  const server = createDaemonServer({ backends: engine.backends, logger: log });
  fs.mkdirSync(path.dirname(opts.socket), { recursive: true, mode: 0o700 });
  await server.listen(opts.socket);
  log.info(`skiffd listening on unix://${opts.socket} (data root ${opts.dataRoot}, ${opts.cpus} CPUs)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`received ${signal}: stopping containers and saving state`);
    try {
      await server.close();
      await engine.shutdown();
    } catch (err) {
      log.error('shutdown', err);
    } finally {
      unlock();
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
