// Test support for cgroup and procfs tests (and the benchmark): boots a kernel with the VFS,
// cgroups installed and /sys/fs/cgroup mounted, on a virtual clock. Not used at run time.
import { AT_FDCWD, O, type Sys, type SysResult } from '../../abi/index.js';
import { Kernel } from '../kernel.js';
import type { HostTimer } from '../clock.js';
import { vfs } from '../vfs/index.js';
import { installCgroups } from './index.js';
import '../proc/index.js';
import { setnsSyscalls } from '../syscalls/setns.js';
import type { CgroupHierarchy } from './hierarchy.js';

/** Virtual time from standard timers only (the kernel never reads host time). */
export function testTimer(): HostTimer {
  return {
    mode: 'virtual',
    bootEpochNs: 1_767_225_600_000_000_000,
    realNowNs: () => 0,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    yieldToHost: () => new Promise((resolve) => setTimeout(resolve, 0)),
  };
}

/** The value of a successful result; throws with the errno otherwise. */
export function must<T>(r: SysResult<T>, what = 'syscall'): T {
  if (!r.ok) throw new Error(`${what} failed with errno ${r.errno}`);
  return r.value;
}

export interface CgroupTestMachine {
  kernel: Kernel;
  cgroups: CgroupHierarchy;
  /** A root host process (external: its calls cost no CPU, but the virtual clock does not wait for its JS). */
  root: Sys;
  /**
   * Runs `fn` as a root program (a child of host init in the root cgroup): the virtual clock
   * waits for its JS between syscalls, so a test driven from here is deterministic.
   * Errors thrown by `fn` are rethrown.
   */
  run(fn: (sys: Sys) => Promise<void>): Promise<void>;
}

/** Boots a kernel with cgroups, procfs and setns; mounts cgroup2 on /sys/fs/cgroup and proc on /proc. */
export async function bootCgroupMachine(options: { ncpus?: number; memoryBytes?: number } = {}): Promise<CgroupTestMachine> {
  const kernel = new Kernel({ host: testTimer(), vfs, ncpus: options.ncpus ?? 1, memoryBytes: options.memoryBytes });
  const cgroups = installCgroups(kernel);
  const root = kernel.spawn({ external: true, argv: ['test-root'] }).sys;
  kernel.registerSyscalls(setnsSyscalls);
  must(await root.mount('cgroup2', '/sys/fs/cgroup', 'cgroup2', 0, ''), 'mount cgroup2');
  must(await root.mount('proc', '/proc', 'proc', 0, ''), 'mount proc');
  const run = async (fn: (sys: Sys) => Promise<void>): Promise<void> => {
    let error: unknown;
    const p = kernel.spawn({
      argv: ['test-driver'],
      program: async (_a, _e, sys) => {
        try {
          await fn(sys);
        } catch (err) {
          error = err;
        }
        return 0;
      },
    });
    await p.exited;
    if (error) throw error;
  };
  return { kernel, cgroups, root, run };
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Writes `text` to `path` in one write(2); returns the write's result. */
export async function writeFile(sys: Sys, path: string, text: string): Promise<SysResult<number>> {
  const fd = await sys.openat(AT_FDCWD, path, O.WRONLY);
  if (!fd.ok) return fd;
  const r = await sys.write(fd.value, enc.encode(text));
  await sys.close(fd.value);
  return r;
}

/** Reads a whole file as text (throws on error). */
export async function readFile(sys: Sys, path: string): Promise<string> {
  const fd = must(await sys.openat(AT_FDCWD, path, O.RDONLY), `open ${path}`);
  let out = '';
  for (;;) {
    const chunk = must(await sys.read(fd, 65536), `read ${path}`);
    if (chunk.length === 0) break;
    out += dec.decode(chunk, { stream: true });
  }
  await sys.close(fd);
  return out + dec.decode();
}

/** A `key value` file (cpu.stat, memory.events…) as a record. */
export function keyed(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const [k, v] = line.split(' ');
    if (k) out[k] = Number(v);
  }
  return out;
}

/** Where the cgroup2 hierarchy is mounted in the test machines. */
export const CG = '/sys/fs/cgroup';
export const MiB = 1024 * 1024;

/** mkdir of a cgroup (path relative to CG, starting with "/"). */
export async function mkcg(sys: Sys, path: string): Promise<void> {
  must(await sys.mkdirat(AT_FDCWD, `${CG}${path}`, 0o755), `mkdir ${path}`);
}

/** Writes an interface file (path relative to CG). */
export async function put(sys: Sys, path: string, value: string): Promise<void> {
  must(await writeFile(sys, `${CG}${path}`, value), `write ${path}`);
}
