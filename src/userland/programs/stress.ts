// stress: the classic workload generator (as in the progrium/stress image). Forks CPU hogs
// (spin), VM hogs (mmap/munmap, charged to the memory cgroup), IO hogs (sync) and HDD hogs
// (write/unlink) for --timeout seconds, and reports like stress 1.0.4.
import { CLOCK, O, WIFSIGNALED, WTERMSIG, WEXITSTATUS, SIG, type Program, type Sys } from '../../abi/index.js';
import { Libc } from '../libc/index.js';

/** Parsed command line. */
export interface StressOptions {
  cpu: number; io: number; vm: number; hdd: number;
  vmBytes: number; vmHang?: number; vmKeep: boolean; hddBytes: number;
  timeout?: number; quiet: boolean; verbose: boolean; dryRun: boolean;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
const TIME_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400, y: 31536000 };

function suffixed(v: string, units: Record<string, number>): number | undefined {
  const m = /^(\d+)([a-zA-Z]?)$/.exec(v);
  if (!m) return undefined;
  const u = units[m[2].toLowerCase()];
  return u === undefined ? undefined : Number(m[1]) * u;
}

/** Parses stress's options (long and short forms); a string is an error message. */
export function parseStressArgs(args: string[]): StressOptions | string {
  const o: StressOptions = { cpu: 0, io: 0, vm: 0, hdd: 0, vmBytes: 256 * 1024 ** 2, vmKeep: false, hddBytes: 1024 ** 3, quiet: false, verbose: false, dryRun: false };
  const names: Record<string, string> = { c: 'cpu', i: 'io', m: 'vm', d: 'hdd', t: 'timeout', q: 'quiet', v: 'verbose', n: 'dry-run' };
  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    let value: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) { value = a.slice(eq + 1); a = a.slice(0, eq); }
      a = a.slice(2);
    } else if (/^-[a-z]$/.test(a) && names[a[1]]) a = names[a[1]];
    else return `unrecognized option '${a}'`;
    const needs = ['cpu', 'io', 'vm', 'hdd', 'timeout', 'vm-bytes', 'vm-hang', 'vm-stride', 'hdd-bytes', 'backoff'];
    if (needs.includes(a) && value === undefined) {
      value = args[++i];
      if (value === undefined) return `option '--${a}' requires an argument`;
    }
    const int = (): number | undefined => (/^\d+$/.test(value!) ? Number(value) : undefined);
    let n: number | undefined;
    switch (a) {
      case 'cpu': case 'io': case 'vm': case 'hdd':
        n = int();
        if (n === undefined) return `invalid number: ${value}`;
        o[a] = n;
        break;
      case 'timeout': o.timeout = suffixed(value!, TIME_UNITS); if (o.timeout === undefined) return `invalid time: ${value}`; break;
      case 'vm-bytes': n = suffixed(value!, SIZE_UNITS); if (n === undefined) return `invalid size: ${value}`; o.vmBytes = n; break;
      case 'hdd-bytes': n = suffixed(value!, SIZE_UNITS); if (n === undefined) return `invalid size: ${value}`; o.hddBytes = n; break;
      case 'vm-hang': o.vmHang = suffixed(value!, TIME_UNITS); break;
      case 'vm-keep': o.vmKeep = true; break;
      case 'vm-stride': case 'backoff': break;
      case 'quiet': o.quiet = true; break;
      case 'verbose': o.verbose = true; break;
      case 'dry-run': o.dryRun = true; break;
      default: return `unrecognized option '--${a}'`;
    }
  }
  return o;
}

const USAGE = `\`stress' imposes certain types of compute stress on your system

Usage: stress [OPTION [ARG]] ...
 -?, --help         show this help statement
     --version      show version statement
 -v, --verbose      be verbose
 -q, --quiet        be quiet
 -n, --dry-run      show what would have been done
 -t, --timeout N    timeout after N seconds
     --backoff N    wait factor of N microseconds before work starts
 -c, --cpu N        spawn N workers spinning on sqrt()
 -i, --io N         spawn N workers spinning on sync()
 -m, --vm N         spawn N workers spinning on malloc()/free()
     --vm-bytes B   malloc B bytes per vm worker (default is 256MB)
     --vm-stride B  touch a byte every B bytes (default is 4096)
     --vm-hang N    sleep N secs before free (default none, 0 is inf)
     --vm-keep      redirty memory instead of freeing and reallocating
 -d, --hdd N        spawn N workers spinning on write()/unlink()
     --hdd-bytes B  write B bytes per hdd worker (default is 1GB)

Example: stress --cpu 8 --io 4 --vm 2 --vm-bytes 128M --timeout 10s

Note: Numbers may be suffixed with s,m,h,d,y (time) or B,K,M,G (size).
`;

async function nowSec(sys: Sys): Promise<number> {
  const r = await sys.clock_gettime(CLOCK.MONOTONIC);
  return r.ok ? r.value.sec + r.value.nsec / 1e9 : 0;
}

type Hog = (sys: Sys, o: StressOptions, deadline: number) => Promise<number>;

const cpuHog: Hog = async (sys, _o, deadline) => {
  for (;;) {
    await sys.spin(1_000_000);
    if (await nowSec(sys) >= deadline) return 0;
  }
};

const ioHog: Hog = async (sys, _o, deadline) => {
  for (;;) {
    await sys.sync();
    if (await nowSec(sys) >= deadline) return 0;
  }
};

const vmHog: Hog = async (sys, o, deadline) => {
  let kept: number | undefined;
  for (;;) {
    const addr = kept ?? (await sys.mmap(o.vmBytes));
    if (typeof addr !== 'number' && !addr.ok) return 1;
    const a = typeof addr === 'number' ? addr : addr.value;
    // Dirtying the pages costs CPU: one step per 4 MiB touched.
    await sys.spin(Math.max(1000, Math.ceil(o.vmBytes / (4 * 1024 ** 2)) * 100_000));
    if (o.vmHang !== undefined) await sys.nanosleep((o.vmHang === 0 ? 3600 : o.vmHang) * 1e9);
    if (o.vmKeep) kept = a;
    else await sys.munmap(a, o.vmBytes);
    if (await nowSec(sys) >= deadline) return 0;
  }
};

const hddHog: Hog = async (sys, o, deadline) => {
  const libc = new Libc(sys);
  const pid = await libc.getpid();
  const name = `./stress.${pid}`;
  const chunk = new Uint8Array(Math.min(o.hddBytes, 1 << 20)).fill(0x5a);
  for (;;) {
    const fd = await sys.openat(-100, name, O.WRONLY | O.CREAT | O.TRUNC, 0o600);
    if (!fd.ok) return 1;
    await sys.unlinkat(-100, name, 0);
    for (let done = 0; done < o.hddBytes; done += chunk.length) {
      const w = await sys.write(fd.value, chunk.subarray(0, Math.min(chunk.length, o.hddBytes - done)));
      if (!w.ok) { await sys.close(fd.value); return 1; }
    }
    await sys.close(fd.value);
    if (await nowSec(sys) >= deadline) return 0;
  }
};

/** /usr/bin/stress */
export const stress: Program = async (argv, _envp, sys) => {
  const libc = new Libc(sys);
  const pid = await libc.getpid();
  const say = (s: string): Promise<void> => libc.writeAll(1, s);
  const err = (s: string): Promise<void> => libc.writeAll(2, s);
  const args = argv.slice(1);
  if (args.length === 0 || args.includes('--help') || args.includes('-?')) { await say(USAGE); return 0; }
  if (args.includes('--version')) { await say('stress 1.0.4\n'); return 0; }
  const o = parseStressArgs(args);
  if (typeof o === 'string') { await err(`stress: FAIL: [${pid}] (244) ${o}\n`); return 1; }
  if (!o.quiet) await say(`stress: info: [${pid}] dispatching hogs: ${o.cpu} cpu, ${o.io} io, ${o.vm} vm, ${o.hdd} hdd\n`);
  const start = await nowSec(sys);
  const deadline = o.timeout === undefined ? Infinity : start + o.timeout;
  if (o.dryRun) { if (!o.quiet) await say(`stress: info: [${pid}] successful run completed in 0s\n`); return 0; }
  const children = new Set<number>();
  const plan: [number, Hog][] = [[o.cpu, cpuHog], [o.io, ioHog], [o.vm, vmHog], [o.hdd, hddHog]];
  for (const [n, hog] of plan) {
    for (let k = 0; k < n; k++) {
      const c = await sys.clone(0, (csys) => hog(csys, o, deadline));
      if (!c.ok) { await err(`stress: FAIL: [${pid}] (${376}) fork failed\n`); return 1; }
      children.add(c.value);
    }
  }
  let failed = false;
  while (children.size > 0) {
    const r = await sys.wait4(-1, 0);
    if (!r.ok) break;
    children.delete(r.value.pid);
    const st = r.value.status;
    const bad = WIFSIGNALED(st) ? WTERMSIG(st) !== SIG.ALRM : WEXITSTATUS(st) !== 0;
    if (!bad || failed) continue;
    failed = true;
    if (WIFSIGNALED(st)) await err(`stress: FAIL: [${pid}] (416) <-- worker ${r.value.pid} got signal ${WTERMSIG(st)}\n`);
    else await err(`stress: FAIL: [${pid}] (416) <-- worker ${r.value.pid} returned error ${WEXITSTATUS(st)}\n`);
    await err(`stress: WARN: [${pid}] (418) now reaping child worker processes\n`);
    for (const c of children) {
      const k = await sys.kill(c, SIG.TERM);
      if (!k.ok) await err(`stress: FAIL: [${pid}] (422) kill error: No such process\n`);
    }
  }
  const secs = Math.round((await nowSec(sys)) - start);
  if (failed) { await err(`stress: FAIL: [${pid}] (452) failed run completed in ${secs}s\n`); return 1; }
  if (!o.quiet) await say(`stress: info: [${pid}] successful run completed in ${secs}s\n`);
  return 0;
};
