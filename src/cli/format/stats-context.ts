// docker stats' numbers from a stats sample (CPU % from the cpu/precpu deltas × online CPUs,
// memory without the inactive file cache, summed network and block I/O) and the row object
// of `stats --format`.
import type { StatsSample } from '../../client/index.js';
import { GO_TYPE, escapeHtmlJson } from '../template/go-value.js';
import { bytesSize, humanSizeWithPrecision } from './human-units.js';

/** Column headers of the stats table. */
export const STATS_HEADERS: Record<string, string> = {
  Container: 'CONTAINER', ID: 'CONTAINER ID', Name: 'NAME', CPUPerc: 'CPU %', MemUsage: 'MEM USAGE / LIMIT',
  MemPerc: 'MEM %', NetIO: 'NET I/O', BlockIO: 'BLOCK I/O', PIDs: 'PIDS',
};

/** docker stats' default table. */
export const DEFAULT_STATS_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';

/** The numbers of one row. */
export interface StatsNumbers {
  id: string;
  name: string;
  cpuPercent: number;
  memory: number;
  memoryLimit: number;
  memoryPercent: number;
  networkRx: number;
  networkTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
}

/** Computes a row's numbers from one sample, as docker's Linux path does. */
export function computeStats(s: StatsSample): StatsNumbers {
  const cpu = s.cpu_stats;
  const pre = s.precpu_stats;
  const cpuDelta = (cpu?.cpu_usage?.total_usage ?? 0) - (pre?.cpu_usage?.total_usage ?? 0);
  const sysDelta = (cpu?.system_cpu_usage ?? 0) - (pre?.system_cpu_usage ?? 0);
  let online = cpu?.online_cpus ?? 0;
  if (!online) online = cpu?.cpu_usage?.percpu_usage?.length ?? 0;
  const cpuPercent = sysDelta > 0 && cpuDelta > 0 ? (cpuDelta / sysDelta) * online * 100 : 0;
  const mem = s.memory_stats ?? {};
  const usage = mem.usage ?? 0;
  const stats = mem.stats ?? {};
  let memory = usage;
  if (stats.total_inactive_file !== undefined && stats.total_inactive_file < usage) memory = usage - stats.total_inactive_file;
  else if ((stats.inactive_file ?? 0) < usage) memory = usage - (stats.inactive_file ?? 0);
  const limit = mem.limit ?? 0;
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(s.networks ?? {})) { rx += n.rx_bytes; tx += n.tx_bytes; }
  let read = 0;
  let write = 0;
  for (const e of s.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = e.op.toLowerCase();
    if (op.startsWith('r')) read += e.value;
    else if (op.startsWith('w')) write += e.value;
  }
  return {
    id: s.id ?? '', name: s.name ?? '', cpuPercent, memory, memoryLimit: limit, memoryPercent: limit ? (memory / limit) * 100 : 0,
    networkRx: rx, networkTx: tx, blockRead: read, blockWrite: write, pids: s.pids_stats?.current ?? 0,
  };
}

/** One stats row as templates see it (`--` when no sample arrived). */
export class StatsContext {
  readonly [GO_TYPE] = '*formatter.statsContext';

  constructor(private readonly container: string, private readonly n: StatsNumbers | undefined, private readonly trunc: boolean) {}

  Container(): string { return this.container; }
  ID(): string { const id = this.n?.id || this.container; return this.trunc ? id.slice(0, 12) : id; }
  Name(): string { const name = this.n?.name ?? ''; return name.length > 1 ? name.slice(1) : '--'; }
  CPUPerc(): string { return this.n ? `${this.n.cpuPercent.toFixed(2)}%` : '--'; }
  MemUsage(): string { return this.n ? `${bytesSize(this.n.memory)} / ${bytesSize(this.n.memoryLimit)}` : '-- / --'; }
  MemPerc(): string { return this.n ? `${this.n.memoryPercent.toFixed(2)}%` : '--'; }
  NetIO(): string { return this.n ? `${humanSizeWithPrecision(this.n.networkRx, 3)} / ${humanSizeWithPrecision(this.n.networkTx, 3)}` : '--'; }
  BlockIO(): string { return this.n ? `${humanSizeWithPrecision(this.n.blockRead, 3)} / ${humanSizeWithPrecision(this.n.blockWrite, 3)}` : '--'; }
  PIDs(): string { return this.n ? String(this.n.pids) : '--'; }

  /** `{{json .}}`. */
  marshalJSON(): string {
    return escapeHtmlJson(JSON.stringify({
      BlockIO: this.BlockIO(), CPUPerc: this.CPUPerc(), Container: this.Container(), ID: this.ID(), MemPerc: this.MemPerc(),
      MemUsage: this.MemUsage(), Name: this.Name(), NetIO: this.NetIO(), PIDs: this.PIDs(),
    }));
  }
}
