// The wire views of a container: inspect (moby InspectResponse) and the list summary, with
// Docker's Status texts ("Up 5 seconds", "Exited (0) 2 minutes ago", "Created").
import type { ContainerInspect, ContainerState, ContainerSummary, NetworkSettings } from '../../api/index.js';
import { humanDuration, parseRfc3339, ZERO_TIME, type TimeNs } from '../util/time-format.js';
import { isRunning, type ContainerRecord } from './container-record.js';
import { mountPointsView } from '../volume/mount-plan.js';

/** Docker's State.Status, Running, Paused... */
export function stateView(rec: ContainerRecord): ContainerState {
  const s = rec.state;
  return {
    Status: s.restarting ? 'restarting' : s.status,
    Running: isRunning(rec),
    Paused: s.status === 'paused',
    Restarting: s.restarting,
    OOMKilled: s.oomKilled,
    Dead: s.status === 'dead',
    Pid: s.pid,
    ExitCode: s.exitCode,
    Error: s.error,
    StartedAt: s.startedAt ?? ZERO_TIME,
    FinishedAt: s.finishedAt ?? ZERO_TIME,
    ...(s.health ? { Health: { ...s.health, Log: [...s.health.Log] } } : {}),
  };
}

function emptyNetworkSettings(rec: ContainerRecord): NetworkSettings {
  const mode = rec.hostConfig.NetworkMode ?? 'bridge';
  return {
    Bridge: '', SandboxID: '', SandboxKey: '', Ports: {}, HairpinMode: false, LinkLocalIPv6Address: '', LinkLocalIPv6PrefixLen: 0,
    SecondaryIPAddresses: null, SecondaryIPv6Addresses: null, EndpointID: '', Gateway: '', GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0, IPAddress: '', IPPrefixLen: 0, IPv6Gateway: '', MacAddress: '',
    Networks: mode === 'none' || mode === 'host' ? {} : { [mode]: {
      IPAMConfig: null, Links: null, Aliases: null, MacAddress: '', DriverOpts: null, NetworkID: '', EndpointID: '', Gateway: '',
      IPAddress: '', IPPrefixLen: 0, IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, DNSNames: null,
    } },
  };
}

/** GET /containers/{id}/json. */
export function inspectView(rec: ContainerRecord, paths: { dir: string; rootfs: string; upper: string; work: string; lower: string[] }, execIds: string[]): ContainerInspect {
  return {
    Id: rec.id,
    Created: rec.created,
    Path: rec.path,
    Args: rec.args,
    State: stateView(rec),
    Image: rec.imageId,
    ResolvConfPath: `${paths.dir}/resolv.conf`,
    HostnamePath: `${paths.dir}/hostname`,
    HostsPath: `${paths.dir}/hosts`,
    LogPath: `${paths.dir}/${rec.id}-json.log`,
    Name: `/${rec.name}`,
    RestartCount: rec.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: execIds.length > 0 ? execIds : null,
    HostConfig: rec.hostConfig,
    GraphDriver: { Name: 'overlay2', Data: { LowerDir: paths.lower.join(':'), MergedDir: paths.rootfs, UpperDir: paths.upper, WorkDir: paths.work } },
    Mounts: mountPointsView(rec.mountPoints),
    Config: { ...rec.config, Image: rec.image },
    NetworkSettings: emptyNetworkSettings(rec),
  };
}

/** The Status column of `docker ps`. */
export function statusText(rec: ContainerRecord, now: TimeNs): string {
  const s = rec.state;
  const since = (t?: string) => {
    const at = t ? parseRfc3339(t) : undefined;
    return humanDuration(at === undefined || now < at ? 0n : now - at);
  };
  if (s.restarting) return `Restarting (${s.exitCode}) ${since(s.finishedAt)} ago`;
  switch (s.status) {
    case 'running': {
      const h = s.health;
      return h ? `Up ${since(s.startedAt)} (${h.Status === 'starting' ? 'health: starting' : h.Status})` : `Up ${since(s.startedAt)}`;
    }
    case 'paused': return `Up ${since(s.startedAt)} (Paused)`;
    case 'exited': return s.finishedAt ? `Exited (${s.exitCode}) ${since(s.finishedAt)} ago` : 'Created';
    case 'removing': return 'Removal In Progress';
    case 'dead': return 'Dead';
    default: return 'Created';
  }
}

/** The Command column: entrypoint and args joined (the CLI quotes and truncates). */
export function commandText(rec: ContainerRecord): string {
  return [rec.path, ...rec.args].join(' ');
}

/** One entry of GET /containers/json. */
export function summaryView(rec: ContainerRecord, now: TimeNs): ContainerSummary {
  const created = parseRfc3339(rec.created) ?? 0n;
  return {
    Id: rec.id,
    Names: [`/${rec.name}`],
    Image: rec.image,
    ImageID: rec.imageId,
    Command: commandText(rec),
    Created: Number(created / 1_000_000_000n),
    Ports: [],
    Labels: rec.config.Labels ?? {},
    State: rec.state.restarting ? 'restarting' : rec.state.status,
    Status: statusText(rec, now),
    HostConfig: { NetworkMode: rec.hostConfig.NetworkMode ?? 'bridge' },
    NetworkSettings: { Networks: emptyNetworkSettings(rec).Networks },
    Mounts: mountPointsView(rec.mountPoints),
  };
}
