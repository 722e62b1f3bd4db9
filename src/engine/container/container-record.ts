// What the engine knows about one container and persists under the data root
// (containers/<id>/config.v2.json): its configuration and its state. Live runtime handles
// (pids, pipes, waiters) are in container-runtime-state.ts and never persisted.
import type { ContainerConfig, ContainerStateStatus, Health, HostConfig, NetworkingConfig } from '../../api/index.js';
import type { MountPointRecord } from '../volume/mount-plan.js';

/** The persisted state of a container (moby container.State, times as ns-since-epoch strings). */
export interface ContainerStateData {
  status: ContainerStateStatus;
  pid: number;
  exitCode: number;
  error: string;
  oomKilled: boolean;
  /** Host PID namespace is never shown: `pid` is the host PID of the init. */
  startedAt?: string;
  finishedAt?: string;
  /** Set by `docker stop`/`kill` until the next start (restart policies honour it). */
  stoppedByUser: boolean;
  /** True while an exit is being processed and the policy says restart. */
  restarting: boolean;
  /** Health check state (State.Health), present when the container has a health check. */
  health?: Health;
}

/** One container as stored. */
export interface ContainerRecord {
  id: string;
  /** Without the leading "/". */
  name: string;
  /** RFC3339Nano. */
  created: string;
  /** The image as the user typed it (Config.Image). */
  image: string;
  /** Resolved image ID ("sha256:..."). */
  imageId: string;
  config: ContainerConfig;
  hostConfig: HostConfig;
  networkingConfig: NetworkingConfig | null;
  /** Entrypoint + cmd split as Docker reports Path/Args. */
  path: string;
  args: string[];
  state: ContainerStateData;
  restartCount: number;
  /** Cgroup directory used by the last start (empty when cgroups were unavailable). */
  cgroupPath: string;
  /** Notes from the runtime (skipped mounts, cgroups off) of the last start. */
  runtimeNotes: string[];
  /** Bind mounts, volumes and --mount tmpfs, resolved at create (volume/mount-plan.ts). */
  mountPoints?: MountPointRecord[];
}

/** The initial state of a new container. */
export function createdState(): ContainerStateData {
  return { status: 'created', pid: 0, exitCode: 0, error: '', oomKilled: false, stoppedByUser: false, restarting: false };
}

/** Whether the container has a live process. */
export const isRunning = (r: ContainerRecord): boolean => r.state.status === 'running' || r.state.status === 'paused' || r.state.status === 'restarting';
