// Validator for the body of POST /containers/create: checks JSON types the way Go's decoder
// would (naming the field), drops unknown fields, turns string Cmd/Entrypoint into arrays,
// and applies moby's value checks (memory minimum, CPU conflicts, restart policy).

import { ApiError } from './api-error.js';
import type { ContainerCreateRequest } from './container-create.js';

/** A field type in Go's terms, or a nested schema. */
type FieldType =
  | 'string' | 'bool' | 'int64' | 'int' | 'uint16' | 'strslice' | '[]string' | 'map[string]string' | 'object'
  | { object: Schema; goName: string }
  | { array: FieldType }
  | { map: FieldType };
type Schema = Record<string, FieldType>;

const strs: FieldType = '[]string';
const endpointSettings: Schema = {
  IPAMConfig: { object: { IPv4Address: 'string', IPv6Address: 'string', LinkLocalIPs: strs }, goName: 'EndpointIPAMConfig' },
  Links: strs, Aliases: strs, MacAddress: 'string', DriverOpts: 'map[string]string', GwPriority: 'int',
  NetworkID: 'string', EndpointID: 'string', Gateway: 'string', IPAddress: 'string', IPPrefixLen: 'int',
  IPv6Gateway: 'string', GlobalIPv6Address: 'string', GlobalIPv6PrefixLen: 'int', DNSNames: strs,
};
const configSchema: Schema = {
  Hostname: 'string', Domainname: 'string', User: 'string',
  AttachStdin: 'bool', AttachStdout: 'bool', AttachStderr: 'bool',
  ExposedPorts: { map: 'object' }, Tty: 'bool', OpenStdin: 'bool', StdinOnce: 'bool',
  Env: strs, Cmd: 'strslice',
  Healthcheck: {
    object: { Test: 'strslice', Interval: 'int64', Timeout: 'int64', StartPeriod: 'int64', StartInterval: 'int64', Retries: 'int' },
    goName: 'HealthConfig',
  },
  ArgsEscaped: 'bool', Image: 'string', Volumes: { map: 'object' }, WorkingDir: 'string', Entrypoint: 'strslice',
  NetworkDisabled: 'bool', MacAddress: 'string', OnBuild: strs, Labels: 'map[string]string',
  StopSignal: 'string', StopTimeout: 'int', Shell: 'strslice',
};
const throttle: FieldType = { array: { object: { Path: 'string', Rate: 'int64' }, goName: 'ThrottleDevice' } };
const hostConfigSchema: Schema = {
  Binds: strs, ContainerIDFile: 'string',
  LogConfig: { object: { Type: 'string', Config: 'map[string]string' }, goName: 'LogConfig' },
  NetworkMode: 'string',
  PortBindings: { map: { array: { object: { HostIp: 'string', HostPort: 'string' }, goName: 'PortBinding' } } },
  RestartPolicy: { object: { Name: 'string', MaximumRetryCount: 'int' }, goName: 'RestartPolicy' },
  AutoRemove: 'bool', VolumeDriver: 'string', VolumesFrom: strs, ConsoleSize: { array: 'uint16' },
  Annotations: 'map[string]string', CapAdd: 'strslice', CapDrop: 'strslice', CgroupnsMode: 'string',
  Dns: strs, DnsOptions: strs, DnsSearch: strs, ExtraHosts: strs, GroupAdd: strs, IpcMode: 'string',
  Cgroup: 'string', Links: strs, OomScoreAdj: 'int', PidMode: 'string', Privileged: 'bool',
  PublishAllPorts: 'bool', ReadonlyRootfs: 'bool', SecurityOpt: strs, StorageOpt: 'map[string]string',
  Tmpfs: 'map[string]string', UTSMode: 'string', UsernsMode: 'string', ShmSize: 'int64',
  Sysctls: 'map[string]string', Runtime: 'string', Isolation: 'string',
  Mounts: {
    array: {
      object: {
        Type: 'string', Source: 'string', Target: 'string', ReadOnly: 'bool', Consistency: 'string',
        BindOptions: 'object', VolumeOptions: 'object',
        TmpfsOptions: { object: { SizeBytes: 'int64', Mode: 'int' }, goName: 'TmpfsOptions' },
      },
      goName: 'Mount',
    },
  },
  MaskedPaths: strs, ReadonlyPaths: strs, Init: 'bool',
  CpuShares: 'int64', Memory: 'int64', NanoCpus: 'int64', CgroupParent: 'string', BlkioWeight: 'uint16',
  BlkioWeightDevice: { array: 'object' }, BlkioDeviceReadBps: throttle, BlkioDeviceWriteBps: throttle,
  BlkioDeviceReadIOps: throttle, BlkioDeviceWriteIOps: throttle,
  CpuPeriod: 'int64', CpuQuota: 'int64', CpuRealtimePeriod: 'int64', CpuRealtimeRuntime: 'int64',
  CpusetCpus: 'string', CpusetMems: 'string', Devices: { array: 'object' }, DeviceCgroupRules: strs,
  DeviceRequests: { array: 'object' }, KernelMemory: 'int64', KernelMemoryTCP: 'int64',
  MemoryReservation: 'int64', MemorySwap: 'int64', MemorySwappiness: 'int64', OomKillDisable: 'bool',
  PidsLimit: 'int64', Ulimits: { array: { object: { Name: 'string', Soft: 'int64', Hard: 'int64' }, goName: 'Ulimit' } },
  CpuCount: 'int64', CpuPercent: 'int64', IOMaximumIOps: 'uint16', IOMaximumBandwidth: 'int64',
};
const createSchema: Schema = {
  ...configSchema,
  HostConfig: { object: hostConfigSchema, goName: 'HostConfig' },
  NetworkingConfig: {
    object: { EndpointsConfig: { map: { object: endpointSettings, goName: 'EndpointSettings' } } },
    goName: 'NetworkingConfig',
  },
};

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return `number ${v}`;
  return typeof v;
}

function goTypeName(t: FieldType): string {
  if (typeof t === 'string') {
    return ({ strslice: 'strslice.StrSlice', object: 'struct', int: 'int', uint16: 'uint16' } as Record<string, string>)[t] ?? t;
  }
  if ('object' in t) return `container.${t.goName}`;
  if ('array' in t) return `[]${goTypeName(t.array)}`;
  return `map[string]${goTypeName(t.map)}`;
}

function typeError(value: unknown, field: string, t: FieldType): ApiError {
  return ApiError.invalidParameter(
    `invalid JSON: json: cannot unmarshal ${jsonKind(value)} into Go struct field ${field} of type ${goTypeName(t)}`,
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks `value` against `t`; returns the normalised value. `field` names it in errors. */
function check(value: unknown, t: FieldType, field: string): unknown {
  if (value === null) return null;
  if (typeof t === 'string') {
    switch (t) {
      case 'string': if (typeof value !== 'string') throw typeError(value, field, t); return value;
      case 'bool': if (typeof value !== 'boolean') throw typeError(value, field, t); return value;
      case 'int64': case 'int': case 'uint16':
        if (typeof value !== 'number' || !Number.isInteger(value) || (t === 'uint16' && (value < 0 || value > 65535))) {
          throw typeError(value, field, t);
        }
        return value;
      case 'strslice':
        if (typeof value === 'string') return [value];
        return check(value, '[]string', field);
      case '[]string':
        if (!Array.isArray(value)) throw typeError(value, field, t);
        value.forEach((v) => { if (typeof v !== 'string') throw typeError(v, field, 'string'); });
        return value;
      case 'map[string]string':
        if (!isObject(value)) throw typeError(value, field, t);
        for (const v of Object.values(value)) if (typeof v !== 'string') throw typeError(v, field, 'string');
        return value;
      case 'object':
        if (!isObject(value)) throw typeError(value, field, t);
        return value;
    }
  }
  if ('object' in t) {
    if (!isObject(value)) throw typeError(value, field, t);
    return checkObject(value, t.object, field);
  }
  if ('array' in t) {
    if (!Array.isArray(value)) throw typeError(value, field, t);
    return value.map((v) => check(v, t.array, field));
  }
  if (!isObject(value)) throw typeError(value, field, t);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = check(v, t.map, field);
  return out;
}

function checkObject(value: Record<string, unknown>, schema: Schema, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, t] of Object.entries(schema)) {
    if (!(key in value)) continue;
    out[key] = check(value[key], t, prefix ? `${prefix}.${key}` : key);
  }
  return out;
}

const restartPolicies = ['', 'no', 'always', 'on-failure', 'unless-stopped'];

/** moby's value checks on a type-correct body (daemon/daemon_unix.go, runconfig). */
function checkValues(body: ContainerCreateRequest): void {
  const hc = body.HostConfig ?? {};
  const mem = hc.Memory ?? 0;
  if (mem !== 0 && mem < 6 * 1024 * 1024) throw ApiError.invalidParameter('Minimum memory limit allowed is 6MB');
  if ((hc.NanoCpus ?? 0) > 0 && (hc.CpuPeriod ?? 0) > 0) {
    throw ApiError.invalidParameter('Conflicting options: Nano CPUs and CPU Period cannot both be set');
  }
  if ((hc.NanoCpus ?? 0) > 0 && (hc.CpuQuota ?? 0) > 0) {
    throw ApiError.invalidParameter('Conflicting options: Nano CPUs and CPU Quota cannot both be set');
  }
  if ((hc.NanoCpus ?? 0) < 0) throw ApiError.invalidParameter('Range of CPUs is from 0.01 to the number of CPUs available');
  const period = hc.CpuPeriod ?? 0;
  if (period !== 0 && (period < 1000 || period > 1000000)) {
    throw ApiError.invalidParameter('CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)');
  }
  const quota = hc.CpuQuota ?? 0;
  if (quota > 0 && quota < 1000) throw ApiError.invalidParameter('CPU cfs quota can not be less than 1ms (i.e. 1000)');
  if ((hc.ShmSize ?? 0) < 0) throw ApiError.invalidParameter('SHM size can not be less than 0');
  for (const u of hc.Ulimits ?? []) {
    if (u.Soft > u.Hard) throw ApiError.invalidParameter(`ulimit soft limit must be less than or equal to hard limit: ${u.Soft} > ${u.Hard}`);
  }
  const rp = hc.RestartPolicy;
  if (rp) {
    const name = rp.Name ?? '';
    if (!restartPolicies.includes(name)) {
      throw ApiError.invalidParameter(
        `invalid restart policy: unknown policy '${name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`,
      );
    }
    const count = rp.MaximumRetryCount ?? 0;
    if (count < 0) throw ApiError.invalidParameter('invalid restart policy: maximum retry count cannot be negative');
    if (count > 0 && name !== 'on-failure') {
      throw ApiError.invalidParameter("invalid restart policy: maximum retry count can only be used with 'on-failure'");
    }
    if (hc.AutoRemove && name !== '' && name !== 'no') {
      throw ApiError.invalidParameter("can't create 'AutoRemove' container with restart policy");
    }
  }
  for (const port of Object.keys(hc.PortBindings ?? {})) {
    if (!/^\d+(-\d+)?(\/(tcp|udp|sctp))?$/.test(port)) throw ApiError.invalidParameter(`invalid port specification: "${port}"`);
  }
  if (typeof body.Image !== 'string' || body.Image === '') {
    throw ApiError.invalidParameter('invalid reference format: Image is required');
  }
}

/**
 * Validates a decoded create body. Returns a normalised copy (unknown fields dropped,
 * string Cmd/Entrypoint/CapAdd wrapped in arrays). Throws ApiError invalid-parameter naming
 * the field, e.g. `... Go struct field HostConfig.Memory of type int64`.
 */
export function validateContainerCreateRequest(body: unknown): ContainerCreateRequest {
  if (!isObject(body)) {
    throw ApiError.invalidParameter(`invalid JSON: json: cannot unmarshal ${jsonKind(body)} into Go value of type container.CreateRequest`);
  }
  const out = checkObject(body, createSchema, '') as ContainerCreateRequest;
  checkValues(out);
  return out;
}

/** Parses and validates the raw text of a create body (empty text is Docker's EOF error). */
export function parseContainerCreateRequest(text: string): ContainerCreateRequest {
  if (text.trim() === '') throw ApiError.invalidParameter('invalid JSON: got EOF while reading request body');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw ApiError.invalidParameter(`invalid JSON: ${(e as Error).message}`);
  }
  return validateContainerCreateRequest(raw);
}
