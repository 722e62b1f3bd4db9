// docker top and docker stats: read from the host side, as dockerd does — the container's
// cgroup files (cpu.stat, memory.current/max, pids.current) when cgroups are on, else sums
// of /proc/<pid>/stat over the container's processes.
import { CLOCK } from '../../abi/index.js';
import { ApiError, type CPUStats, type StatsJSON, type TopResult } from '../../api/index.js';
import type { EngineContext } from '../engine-context.js';
import { rfc3339Nano, ZERO_TIME } from '../util/time-format.js';
import { containerPids, readSmallFile } from './container-pids.js';
import { isRunning, type ContainerRecord } from './container-record.js';

/** Clock ticks per second of /proc/<pid>/stat times. */
const CLK_TCK = 100;

/** Fields of /proc/<pid>/stat after the command: [state, ppid, ..., utime(11), stime(12), ..., starttime(19)]. */
function parseStat(text: string | undefined): { comm: string; ppid: number; utime: number; stime: number; start: number } | undefined {
  if (!text) return undefined;
  const open = text.indexOf('('), close = text.lastIndexOf(')');
  if (open < 0 || close < 0) return undefined;
  const f = text.slice(close + 2).trim().split(/\s+/);
  return { comm: text.slice(open + 1, close), ppid: Number(f[1]), utime: Number(f[11]), stime: Number(f[12]), start: Number(f[19]) };
}

/** uid → name from the host's /etc/passwd. */
async function userNames(ctx: EngineContext): Promise<Map<number, string>> {
  const text = (await readSmallFile(ctx, '/etc/passwd')) ?? '';
  const m = new Map<number, string>();
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length >= 3) m.set(Number(f[2]), f[0]);
  }
  return m;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** GET /containers/{id}/top (ps -ef columns). */
export async function topOp(ctx: EngineContext, rec: ContainerRecord): Promise<TopResult> {
  if (!isRunning(rec)) throw ApiError.conflict(`Container ${rec.id} is not running`);
  const names = await userNames(ctx);
  const rows: string[][] = [];
  for (const pid of await containerPids(ctx, rec)) {
    const stat = parseStat(await readSmallFile(ctx, `/proc/${pid}/stat`));
    const status = (await readSmallFile(ctx, `/proc/${pid}/status`)) ?? '';
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const cmdline = ((await readSmallFile(ctx, `/proc/${pid}/cmdline`)) ?? '').split('\0').filter(Boolean).join(' ');
    const cpu = stat ? Math.floor((stat.utime + stat.stime) / CLK_TCK) : 0;
    const started = rec.state.startedAt && rec.state.startedAt !== ZERO_TIME ? new Date(rec.state.startedAt) : undefined;
    rows.push([
      names.get(uid) ?? String(uid), String(pid), String(stat?.ppid ?? 0), '0',
      started ? `${pad2(started.getUTCHours())}:${pad2(started.getUTCMinutes())}` : '?', '?',
      `${pad2(Math.floor(cpu / 3600))}:${pad2(Math.floor(cpu / 60) % 60)}:${pad2(cpu % 60)}`,
      cmdline || (stat ? `[${stat.comm}]` : (pid === rec.state.pid ? [rec.path, ...rec.args].join(' ') : '?')),
    ]);
  }
  return { Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], Processes: rows };
}

/** One raw reading of a container's counters. */
interface Reading {
  cpuNs: number; userNs: number; systemNs: number; mem: number; memLimit: number; pids: number; pidsLimit?: number;
  memStats: Record<string, number>;
  /** cpu.max throttling, from cpu.stat. */
  periods: number; throttledPeriods: number; throttledNs: number;
  /** Host CPU time read right after the CPU counters, so both come from the same moment. */
  hostNs: number;
}

async function read(ctx: EngineContext, rec: ContainerRecord, machineMemory: number, hostNs: () => Promise<number>): Promise<Reading> {
  const r: Reading = {
    cpuNs: 0, userNs: 0, systemNs: 0, mem: 0, memLimit: machineMemory, pids: 0, memStats: {},
    periods: 0, throttledPeriods: 0, throttledNs: 0, hostNs: 0,
  };
  if (!isRunning(rec)) {
    r.hostNs = await hostNs();
    return r;
  }
  if (rec.cgroupPath) {
    const cpu = (await readSmallFile(ctx, `${rec.cgroupPath}/cpu.stat`)) ?? '';
    const num = (re: RegExp, text: string) => Number(re.exec(text)?.[1] ?? 0);
    r.cpuNs = num(/^usage_usec (\d+)/m, cpu) * 1000;
    r.userNs = num(/^user_usec (\d+)/m, cpu) * 1000;
    r.systemNs = num(/^system_usec (\d+)/m, cpu) * 1000;
    r.periods = num(/^nr_periods (\d+)/m, cpu);
    r.throttledPeriods = num(/^nr_throttled (\d+)/m, cpu);
    r.throttledNs = num(/^throttled_usec (\d+)/m, cpu) * 1000;
    r.hostNs = await hostNs();
    r.mem = Number((await readSmallFile(ctx, `${rec.cgroupPath}/memory.current`))?.trim() ?? 0) || 0;
    const max = (await readSmallFile(ctx, `${rec.cgroupPath}/memory.max`))?.trim();
    if (max && max !== 'max') r.memLimit = Number(max);
    for (const line of ((await readSmallFile(ctx, `${rec.cgroupPath}/memory.stat`)) ?? '').split('\n')) {
      const [k, v] = line.split(' ');
      if (k && v !== undefined) r.memStats[k] = Number(v);
    }
    r.pids = Number((await readSmallFile(ctx, `${rec.cgroupPath}/pids.current`))?.trim() ?? 0) || 0;
    const pmax = (await readSmallFile(ctx, `${rec.cgroupPath}/pids.max`))?.trim();
    if (pmax && pmax !== 'max') r.pidsLimit = Number(pmax);
    return r;
  }
  const pids = await containerPids(ctx, rec);
  r.pids = pids.length;
  for (const pid of pids) {
    const st = parseStat(await readSmallFile(ctx, `/proc/${pid}/stat`));
    if (!st) continue;
    r.userNs += (st.utime * 1e9) / CLK_TCK;
    r.systemNs += (st.stime * 1e9) / CLK_TCK;
  }
  r.cpuNs = r.userNs + r.systemNs;
  r.hostNs = await hostNs();
  return r;
}

function cpuStats(r: Reading, ncpus: number): CPUStats {
  return {
    cpu_usage: { total_usage: r.cpuNs, usage_in_kernelmode: r.systemNs, usage_in_usermode: r.userNs },
    system_cpu_usage: r.hostNs, online_cpus: ncpus,
    throttling_data: { periods: r.periods, throttled_periods: r.throttledPeriods, throttled_time: r.throttledNs },
  };
}

/** GET /containers/{id}/stats: a sample per second while `stream` (on the machine's clock). */
export async function* statsOp(
  ctx: EngineContext, rec: ContainerRecord, machine: { ncpus: number; memoryBytes: number },
  options: { stream: boolean; oneShot: boolean }, signal: AbortSignal,
): AsyncIterable<StatsJSON> {
  // Host CPU time since boot, as /proc/stat's total would give it: monotonic time × CPUs.
  const systemNs = async () => {
    const t = await ctx.sys.clock_gettime(CLOCK.MONOTONIC);
    return t.ok ? (t.value.sec * 1e9 + t.value.nsec) * machine.ncpus : 0;
  };
  let prev: { r: Reading; at: string } | undefined;
  if (!options.oneShot) {
    prev = { r: await read(ctx, rec, machine.memoryBytes, systemNs), at: rfc3339Nano(await ctx.now()) };
    await ctx.sys.nanosleep(options.stream ? 1e9 : 100e6);
  }
  while (!signal.aborted) {
    const r = await read(ctx, rec, machine.memoryBytes, systemNs);
    const at = rfc3339Nano(await ctx.now());
    yield {
      name: `/${rec.name}`, id: rec.id, read: at, preread: prev?.at ?? ZERO_TIME,
      pids_stats: r.pidsLimit !== undefined ? { current: r.pids, limit: r.pidsLimit } : { current: r.pids },
      blkio_stats: { io_service_bytes_recursive: null }, num_procs: 0,
      cpu_stats: cpuStats(r, machine.ncpus),
      precpu_stats: prev ? cpuStats(prev.r, machine.ncpus) : { cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 }, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } },
      memory_stats: isRunning(rec) ? { usage: r.mem, limit: r.memLimit, stats: r.memStats } : {},
      networks: {},
    };
    if (!options.stream) return;
    prev = { r, at };
    await ctx.sys.nanosleep(1e9);
  }
}
