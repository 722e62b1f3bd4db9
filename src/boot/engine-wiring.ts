// Connects the engine to the booted machine and the data root, and hands the daemon its
// Backends. The one place that knows how the engine is constructed.
import type { Backends } from '../daemon/index.js';
import type { Machine } from './machine.js';

export interface EngineHandle {
  backends: Backends;
  /** Stops running containers and saves state. */
  shutdown(): Promise<void>;
}

export interface EngineWiringOptions {
  machine: Machine;
  dataRoot: string;
  log: { info(msg: string): void; warn(msg: string): void; error(msg: string, err?: unknown): void };
}

/** Starts the engine over the machine's host process. */
export async function startEngine(options: EngineWiringOptions): Promise<EngineHandle> {
  void options;
  throw new Error('the engine is not wired yet');
}
