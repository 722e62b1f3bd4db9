// Pure parts of the engine: Docker's time texts, generated names, json-file line splitting and
// log filters, config merging and cgroup conversions.
import { describe, expect, it } from 'vitest';
import { humanDuration, parseRfc3339, rfc3339Nano, ZERO_TIME } from './time-format.js';
import { ADJECTIVES, SURNAMES, generateName, VALID_NAME } from './names.js';
import { applyFilters, LineSplitter, type JsonLogEntry } from './json-log.js';
import { mergeConfig, mergeEnv } from '../container/create.js';
import { capabilities, cgroupResources, sharesToWeight, processEnv } from '../container/spec-builder.js';
import { computeChanges } from '../container/filesystem.js';
import type { TreeEntry } from '../../abi/index.js';

describe('time texts', () => {
  it('formats RFC3339Nano like Go (trailing zeros dropped) and parses it back', () => {
    expect(rfc3339Nano(1_700_000_000_120_000_000n)).toBe('2023-11-14T22:13:20.12Z');
    expect(rfc3339Nano(1_700_000_000_000_000_000n)).toBe('2023-11-14T22:13:20Z');
    expect(rfc3339Nano(undefined)).toBe(ZERO_TIME);
    expect(parseRfc3339('2023-11-14T22:13:20.123456789Z')).toBe(1_700_000_000_123_456_789n);
    expect(parseRfc3339(ZERO_TIME)).toBeUndefined();
  });

  it('humanises durations like go-units', () => {
    const s = (n: number) => BigInt(n) * 1_000_000_000n;
    expect(humanDuration(0n)).toBe('Less than a second');
    expect(humanDuration(s(1))).toBe('1 second');
    expect(humanDuration(s(45))).toBe('45 seconds');
    expect(humanDuration(s(90))).toBe('About a minute');
    expect(humanDuration(s(600))).toBe('10 minutes');
    expect(humanDuration(s(3600))).toBe('About an hour');
    expect(humanDuration(s(5 * 3600))).toBe('5 hours');
    expect(humanDuration(s(3 * 86400))).toBe('3 days');
  });
});

describe('names', () => {
  it('are adjective_surname from ~50-word lists, with a digit after retries', () => {
    expect(ADJECTIVES.length).toBeGreaterThanOrEqual(50);
    expect(SURNAMES.length).toBeGreaterThanOrEqual(50);
    let i = 0;
    const seq = [3, 7, 4];
    const name = generateName((n) => seq[i++ % seq.length] % n, 1);
    expect(name).toBe(`${ADJECTIVES[3]}_${SURNAMES[7]}4`);
    expect(VALID_NAME.test(name)).toBe(true);
    expect(VALID_NAME.test('-bad')).toBe(false);
  });
});

describe('json-file log', () => {
  it('splits output into lines and keeps a partial line until EOF', () => {
    const s = new LineSplitter();
    const enc = new TextEncoder();
    expect(s.push(enc.encode('a\nb'))).toEqual(['a\n']);
    expect(s.push(enc.encode('c\nd'))).toEqual(['bc\n']);
    expect(s.flush()).toEqual(['d']);
  });

  it('filters by stream, since/until and tail', () => {
    const e = (log: string, stream: 'stdout' | 'stderr', sec: number): JsonLogEntry => ({ log, stream, time: rfc3339Nano(BigInt(sec) * 1_000_000_000n) });
    const all = [e('1', 'stdout', 10), e('2', 'stderr', 20), e('3', 'stdout', 30), e('4', 'stdout', 40)];
    const both = { stdout: true, stderr: true };
    expect(applyFilters(all, { ...both, tail: 2 }).map((x) => x.log)).toEqual(['3', '4']);
    expect(applyFilters(all, { stdout: true, stderr: false }).map((x) => x.log)).toEqual(['1', '3', '4']);
    expect(applyFilters(all, { ...both, since: 20, until: 30 }).map((x) => x.log)).toEqual(['2', '3']);
    expect(applyFilters(all, { ...both, tail: 0 })).toEqual([]);
  });
});

describe('container config', () => {
  it('merges the request over the image like moby', () => {
    const image = { Env: ['PATH=/bin', 'A=1'], Cmd: ['sh'], Entrypoint: ['/init'], WorkingDir: '/w', Labels: { a: '1' } };
    const c = mergeConfig({ Image: 'x', Env: ['A=2', 'B=3'], Labels: { b: '2' } }, image, 'abcdef0123456789');
    expect(c).toMatchObject({ Env: ['PATH=/bin', 'A=2', 'B=3'], Cmd: ['sh'], Entrypoint: ['/init'], WorkingDir: '/w', Hostname: 'abcdef012345', Labels: { a: '1', b: '2' } });
    expect(mergeConfig({ Image: 'x', Entrypoint: ['/other'] }, image, 'id').Cmd).toBeUndefined();
    expect(mergeConfig({ Image: 'x', Cmd: ['ls'] }, image, 'id').Cmd).toEqual(['ls']);
    expect(mergeEnv(['A=1'], ['A=2'])).toEqual(['A=2']);
  });

  it('computes capabilities, cgroup limits and the process environment', () => {
    expect(capabilities({ Privileged: true })).toBeUndefined();
    const caps = capabilities({ CapAdd: ['NET_ADMIN'], CapDrop: ['CAP_CHOWN'] })!;
    expect(caps).toContain('NET_ADMIN');
    expect(caps).not.toContain('CHOWN');
    expect(caps).toContain('KILL');
    expect(cgroupResources({ NanoCpus: 1.5e9, Memory: 64 << 20, PidsLimit: 10, CpuShares: 1024, CpusetCpus: '0' })).toEqual({
      cpuMax: '150000 100000', memoryMax: 64 << 20, pidsMax: 10, cpuWeight: 39, cpusetCpus: '0',
    });
    expect(sharesToWeight(2)).toBe(1);
    expect(sharesToWeight(262144)).toBe(10000);
    const env = processEnv({ id: 'f'.repeat(64), config: { Hostname: 'h', Env: ['PATH=/x', 'Y=1'] } } as never);
    expect(env).toEqual(['HOSTNAME=h', 'PATH=/x', 'Y=1']);
  });
});

describe('filesystem changes', () => {
  const f = (path: string, data = '', mtimeMs = 0): TreeEntry => ({ path, type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs, data: new TextEncoder().encode(data) });
  const d = (path: string): TreeEntry => ({ path, type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0 });
  it('reports added, changed and deleted paths, parents as changed, only the top of a deleted tree', () => {
    const image = new Map([d('a'), f('a/x', '1'), d('gone'), f('gone/y'), f('keep')].map((e) => [e.path, e]));
    const now = new Map([d('a'), f('a/x', '2'), d('a/new'), f('keep')].map((e) => [e.path, e]));
    expect(Object.fromEntries(computeChanges(now, image))).toEqual({ 'a/x': 0, a: 0, 'a/new': 1, gone: 2 });
  });
});
