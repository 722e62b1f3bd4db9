// The simulated machine the engine currently runs on, seen through its privileged host process.
// A kernel panic replaces it with a freshly booted one (kernel-panic.ts); a container run keeps
// the HostMachine it started on, so its pids and fds are never used against another kernel.
import type { Sys } from '../abi/index.js';
import { Libc } from '../userland/libc/index.js';
import { LayerDirs } from './container/layer-dirs.js';

/** One booted kernel, as the engine uses it. */
export class HostMachine {
  readonly libc: Libc;
  /** Image layers extracted into this kernel (<kernelRoot>/layers), shared by containers. */
  readonly layers: LayerDirs;
  /** Set when this machine's kernel panicked: the reason. Every container on it is dead. */
  panicked?: string;

  constructor(
    /** The engine's privileged host process on this kernel (Kernel.spawn({external: true}).sys). */
    readonly sys: Sys,
    kernelRoot: string,
    /** 1 for the machine the engine started on, +1 per reboot after a panic. */
    readonly boot: number,
  ) {
    this.libc = new Libc(sys);
    this.layers = new LayerDirs(this.libc, `${kernelRoot}/layers`);
  }
}

/** A freshly booted machine handed to the engine after a panic. */
export interface BootedMachine {
  /** The privileged host process's syscalls on the new kernel. */
  sys: Sys;
  /** Registers the engine's handler for a panic of this kernel (Kernel.onPanic). */
  watchPanic(onPanic: (reason: string) => void): void;
}
