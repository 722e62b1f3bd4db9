// Randomness for a machine that runs for real: the daemon's container IDs must differ from one
// start to the next (a virtual machine keeps the kernel's deterministic generator instead).
import { randomBytes } from 'node:crypto';

export const hostRandom = (length: number): Uint8Array => new Uint8Array(randomBytes(length));
