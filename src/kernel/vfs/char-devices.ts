// Character device drivers by device number: opening a character-device inode on any
// filesystem picks its FileOps by rdev (major, minor), as Linux's chrdev table does.
// Drivers for mem devices and the console are in mem-devices.ts and console-device.ts; the
// pty layer (kernel/tty) registers /dev/tty, /dev/ptmx and the slaves.
import { major, makedev } from '../../abi/index.js';
import type { FileOps } from './open-file.js';
import { fullOps, nullOps, randomOps, zeroOps } from './mem-devices.js';
import { consoleOps } from './console-device.js';

const drivers = new Map<number, FileOps>([
  [makedev(1, 3), nullOps],
  [makedev(1, 5), zeroOps],
  [makedev(1, 7), fullOps],
  [makedev(1, 8), randomOps],
  [makedev(1, 9), randomOps],
  [makedev(5, 1), consoleOps],
]);

/** Registers (or replaces) the driver of device major:minor (e.g. a pty layer adding 136:n). */
export function registerCharDevice(major: number, minor: number, ops: FileOps): void {
  drivers.set(makedev(major, minor), ops);
}

/** Drivers of every minor of a major (like the pty slaves, 136:N). */
const majorDrivers = new Map<number, FileOps>();

/** Registers the driver of every minor of `major` that has no driver of its own. */
export function registerCharMajor(major: number, ops: FileOps): void {
  majorDrivers.set(major, ops);
}

/** The driver of `rdev`, or undefined (open fails with ENXIO). */
export function charDevice(rdev: number): FileOps | undefined {
  return drivers.get(rdev) ?? majorDrivers.get(major(rdev));
}
