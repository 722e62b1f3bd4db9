// Wire type of GET /containers/{id}/stats (moby container.StatsResponse, Linux fields).
// CPU % = Δtotal_usage / Δsystem_cpu_usage × online_cpus × 100; all times in nanoseconds.

/** CPU usage counters (ns). */
export interface CPUUsage {
  total_usage: number;
  percpu_usage?: number[];
  usage_in_kernelmode: number;
  usage_in_usermode: number;
}

/** CFS throttling counters. */
export interface ThrottlingData {
  periods: number;
  throttled_periods: number;
  throttled_time: number;
}

/** `cpu_stats` / `precpu_stats`. */
export interface CPUStats {
  cpu_usage: CPUUsage;
  system_cpu_usage?: number;
  online_cpus?: number;
  throttling_data: ThrottlingData;
}

/** `memory_stats` (cgroup v2: `stats.inactive_file`, `anon`, `file`, ...). */
export interface MemoryStats {
  usage?: number;
  max_usage?: number;
  stats?: Record<string, number>;
  failcnt?: number;
  limit?: number;
}

/** One blkio entry; `op` is "read"/"write" (or "Read"/"Write"). */
export interface BlkioStatEntry {
  major: number;
  minor: number;
  op: string;
  value: number;
}

/** `blkio_stats`. */
export interface BlkioStats {
  io_service_bytes_recursive: BlkioStatEntry[] | null;
  io_serviced_recursive?: BlkioStatEntry[] | null;
  io_queue_recursive?: BlkioStatEntry[] | null;
  io_service_time_recursive?: BlkioStatEntry[] | null;
  io_wait_time_recursive?: BlkioStatEntry[] | null;
  io_merged_recursive?: BlkioStatEntry[] | null;
  io_time_recursive?: BlkioStatEntry[] | null;
  sectors_recursive?: BlkioStatEntry[] | null;
}

/** Per-interface network counters. */
export interface NetworkStats {
  rx_bytes: number;
  rx_packets: number;
  rx_errors: number;
  rx_dropped: number;
  tx_bytes: number;
  tx_packets: number;
  tx_errors: number;
  tx_dropped: number;
}

/** One stats sample. `read`/`preread` are RFC3339Nano; `name` is "/web". */
export interface StatsJSON {
  name: string;
  id: string;
  read: string;
  preread: string;
  pids_stats: { current?: number; limit?: number };
  blkio_stats: BlkioStats;
  num_procs: number;
  storage_stats?: object;
  cpu_stats: CPUStats;
  precpu_stats: CPUStats;
  memory_stats: MemoryStats;
  networks?: Record<string, NetworkStats>;
}
