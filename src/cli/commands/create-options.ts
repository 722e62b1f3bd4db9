// The flags of `run` and `create` (docker's names and parsing) and their mapping to the
// create body, field by field and in the key order docker's Go structs give, so the JSON
// we send equals what docker sends (compared with recorded bodies in the tests).
import fs from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { collect, parsedOption } from '../command-spec.js';
import { parseGoDuration, ramInBytes } from '../format/human-units.js';

/** Parsed run/create flags, as commander hands them over. */
export interface CreateFlags {
  attach?: string[]; addHost?: string[]; capAdd?: string[]; capDrop?: string[]; cidfile?: string;
  cpuPeriod?: number; cpuQuota?: number; cpuShares?: number; cpus?: number; cpusetCpus?: string; cpusetMems?: string;
  detach?: boolean; detachKeys?: string; dns?: string[]; dnsOption?: string[]; dnsSearch?: string[]; domainname?: string;
  entrypoint?: string; env?: string[]; envFile?: string[]; expose?: string[]; groupAdd?: string[];
  healthCmd?: string; healthInterval?: number; healthRetries?: number; healthStartPeriod?: number; healthStartInterval?: number; healthTimeout?: number;
  hostname?: string; init?: boolean; interactive?: boolean; ipc?: string; label?: string[]; logDriver?: string; logOpt?: string[];
  memory?: number; memoryReservation?: number; memorySwap?: number; memorySwappiness?: number; mount?: string[]; name?: string;
  network?: string; net?: string; networkAlias?: string[]; healthcheck?: boolean; oomKillDisable?: boolean; pid?: string; pidsLimit?: number;
  platform?: string; privileged?: boolean; publish?: string[]; publishAll?: boolean; pull?: string; quiet?: boolean; readOnly?: boolean;
  restart?: string; rm?: boolean; runtime?: string; securityOpt?: string[]; shmSize?: number; sigProxy?: boolean; stopSignal?: string;
  stopTimeout?: number; sysctl?: string[]; tmpfs?: string[]; tty?: boolean; ulimit?: string[]; user?: string; userns?: string; uts?: string;
  volume?: string[]; volumesFrom?: string[]; workdir?: string;
}

const int = (v: string) => {
  if (!/^[+-]?\d+$/.test(v)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number.parseInt(v, 10);
};
const duration = (v: string) => parseGoDuration(v);
const memBytes = (v: string) => ramInBytes(v);
const swapBytes = (v: string) => (v === '-1' ? -1 : ramInBytes(v));
const decimal = (v: string) => {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v)) throw new Error(`failed to parse ${v} as a rational number`);
  return Number(v);
};

/** Declares the run/create flags on `cmd` (`run` adds -d, --sig-proxy, --detach-keys). */
export function addCreateOptions(cmd: Command, forRun: boolean): void {
  const list = (flags: string, desc: string) => cmd.option(flags, desc, collect);
  list('-a, --attach <stream>', 'Attach to STDIN, STDOUT or STDERR');
  list('--add-host <host:ip>', 'Add a custom host-to-IP mapping (host:ip)');
  list('--cap-add <cap>', 'Add Linux capabilities');
  list('--cap-drop <cap>', 'Drop Linux capabilities');
  cmd.option('--cidfile <file>', 'Write the container ID to the file');
  cmd.addOption(parsedOption('--cpu-period <int>', 'Limit CPU CFS (Completely Fair Scheduler) period', int));
  cmd.addOption(parsedOption('--cpu-quota <int>', 'Limit CPU CFS (Completely Fair Scheduler) quota', int));
  cmd.addOption(parsedOption('-c, --cpu-shares <int>', 'CPU shares (relative weight)', int));
  cmd.addOption(parsedOption('--cpus <decimal>', 'Number of CPUs', decimal));
  cmd.option('--cpuset-cpus <string>', 'CPUs in which to allow execution (0-3, 0,1)');
  cmd.option('--cpuset-mems <string>', 'MEMs in which to allow execution (0-3, 0,1)');
  if (forRun) {
    cmd.option('-d, --detach', 'Run container in background and print container ID');
    cmd.option('--detach-keys <string>', 'Override the key sequence for detaching a container');
    cmd.option('--sig-proxy', 'Proxy received signals to the process', true);
    cmd.option('--no-sig-proxy', 'Do not proxy received signals to the process');
  }
  list('--dns <ip>', 'Set custom DNS servers');
  list('--dns-option <option>', 'Set DNS options');
  list('--dns-search <domain>', 'Set custom DNS search domains');
  cmd.option('--domainname <string>', 'Container NIS domain name');
  cmd.option('--entrypoint <command>', 'Overwrite the default ENTRYPOINT of the image');
  list('-e, --env <var>', 'Set environment variables');
  list('--env-file <file>', 'Read in a file of environment variables');
  list('--expose <port>', 'Expose a port or a range of ports');
  list('--group-add <group>', 'Add additional groups to join');
  cmd.option('--health-cmd <string>', 'Command to run to check health');
  cmd.addOption(parsedOption('--health-interval <duration>', 'Time between running the check (ms|s|m|h) (default 0s)', duration));
  cmd.addOption(parsedOption('--health-retries <int>', 'Consecutive failures needed to report unhealthy', int));
  cmd.addOption(parsedOption('--health-start-interval <duration>', 'Time between running the check during the start period (ms|s|m|h) (default 0s)', duration));
  cmd.addOption(parsedOption('--health-start-period <duration>', 'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)', duration));
  cmd.addOption(parsedOption('--health-timeout <duration>', 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)', duration));
  cmd.option('-h, --hostname <string>', 'Container host name');
  cmd.option('--init', 'Run an init inside the container that forwards signals and reaps processes');
  cmd.option('-i, --interactive', 'Keep STDIN open even if not attached');
  cmd.option('--ipc <string>', 'IPC mode to use');
  list('-l, --label <label>', 'Set meta data on a container');
  cmd.option('--log-driver <string>', 'Logging driver for the container');
  list('--log-opt <opt>', 'Log driver options');
  cmd.addOption(parsedOption('-m, --memory <bytes>', 'Memory limit', memBytes));
  cmd.addOption(parsedOption('--memory-reservation <bytes>', 'Memory soft limit', memBytes));
  cmd.addOption(parsedOption('--memory-swap <bytes>', "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", swapBytes));
  cmd.addOption(parsedOption('--memory-swappiness <int>', 'Tune container memory swappiness (0 to 100) (default -1)', int));
  list('--mount <mount>', 'Attach a filesystem mount to the container');
  cmd.option('--name <string>', 'Assign a name to the container');
  cmd.addOption(new Option('--network <network>', 'Connect a container to a network'));
  cmd.addOption(new Option('--net <network>', 'Connect a container to a network').hideHelp());
  list('--network-alias <alias>', 'Add network-scoped alias for the container');
  cmd.option('--no-healthcheck', 'Disable any container-specified HEALTHCHECK');
  cmd.option('--oom-kill-disable', 'Disable OOM Killer');
  cmd.option('--pid <string>', 'PID namespace to use');
  cmd.addOption(parsedOption('--pids-limit <int>', 'Tune container pids limit (set -1 for unlimited)', int));
  cmd.option('--platform <string>', 'Set platform if server is multi-platform capable');
  cmd.option('--privileged', 'Give extended privileges to this container');
  list('-p, --publish <port>', "Publish a container's port(s) to the host");
  cmd.option('-P, --publish-all', 'Publish all exposed ports to random ports');
  cmd.option('--pull <string>', 'Pull image before running ("always", "missing", "never")', 'missing');
  cmd.option('-q, --quiet', 'Suppress the pull output');
  cmd.option('--read-only', "Mount the container's root filesystem as read only");
  cmd.option('--restart <string>', 'Restart policy to apply when a container exits', 'no');
  cmd.option('--rm', 'Automatically remove the container and its associated anonymous volumes when it exits');
  cmd.option('--runtime <string>', 'Runtime to use for this container');
  list('--security-opt <opt>', 'Security Options');
  cmd.addOption(parsedOption('--shm-size <bytes>', 'Size of /dev/shm', memBytes));
  cmd.option('--stop-signal <string>', 'Signal to stop the container');
  cmd.addOption(parsedOption('--stop-timeout <int>', 'Timeout (in seconds) to stop a container', int));
  list('--sysctl <opt>', 'Sysctl options');
  list('--tmpfs <mount>', 'Mount a tmpfs directory');
  cmd.option('-t, --tty', 'Allocate a pseudo-TTY');
  list('--ulimit <ulimit>', 'Ulimit options');
  cmd.option('-u, --user <string>', 'Username or UID (format: <name|uid>[:<group|gid>])');
  cmd.option('--userns <string>', 'User namespace to use');
  cmd.option('--uts <string>', 'UTS namespace to use');
  list('-v, --volume <volume>', 'Bind mount a volume');
  list('--volumes-from <container>', 'Mount volumes from the specified container(s)');
  cmd.option('-w, --workdir <string>', 'Working directory inside the container');
}

/** Go map → JSON object with sorted keys (encoding/json sorts map keys). */
function sortedMap<T>(entries: [string, T][]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = v;
  return out;
}

/** Expands env entries: "A=1" stays, "A" takes the local value if set, else stays bare. */
function envFromFlags(env: string[], local: Record<string, string | undefined>): string[] {
  return env.map((e) => (e.includes('=') ? e : local[e] !== undefined ? `${e}=${local[e]}` : e));
}

/** Reads an --env-file: comments and blank lines skipped, bare names taken from the environment or dropped. */
export function readEnvFile(path: string, local: Record<string, string | undefined>): string[] {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch {
    throw new Error(`open ${path}: no such file or directory`);
  }
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq === 0) throw new Error(`invalid environment variable: ${line}`);
    if (eq > 0) { out.push(line); continue; }
    const name = line.trimEnd();
    if (/\s/.test(name)) throw new Error(`variable '${name}' contains whitespaces`);
    if (local[name] !== undefined) out.push(`${name}=${local[name]}`);
  }
  return out;
}

/** A parsed -p spec. */
interface PortSpec { key: string; binding: { HostIp: string; HostPort: string } }

/** Parses -p "[ip:][hostPort:]containerPort[/proto]" (ranges expand one to one). */
export function parsePublish(spec: string): PortSpec[] {
  let rest = spec;
  let proto = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) { proto = rest.slice(slash + 1) || 'tcp'; rest = rest.slice(0, slash); }
  let ip = '';
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    ip = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(':');
  let hostPort = '';
  let containerPort: string;
  if (parts.length === 1) containerPort = parts[0];
  else if (parts.length === 2) { if (ip) { hostPort = parts[0]; } else { hostPort = parts[0]; } containerPort = parts[1]; }
  else if (parts.length === 3) { ip = parts[0]; hostPort = parts[1]; containerPort = parts[2]; }
  else throw new Error(`invalid proxy address: ${spec}`);
  if (!/^\d+(-\d+)?$/.test(containerPort)) throw new Error(`invalid containerPort: ${containerPort}`);
  if (hostPort && !/^\d+(-\d+)?$/.test(hostPort)) throw new Error(`invalid hostPort: ${hostPort}`);
  const [c0, c1 = c0] = containerPort.split('-').map(Number);
  const hostRange = hostPort ? hostPort.split('-').map(Number) : [];
  const out: PortSpec[] = [];
  for (let p = c0; p <= c1; p++) {
    let hp = hostPort;
    if (hostRange.length === 2 && c1 > c0) hp = String(hostRange[0] + (p - c0));
    out.push({ key: `${p}/${proto}`, binding: { HostIp: ip, HostPort: hp } });
  }
  return out;
}

/** Parses --mount "type=volume,src=v1,dst=/v1,readonly". */
export function parseMount(spec: string): Record<string, unknown> {
  const m: { Type: string; Source?: string; Target?: string; ReadOnly?: boolean } = { Type: 'volume' };
  for (const field of spec.split(',')) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? undefined : field.slice(eq + 1);
    switch (key) {
      case 'type': m.Type = value ?? ''; break;
      case 'source': case 'src': m.Source = value; break;
      case 'target': case 'dst': case 'destination': m.Target = value; break;
      case 'readonly': case 'ro': m.ReadOnly = value === undefined || ['1', 'true'].includes(value.toLowerCase()); break;
      default: break;
    }
  }
  if (!m.Target) throw new Error('target is required');
  const out: Record<string, unknown> = { Type: m.Type };
  if (m.Source) out.Source = m.Source;
  out.Target = m.Target;
  if (m.ReadOnly) out.ReadOnly = true;
  return out;
}

/** Parses --ulimit "nofile=1024:2048". */
export function parseUlimit(spec: string): { Name: string; Hard: number; Soft: number } {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new Error(`invalid ulimit argument: ${spec}`);
  const [soft, hard = soft] = spec.slice(eq + 1).split(':').map((v) => int(v));
  return { Name: spec.slice(0, eq), Hard: hard, Soft: soft };
}

/** Parses --restart "on-failure:3". */
export function parseRestart(spec: string): { Name: string; MaximumRetryCount: number } {
  const [name, count] = spec.split(':');
  if (!['no', 'always', 'on-failure', 'unless-stopped', ''].includes(name)) throw new Error(`invalid restart policy: unknown policy '${name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`);
  if (count !== undefined && name !== 'on-failure') throw new Error(`invalid restart policy: maximum retry count can only be used with 'on-failure'`);
  return { Name: name || 'no', MaximumRetryCount: count ? int(count) : 0 };
}

/** Inputs beside the flags. */
export interface CreateContext {
  image: string;
  args: string[];
  /** Stdout is a terminal of this size ([rows, cols]), for -t. */
  consoleSize: [number, number];
  /** run -d (or create: false). */
  detached: boolean;
  env: Record<string, string | undefined>;
}

/** Maps run/create flags to the create body exactly as docker does. */
export function buildCreateBody(f: CreateFlags, c: CreateContext): Record<string, unknown> {
  const attach = new Set((f.attach ?? []).map((s) => s.toLowerCase()));
  for (const a of attach) if (!['stdin', 'stdout', 'stderr'].includes(a)) throw new Error(`invalid argument "${a}" for "-a, --attach" flag: valid streams are STDIN, STDOUT and STDERR`);
  const attachStdin = !c.detached && (attach.size ? attach.has('stdin') : Boolean(f.interactive));
  const attachStdout = !c.detached && (attach.size ? attach.has('stdout') : true);
  const attachStderr = !c.detached && (attach.size ? attach.has('stderr') : true);

  let env: string[] = [];
  for (const file of f.envFile ?? []) env.push(...readEnvFile(file, c.env));
  env.push(...envFromFlags(f.env ?? [], c.env));

  const exposed: [string, object][] = [];
  const bindings = new Map<string, { HostIp: string; HostPort: string }[]>();
  for (const spec of f.publish ?? []) {
    for (const p of parsePublish(spec)) {
      if (!exposed.some(([k]) => k === p.key)) exposed.push([p.key, {}]);
      bindings.set(p.key, [...(bindings.get(p.key) ?? []), p.binding]);
    }
  }
  for (const spec of f.expose ?? []) {
    const [port, proto = 'tcp'] = spec.split('/');
    const [a, b = a] = port.split('-').map(Number);
    for (let p = a; p <= b; p++) if (!exposed.some(([k]) => k === `${p}/${proto}`)) exposed.push([`${p}/${proto}`, {}]);
  }

  const binds: string[] = [];
  const volumes: [string, object][] = [];
  for (const v of f.volume ?? []) {
    if (v.includes(':')) binds.push(v);
    else volumes.push([v, {}]);
  }

  const health: Record<string, unknown> = {};
  const anyHealth = f.healthCmd !== undefined || f.healthInterval !== undefined || f.healthTimeout !== undefined
    || f.healthStartPeriod !== undefined || f.healthRetries !== undefined || f.healthStartInterval !== undefined;
  if (f.healthcheck === false) {
    if (anyHealth) throw new Error('--no-healthcheck conflicts with --health-* options');
    health.Test = ['NONE'];
  } else if (anyHealth) {
    if (f.healthCmd !== undefined) health.Test = ['CMD-SHELL', f.healthCmd];
    if (f.healthInterval) health.Interval = f.healthInterval;
    if (f.healthTimeout) health.Timeout = f.healthTimeout;
    if (f.healthStartPeriod) health.StartPeriod = f.healthStartPeriod;
    if (f.healthStartInterval) health.StartInterval = f.healthStartInterval;
    if (f.healthRetries) health.Retries = f.healthRetries;
  }

  const labels: [string, string][] = (f.label ?? []).map((l) => {
    const eq = l.indexOf('=');
    return eq < 0 ? [l, ''] : [l.slice(0, eq), l.slice(eq + 1)];
  });

  const networkMode = f.network ?? f.net ?? 'default';
  const endpoints: Record<string, unknown> = {};
  const builtin = ['bridge', 'host', 'none'].includes(networkMode) || networkMode.startsWith('container:');
  if (!builtin) {
    endpoints[networkMode] = {
      IPAMConfig: null, Links: null, Aliases: f.networkAlias?.length ? f.networkAlias : null, MacAddress: '', DriverOpts: null,
      GwPriority: 0, NetworkID: '', EndpointID: '', Gateway: '', IPAddress: '', IPPrefixLen: 0, IPv6Gateway: '',
      GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, DNSNames: null,
    };
  } else if (f.networkAlias?.length) {
    throw new Error('network-scoped aliases are only supported for user-defined networks');
  }

  const capName = (c: string) => { const u = c.toUpperCase(); return u === 'ALL' || u.startsWith('CAP_') ? u : `CAP_${u}`; };
  const logOpts: [string, string][] = (f.logOpt ?? []).map((o) => { const eq = o.indexOf('='); return eq < 0 ? [o, ''] : [o.slice(0, eq), o.slice(eq + 1)]; });
  const tmpfs: [string, string][] = (f.tmpfs ?? []).map((t) => { const i = t.indexOf(':'); return i < 0 ? [t, ''] : [t.slice(0, i), t.slice(i + 1)]; });
  const sysctls: [string, string][] = (f.sysctl ?? []).map((o) => { const eq = o.indexOf('='); return [o.slice(0, eq), o.slice(eq + 1)]; });

  let entrypoint: string[] | null = null;
  if (f.entrypoint !== undefined) entrypoint = [f.entrypoint];

  const config: Record<string, unknown> = {
    Hostname: f.hostname ?? '', Domainname: f.domainname ?? '', User: f.user ?? '',
    AttachStdin: attachStdin, AttachStdout: attachStdout, AttachStderr: attachStderr,
  };
  if (exposed.length) config.ExposedPorts = sortedMap(exposed);
  Object.assign(config, {
    Tty: Boolean(f.tty), OpenStdin: Boolean(f.interactive), StdinOnce: Boolean(f.interactive) && attachStdin,
    Env: env.length ? env : null, Cmd: c.args.length ? c.args : null,
  });
  if (Object.keys(health).length) config.Healthcheck = health;
  Object.assign(config, {
    Image: c.image, Volumes: sortedMap(volumes), WorkingDir: f.workdir ?? '', Entrypoint: entrypoint, OnBuild: null,
    Labels: sortedMap(labels),
  });
  if (f.stopSignal) config.StopSignal = f.stopSignal;
  if (f.stopTimeout !== undefined) config.StopTimeout = f.stopTimeout;

  const host: Record<string, unknown> = {
    Binds: binds.length ? binds : null, ContainerIDFile: f.cidfile ?? '',
    LogConfig: { Type: f.logDriver ?? '', Config: sortedMap(logOpts) },
    NetworkMode: networkMode, PortBindings: sortedMap([...bindings.entries()]), RestartPolicy: parseRestart(f.restart ?? 'no'),
    AutoRemove: Boolean(f.rm), VolumeDriver: '', VolumesFrom: f.volumesFrom?.length ? f.volumesFrom : null,
    ConsoleSize: f.tty ? c.consoleSize : [0, 0],
    CapAdd: f.capAdd?.length ? f.capAdd.map(capName) : null, CapDrop: f.capDrop?.length ? f.capDrop.map(capName) : null,
    CgroupnsMode: '', Dns: f.dns ?? [], DnsOptions: f.dnsOption ?? [], DnsSearch: f.dnsSearch ?? [],
    ExtraHosts: f.addHost?.length ? f.addHost : null, GroupAdd: f.groupAdd?.length ? f.groupAdd : null,
    IpcMode: f.ipc ?? '', Cgroup: '', Links: null, OomScoreAdj: 0, PidMode: f.pid ?? '', Privileged: Boolean(f.privileged),
    PublishAllPorts: Boolean(f.publishAll), ReadonlyRootfs: Boolean(f.readOnly),
    SecurityOpt: f.securityOpt?.length ? f.securityOpt : null,
  };
  if (tmpfs.length) host.Tmpfs = sortedMap(tmpfs);
  Object.assign(host, { UTSMode: f.uts ?? '', UsernsMode: f.userns ?? '', ShmSize: f.shmSize ?? 0 });
  if (sysctls.length) host.Sysctls = sortedMap(sysctls);
  if (f.runtime) host.Runtime = f.runtime;
  Object.assign(host, {
    Isolation: '', CpuShares: f.cpuShares ?? 0, Memory: f.memory ?? 0, NanoCpus: f.cpus ? Math.round(f.cpus * 1e9) : 0,
    CgroupParent: '', BlkioWeight: 0, BlkioWeightDevice: [], BlkioDeviceReadBps: [], BlkioDeviceWriteBps: [],
    BlkioDeviceReadIOps: [], BlkioDeviceWriteIOps: [], CpuPeriod: f.cpuPeriod ?? 0, CpuQuota: f.cpuQuota ?? 0,
    CpuRealtimePeriod: 0, CpuRealtimeRuntime: 0, CpusetCpus: f.cpusetCpus ?? '', CpusetMems: f.cpusetMems ?? '', Devices: [],
    DeviceCgroupRules: null, DeviceRequests: null, MemoryReservation: f.memoryReservation ?? 0, MemorySwap: f.memorySwap ?? 0,
    MemorySwappiness: f.memorySwappiness ?? -1, OomKillDisable: Boolean(f.oomKillDisable), PidsLimit: f.pidsLimit ?? 0,
    Ulimits: (f.ulimit ?? []).map(parseUlimit), CpuCount: 0, CpuPercent: 0, IOMaximumIOps: 0, IOMaximumBandwidth: 0,
  });
  if (f.mount?.length) host.Mounts = f.mount.map(parseMount);
  Object.assign(host, { MaskedPaths: null, ReadonlyPaths: null });
  if (f.init) host.Init = true;

  return { ...config, HostConfig: host, NetworkingConfig: { EndpointsConfig: endpoints } };
}
