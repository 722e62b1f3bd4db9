// Docker wire shapes the client and CLI read. They live here (not in src/api) only until
// src/api offers them; fields are the ones docker's CLI uses, the rest stays open.

/** Headers of /_ping. */
export interface PingInfo {
  apiVersion?: string;
  osType?: string;
  experimental: boolean;
  builderVersion?: string;
}

/** An entry of GET /containers/json. */
export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  Created: number;
  Ports: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
  SizeRw?: number;
  SizeRootFs?: number;
  Labels: Record<string, string> | null;
  State: string;
  Status: string;
  Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string; Driver?: string }[];
  NetworkSettings?: { Networks?: Record<string, unknown> | null };
  [key: string]: unknown;
}

/** GET /containers/{id}/json (the fields the CLI reads; the rest is printed as is). */
export interface ContainerInspect {
  Id: string;
  Name: string;
  State: { Status: string; Running: boolean; Paused: boolean; Restarting: boolean; ExitCode: number; [key: string]: unknown };
  Config: { Tty: boolean; OpenStdin: boolean; Image?: string; Labels?: Record<string, string> | null; [key: string]: unknown };
  HostConfig: { AutoRemove?: boolean; [key: string]: unknown };
  NetworkSettings: { Ports?: Record<string, { HostIp: string; HostPort: string }[] | null> | null; [key: string]: unknown };
  [key: string]: unknown;
}

/** POST /containers/{id}/wait answer. */
export interface WaitResponse {
  StatusCode: number;
  Error?: { Message: string } | null;
}

/** An entry of GET /images/json. */
export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[] | null;
  RepoDigests: string[] | null;
  Created: number;
  Size: number;
  SharedSize: number;
  VirtualSize?: number;
  Labels: Record<string, string> | null;
  Containers: number;
  [key: string]: unknown;
}

/** An entry of GET /images/{name}/history. */
export interface HistoryItem {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/** An entry of DELETE /images/{name}. */
export interface ImageDeleteItem {
  Untagged?: string;
  Deleted?: string;
}

/** One message of a JSON progress stream (build, pull, load, push). */
export interface JsonMessage {
  stream?: string;
  status?: string;
  id?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  aux?: Record<string, unknown>;
  errorDetail?: { code?: number; message: string };
  error?: string;
  time?: number;
  timeNano?: number;
  from?: string;
}

/** One message of GET /events. */
export interface EventMessage {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  scope?: string;
  time: number;
  timeNano: number;
  status?: string;
  id?: string;
  from?: string;
}

/** GET /containers/{id}/top. */
export interface TopResponse {
  Titles: string[];
  Processes: string[][];
}

/** GET /containers/{id}/changes entry (Kind 0 modified, 1 added, 2 deleted). */
export interface ChangeItem {
  Path: string;
  Kind: number;
}

/** One sample of GET /containers/{id}/stats (Linux fields the CLI uses). */
export interface StatsSample {
  read?: string;
  preread?: string;
  id?: string;
  name?: string;
  pids_stats?: { current?: number; limit?: number };
  blkio_stats?: { io_service_bytes_recursive?: { major: number; minor: number; op: string; value: number }[] | null };
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes: number; tx_bytes: number }>;
}

/** cpu_stats / precpu_stats. */
export interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** GET /exec/{id}/json. */
export interface ExecInspect {
  ID: string;
  Running: boolean;
  ExitCode: number | null;
  ContainerID?: string;
  Pid?: number;
  [key: string]: unknown;
}

/** Body of POST /containers/{id}/exec. */
export interface ExecCreateBody {
  User: string;
  Privileged: boolean;
  Tty: boolean;
  ConsoleSize?: [number, number];
  AttachStdin: boolean;
  AttachStderr: boolean;
  AttachStdout: boolean;
  Detach: boolean;
  DetachKeys: string;
  Env: string[] | null;
  WorkingDir: string;
  Cmd: string[];
}

/** GET /system/df. */
export interface DiskUsage {
  LayersSize: number;
  Images: ImageSummary[] | null;
  Containers: ContainerSummary[] | null;
  Volumes: { Name: string; Driver?: string; UsageData?: { Size: number; RefCount: number } | null }[] | null;
  BuildCache: { Size: number; InUse: boolean; Shared: boolean }[] | null;
}
