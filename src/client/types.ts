// Wire shapes the client hands out: Docker's types from src/api under the names the client
// uses, plus the few the API module does not define (ping headers).
export type {
  ContainerSummary, ContainerInspect, ImageSummary, HistoryItem, ImageDeleteResponseItem as ImageDeleteItem,
  JSONMessage as JsonMessage, EventMessage, TopResult as TopResponse, ChangeItem, StatsJSON as StatsSample,
  CPUStats as CpuStats, ExecInspect, ExecCreateRequest as ExecCreateBody, SystemDf as DiskUsage,
  ContainerWaitResponse as WaitResponse, ContainerCreateRequest, Version as VersionInfo, Info as SystemInfo,
} from '../api/index.js';

/** Headers of /_ping. */
export interface PingInfo {
  apiVersion?: string;
  osType?: string;
  experimental: boolean;
  builderVersion?: string;
}
