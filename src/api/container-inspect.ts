// Wire types of GET /containers/{id}/json (moby container.InspectResponse): State, Health,
// NetworkSettings. State, Config, HostConfig and NetworkSettings must never be null.

import type { ContainerConfig, HostConfig, EndpointSettings, PortMap } from './container-config.js';
import type { ContainerStateStatus, MountPoint } from './container-summary.js';

/** One health-check probe result. */
export interface HealthcheckResult {
  Start: string;
  End: string;
  ExitCode: number;
  Output: string;
}

/** `State.Health`. Status is "none", "starting", "healthy" or "unhealthy". */
export interface Health {
  Status: 'none' | 'starting' | 'healthy' | 'unhealthy';
  FailingStreak: number;
  Log: HealthcheckResult[];
}

/** `State` of an inspected container. Unset times are "0001-01-01T00:00:00Z". */
export interface ContainerState {
  Status: ContainerStateStatus;
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  Pid: number;
  ExitCode: number;
  Error: string;
  StartedAt: string;
  FinishedAt: string;
  Health?: Health;
}

/** `NetworkSettings` of an inspected container. */
export interface NetworkSettings {
  Bridge?: string;
  SandboxID: string;
  SandboxKey: string;
  Ports: PortMap;
  HairpinMode?: boolean;
  LinkLocalIPv6Address?: string;
  LinkLocalIPv6PrefixLen?: number;
  SecondaryIPAddresses?: unknown[] | null;
  SecondaryIPv6Addresses?: unknown[] | null;
  EndpointID: string;
  Gateway: string;
  GlobalIPv6Address: string;
  GlobalIPv6PrefixLen: number;
  IPAddress: string;
  IPPrefixLen: number;
  IPv6Gateway: string;
  MacAddress: string;
  Networks: Record<string, EndpointSettings>;
}

/** Storage driver block (`GraphDriver`) of container and image inspect. */
export interface GraphDriverData {
  Name: string;
  Data: Record<string, string> | null;
}

/** Body of GET /containers/{id}/json. */
export interface ContainerInspect {
  Id: string;
  Created: string;
  Path: string;
  Args: string[];
  State: ContainerState;
  Image: string;
  ResolvConfPath: string;
  HostnamePath: string;
  HostsPath: string;
  LogPath: string;
  Name: string;
  RestartCount: number;
  Driver: string;
  Platform: string;
  MountLabel: string;
  ProcessLabel: string;
  AppArmorProfile: string;
  ExecIDs: string[] | null;
  HostConfig: HostConfig;
  GraphDriver: GraphDriverData;
  SizeRw?: number;
  SizeRootFs?: number;
  Mounts: MountPoint[];
  Config: ContainerConfig;
  NetworkSettings: NetworkSettings;
}

/** Body of GET /containers/{id}/top. */
export interface TopResult {
  Titles: string[];
  Processes: string[][];
}

/** One entry of GET /containers/{id}/changes. Kind: 0 = modified, 1 = added, 2 = deleted. */
export interface ChangeItem {
  Path: string;
  Kind: 0 | 1 | 2;
}

/** Decoded `X-Docker-Container-Path-Stat` header of the archive routes (base64 JSON). */
export interface ContainerPathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}
