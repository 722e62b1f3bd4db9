// Test support for VFS and filesystem tests: boots a Kernel with this VFS on a virtual clock
// and hands out `sys` objects of host processes (root, or any uid/gid). Not used at run time.
import type { Sys, SysResult } from '../../abi/index.js';
import { Kernel } from '../kernel.js';
import type { HostTimer } from '../clock.js';
import { vfs } from './index.js';

/** A virtual-time host timer built from standard timers only (the kernel never reads host time). */
function virtualTimer(): HostTimer {
  return {
    mode: 'virtual',
    bootEpochNs: 1_767_225_600_000_000_000,
    realNowNs: () => 0,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    yieldToHost: () => new Promise((resolve) => setTimeout(resolve, 0)),
  };
}

/** A booted kernel plus helpers to act as host processes. */
export interface TestMachine {
  kernel: Kernel;
  /** A root host process (all capabilities, host namespaces). */
  root: Sys;
  /** A fresh host process running as uid/gid (no capabilities unless uid is 0). */
  user(uid: number, gid?: number, groups?: number[]): Promise<Sys>;
  /** Bytes written to /dev/console. */
  console: Uint8Array[];
}

/** The value of a successful result; throws with the errno otherwise. */
export function must<T>(r: SysResult<T>, what = 'syscall'): T {
  if (!r.ok) throw new Error(`${what} failed with errno ${r.errno}`);
  return r.value;
}

/** Boots a kernel for a test. */
export function bootTestMachine(): TestMachine {
  const consoleOut: Uint8Array[] = [];
  const kernel = new Kernel({ host: virtualTimer(), vfs, console: { write: (d) => consoleOut.push(d) } });
  const root = kernel.spawn({ external: true, argv: ['test-root'] }).sys;
  return {
    kernel,
    root,
    console: consoleOut,
    async user(uid, gid = uid, groups = []) {
      const sys = kernel.spawn({ external: true, argv: [`test-${uid}`] }).sys;
      must(await sys.setgroups(groups), 'setgroups');
      must(await sys.setgid(gid), 'setgid');
      must(await sys.setuid(uid), 'setuid');
      return sys;
    },
  };
}
