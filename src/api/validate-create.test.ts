// Tests of the create-body validator: Go-like type errors naming the field, moby value checks.
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { parseContainerCreateRequest, validateContainerCreateRequest } from './validate-create.js';

function errorOf(fn: () => unknown): ApiError {
  try { fn(); } catch (e) { return e as ApiError; }
  throw new Error('expected a throw');
}

const cliBody = {
  Hostname: '', User: '', AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false,
  OpenStdin: false, StdinOnce: false, Env: null, Cmd: ['echo', 'hi'], Image: 'alpine', Volumes: {},
  WorkingDir: '', Entrypoint: null, OnBuild: null, Labels: {},
  HostConfig: {
    Binds: ['vol:/data'], ContainerIDFile: '', LogConfig: { Type: '', Config: {} }, NetworkMode: 'default',
    PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] }, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 },
    AutoRemove: true, Memory: 67108864, NanoCpus: 500000000, CpuShares: 512, PidsLimit: 20, MemorySwappiness: null,
    ConsoleSize: [0, 0], Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }], Tmpfs: { '/run': 'size=64m' },
    CapAdd: ['CAP_NET_ADMIN'], SomeFutureField: 7,
  },
  NetworkingConfig: { EndpointsConfig: { default: { Aliases: ['web'] } } },
  Unknown: { x: 1 },
};

describe('validateContainerCreateRequest', () => {
  it('accepts the body the docker CLI sends and drops unknown fields', () => {
    const out = validateContainerCreateRequest(cliBody);
    expect(out.Cmd).toEqual(['echo', 'hi']);
    expect(out.HostConfig?.Memory).toBe(67108864);
    expect(out.HostConfig?.PortBindings).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '8080' }] });
    expect(out.NetworkingConfig?.EndpointsConfig?.default.Aliases).toEqual(['web']);
    expect('Unknown' in out).toBe(false);
    expect('SomeFutureField' in (out.HostConfig ?? {})).toBe(false);
  });

  it('wraps a string Cmd into an array, as Go strslice does', () => {
    expect(validateContainerCreateRequest({ Image: 'a', Cmd: 'ls' }).Cmd).toEqual(['ls']);
  });

  it('names the field with the wrong type', () => {
    const e = errorOf(() => validateContainerCreateRequest({ Image: 'a', HostConfig: { Memory: 'abc' } }));
    expect(e.kind).toBe('invalid-parameter');
    expect(e.message).toBe('invalid JSON: json: cannot unmarshal string into Go struct field HostConfig.Memory of type int64');
    expect(errorOf(() => validateContainerCreateRequest({ Image: 'a', Env: ['A=1', 3] })).message).toContain('field Env');
    expect(errorOf(() => validateContainerCreateRequest({ Image: 'a', HostConfig: { NanoCpus: 1.5 } })).message)
      .toContain('number 1.5 into Go struct field HostConfig.NanoCpus');
    expect(errorOf(() => validateContainerCreateRequest({ Image: 'a', HostConfig: { Ulimits: [{ Name: 1 }] } })).message)
      .toContain('HostConfig.Ulimits.Name');
  });

  it('rejects non-objects and malformed JSON text', () => {
    expect(errorOf(() => validateContainerCreateRequest([1])).kind).toBe('invalid-parameter');
    expect(errorOf(() => parseContainerCreateRequest('')).message).toBe('invalid JSON: got EOF while reading request body');
    expect(errorOf(() => parseContainerCreateRequest('{"Image":')).message).toMatch(/^invalid JSON: /);
  });

  it('applies moby value checks', () => {
    const hc = (h: object) => errorOf(() => validateContainerCreateRequest({ Image: 'a', HostConfig: h })).message;
    expect(hc({ Memory: 1024 })).toBe('Minimum memory limit allowed is 6MB');
    expect(hc({ NanoCpus: 1e9, CpuQuota: 1000 })).toBe('Conflicting options: Nano CPUs and CPU Quota cannot both be set');
    expect(hc({ RestartPolicy: { Name: 'foo' } })).toMatch(/unknown policy 'foo'/);
    expect(hc({ AutoRemove: true, RestartPolicy: { Name: 'always' } })).toBe("can't create 'AutoRemove' container with restart policy");
    expect(hc({ Ulimits: [{ Name: 'nofile', Soft: 10, Hard: 5 }] })).toMatch(/soft limit/);
    expect(errorOf(() => validateContainerCreateRequest({ Cmd: ['x'] })).kind).toBe('invalid-parameter');
  });
});
