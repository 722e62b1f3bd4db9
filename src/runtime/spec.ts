// The container spec the runtime runs: runc's config.json, reduced to what skiff models.
// The engine fills it in from the container's Config/HostConfig (src/engine); the runtime
// turns it into syscalls (start-container.ts, container-init.ts).
import type { ConsoleSize } from './console.js';

/** cgroup v2 limits, written to the container's cgroup files as runc does. */
export interface CgroupResources {
  /** `cpu.max` as "<quota> <period>" ("max 100000" for no limit); undefined = leave as is. */
  cpuMax?: string;
  /** `cpu.weight` (1..10000). */
  cpuWeight?: number;
  /** `memory.max` in bytes. */
  memoryMax?: number;
  /** `pids.max`. */
  pidsMax?: number;
  /** `cpuset.cpus`, e.g. "0-1". */
  cpusetCpus?: string;
}

/** The process the container runs (PID 1) or an exec runs. */
export interface ProcessSpec {
  /** argv: entrypoint + cmd; args[0] is looked up on PATH when it has no slash. */
  args: string[];
  env: string[];
  /** Working directory inside the container ("/" when empty). */
  cwd: string;
  /** `--user`: "", "uid", "name", "uid:gid", "name:group" (resolved in the container's /etc). */
  user: string;
  /** Supplementary groups from `--group-add` (names or numbers). */
  additionalGroups?: string[];
  /** Capability names (without CAP_) the process keeps; undefined = all (privileged). */
  capabilities?: string[];
}

/** Files runc-style setup writes into the root before pivot_root. */
export interface EtcFiles {
  hostname: string;
  hosts: string;
  resolvConf: string;
}

/** Standard stdio of the container, as fds of the CALLING (engine) process. */
export interface StdioFds {
  /** null: the container reads /dev/null. */
  stdin: number | null;
  stdout: number;
  stderr: number;
}

/** A filesystem mounted into the container after its standard mounts (OCI spec "mounts"). */
export interface ExtraMount {
  /** Absolute path inside the container. */
  destination: string;
  /** 'tmpfs' (--tmpfs), or 'bind' of a file or directory of the engine's namespace. */
  type: 'tmpfs' | 'bind';
  /** Bind source (engine's view); ignored for tmpfs. */
  source?: string;
  /** MS_* flags. */
  flags: number;
  /** Filesystem data (tmpfs: size=, mode=, uid=, gid=). */
  data: string;
}

/** Everything the runtime needs to start a container. */
export interface ContainerSpec {
  /** 64-hex container ID. */
  id: string;
  /** Path (in the engine's mount namespace) of the prepared root filesystem: a mount point. */
  rootfs: string;
  hostname: string;
  domainname?: string;
  process: ProcessSpec;
  etc: EtcFiles;
  /** cgroup directory, e.g. /sys/fs/cgroup/skiff/<id>. */
  cgroupPath: string;
  resources: CgroupResources;
  privileged: boolean;
  readonlyRootfs?: boolean;
  /** Paths hidden by mounting /dev/null (files) over them. */
  maskedPaths: string[];
  /** Paths made read-only by bind mounts. */
  readonlyPaths: string[];
  /** Size of /dev/shm in bytes (--shm-size; Docker's default is 64 MiB). */
  shmSizeBytes?: number;
  /** --tmpfs mounts and the docker-init bind, in order. */
  mounts?: ExtraMount[];
  /** The process's stdio; unused (may be omitted) when `terminal` is set. */
  stdio?: StdioFds;
  /**
   * `process.terminal`: PID 1 gets a pseudo-terminal from the container's devpts (its
   * controlling tty and fds 0/1/2) and the caller gets the master. The size applies when both
   * dimensions are non-zero.
   */
  terminal?: ConsoleSize;
}

/** Docker's default masked paths (moby oci/defaults.go). */
export const DEFAULT_MASKED_PATHS = [
  '/proc/asound', '/proc/acpi', '/proc/interrupts', '/proc/kcore', '/proc/keys', '/proc/latency_stats',
  '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware', '/sys/devices/virtual/powercap',
];

/** Docker's default read-only paths. */
export const DEFAULT_READONLY_PATHS = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];
