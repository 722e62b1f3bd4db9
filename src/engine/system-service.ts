// The system backend (the daemon's SystemBackend): /version, /info, /system/df and /events.
import type { EventMessage, Info, SystemDf, Version } from '../api/index.js';
import type { ContainerService, MachineFacts } from './container-service.js';
import type { EngineContext } from './engine-context.js';
import type { ImageService } from './image-service.js';
import { isRunning } from './container/container-record.js';
import { rfc3339Nano } from './util/time-format.js';
import { VolumeService } from './volume/volume-service.js';

/** The kernel release skiff reports (src/kernel/syscalls/ns.ts KERNEL_RELEASE). */
const KERNEL = '6.8.0-skiff';

/** Implements the daemon's SystemBackend. */
export class SystemService {
  constructor(
    private readonly ctx: EngineContext,
    private readonly containers: ContainerService,
    private readonly images: ImageService,
    private readonly machine: MachineFacts,
  ) {}

  async systemVersion(): Promise<Version> {
    const v = this.ctx.identity.version;
    return {
      Platform: { Name: 'skiff' },
      Components: [{ Name: 'Engine', Version: v, Details: { ApiVersion: '1.50', Arch: 'amd64', Os: 'linux', KernelVersion: KERNEL, MinAPIVersion: '1.24' } }],
      Version: v, ApiVersion: '1.50', MinAPIVersion: '1.24', GitCommit: 'skiff', GoVersion: `node${process.versions.node}`,
      Os: 'linux', Arch: 'amd64', KernelVersion: KERNEL, BuildTime: '2025-01-01T00:00:00.000000000+00:00',
    };
  }

  async systemInfo(): Promise<Info> {
    const all = this.ctx.containers.all();
    const running = all.filter((c) => c.state.status === 'running').length;
    const paused = all.filter((c) => c.state.status === 'paused').length;
    const images = await this.images.imageList({ all: false });
    const cgroups = await this.ctx.libc.statOrUndefined('/sys/fs/cgroup/cgroup.procs');
    return {
      ID: this.ctx.identity.id, Containers: all.length, ContainersRunning: running, ContainersPaused: paused,
      ContainersStopped: all.length - running - paused, Images: images.length, Driver: 'tmpfs', DriverStatus: [],
      Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'null'], Authorization: null, Log: ['json-file'] },
      MemoryLimit: true, SwapLimit: false, CpuCfsPeriod: true, CpuCfsQuota: true, CPUShares: true, CPUSet: true,
      PidsLimit: true, IPv4Forwarding: true, Debug: false, NFd: 0, OomKillDisable: false, NGoroutines: 0,
      SystemTime: rfc3339Nano(await this.ctx.now()), LoggingDriver: 'json-file', CgroupDriver: 'cgroupfs',
      CgroupVersion: cgroups ? '2' : '', NEventsListener: this.ctx.events.listeners, KernelVersion: KERNEL,
      OperatingSystem: 'skiff (simulated Linux)', OSVersion: '', OSType: 'linux', Architecture: 'x86_64',
      IndexServerAddress: 'https://index.docker.io/v1/',
      RegistryConfig: { InsecureRegistryCIDRs: ['127.0.0.0/8'], IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true } }, Mirrors: [] },
      NCPU: this.machine.ncpus, MemTotal: this.machine.memoryBytes, DockerRootDir: this.ctx.identity.dataRoot,
      HttpProxy: '', HttpsProxy: '', NoProxy: '', Name: this.ctx.identity.name, Labels: [], ExperimentalBuild: false,
      ServerVersion: this.ctx.identity.version, Runtimes: { runc: { path: 'skiff-runtime' } }, DefaultRuntime: 'runc',
      Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
      LiveRestoreEnabled: false, Isolation: '', InitBinary: '', SecurityOptions: ['name=seccomp,profile=builtin', 'name=cgroupns'],
      Warnings: cgroups ? null : ['WARNING: cgroup2 is not mounted: resource limits are not applied'],
    };
  }

  async systemDf(_options: { types?: string[] }): Promise<SystemDf> {
    const images = await this.images.imageList({ all: false });
    const containers = await this.containers.containerList({ size: false });
    return {
      LayersSize: images.reduce((n, i) => n + i.Size, 0),
      Images: images,
      Containers: containers.map((c) => ({ ...c, SizeRw: 0, SizeRootFs: 0 })),
      Volumes: await new VolumeService(this.ctx).usage(),
      BuildCache: [],
    };
  }

  subscribeEvents(options: { since?: number; until?: number }, signal: AbortSignal): AsyncIterable<EventMessage> {
    return this.ctx.events.subscribe(options, signal);
  }

  /** Running containers count (for shutdown). */
  running(): number {
    return this.ctx.containers.all().filter(isRunning).length;
  }
}
