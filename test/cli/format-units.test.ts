// Units of docker's text formatting: tabwriter layout, go-units sizes and durations, ports,
// Go quoting/ellipsis, stats arithmetic, and create-flag parsers.
import { describe, expect, it } from 'vitest';
import { tabwrite } from '../../src/cli/format/tabwriter.js';
import { bytesSize, formatG, humanDuration, humanSize, humanSizeWithPrecision, parseGoDuration, ramInBytes } from '../../src/cli/format/human-units.js';
import { displayablePorts } from '../../src/cli/format/ports.js';
import { ellipsis, goQuote, truncateId } from '../../src/cli/format/go-strings.js';
import { computeStats } from '../../src/cli/format/stats-context.js';
import { parsePublish, parseRestart, parseUlimit, parseMount } from '../../src/cli/commands/create-options.js';
import { familiarString, parseReference } from '../../src/cli/format/references.js';
import { loadFixture } from './replay-daemon.js';

describe('tabwrite (minwidth 10, padding 3)', () => {
  it('lays out the ps table exactly as docker printed it', () => {
    const f = loadFixture('ps-a');
    const rows = f.stdout.trimEnd().split('\n').map((l) => l.split(/ {2,}/));
    // rebuild the cells (the empty PORTS cell shows as a wide gap) and lay them out again
    const cells = [
      ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'],
      ...rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4], '', r[5]]),
    ];
    expect(tabwrite(cells.map((c) => c.join('\t')).join('\n') + '\n')).toBe(f.stdout);
  });

  it('gives short columns the minimum width and leaves the last cell unpadded', () => {
    expect(tabwrite('A\tBB\tC\nlonger-cell\tx\ty\n')).toBe('A             BB        C\nlonger-cell   x         y\n');
  });

  it('computes column widths per block of lines that have the cell', () => {
    expect(tabwrite('a\tb\nno-tabs-here\naaaaaaaaaaaaaa\tc\n')).toBe('a         b\nno-tabs-here\naaaaaaaaaaaaaa   c\n');
  });
});

describe('go-units', () => {
  it('HumanSize / HumanSizeWithPrecision / BytesSize', () => {
    expect(humanSizeWithPrecision(1984000, 3)).toBe('1.98MB');
    expect(humanSize(1984000)).toBe('1.984MB');
    expect(humanSize(4096)).toBe('4.096kB');
    expect(humanSize(0)).toBe('0B');
    expect(humanSizeWithPrecision(999999, 3)).toBe('1e+03kB');
    expect(bytesSize(614400)).toBe('600KiB');
    expect(bytesSize(25275953152)).toBe('23.54GiB');
    expect(bytesSize(8 * 1024 * 1024)).toBe('8MiB');
    expect(formatG(8.3, 3)).toBe('8.3');
  });

  it('HumanDuration follows the go-units table', () => {
    const s = 1000;
    expect(humanDuration(500)).toBe('Less than a second');
    expect(humanDuration(1 * s)).toBe('1 second');
    expect(humanDuration(59 * s)).toBe('59 seconds');
    expect(humanDuration(60 * s)).toBe('About a minute');
    expect(humanDuration(59 * 60 * s)).toBe('59 minutes');
    expect(humanDuration(90 * 60 * s)).toBe('2 hours');
    expect(humanDuration(60 * 60 * s)).toBe('About an hour');
    expect(humanDuration(47 * 3600 * s)).toBe('47 hours');
    expect(humanDuration(3 * 86400 * s)).toBe('3 days');
    expect(humanDuration(20 * 86400 * s)).toBe('2 weeks');
    expect(humanDuration(90 * 86400 * s)).toBe('3 months');
    expect(humanDuration(800 * 86400 * s)).toBe('2 years');
  });

  it('parses sizes and durations like docker flags', () => {
    expect(ramInBytes('64m')).toBe(67108864);
    expect(ramInBytes('1g')).toBe(1073741824);
    expect(ramInBytes('512')).toBe(512);
    expect(() => ramInBytes('abc')).toThrow("invalid size: 'abc'");
    expect(parseGoDuration('1m30s')).toBe(90e9);
    expect(parseGoDuration('100ms')).toBe(100e6);
    expect(() => parseGoDuration('5')).toThrow('missing unit');
  });
});

describe('docker display helpers', () => {
  it('renders ports like DisplayablePorts', () => {
    expect(displayablePorts([
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
    ])).toBe('0.0.0.0:8080->80/tcp, [::]:8080->80/tcp');
    expect(displayablePorts([{ PrivatePort: 80, Type: 'tcp' }, { PrivatePort: 81, Type: 'tcp' }, { PrivatePort: 53, Type: 'udp' }])).toBe('53/udp, 80-81/tcp');
    expect(displayablePorts([])).toBe('');
  });

  it('quotes and ellipsises commands like Go', () => {
    expect(goQuote(ellipsis("sh -c 'echo out1; echo err1 >&2; exit 3'", 20))).toBe('"sh -c \'echo out1; e…"');
    expect(goQuote('a"b\\c\n')).toBe('"a\\"b\\\\c\\n"');
    expect(truncateId('sha256:f067699c541238de05446b3c99e8f6a23ba37ea2360dfebf4d611b827bcadf90')).toBe('f067699c5412');
  });

  it('normalises references to docker.io/library form and back', () => {
    expect(parseReference('busybox')).toEqual({ repository: 'docker.io/library/busybox', tag: undefined, digest: undefined });
    expect(parseReference('myrepo/bb:v2')).toEqual({ repository: 'docker.io/myrepo/bb', tag: 'v2', digest: undefined });
    expect(parseReference('localhost:5000/x:1').repository).toBe('localhost:5000/x');
    expect(familiarString(parseReference('docker.io/library/alpine:3'))).toBe('alpine:3');
    expect(() => parseReference('Bad')).toThrow('invalid reference format');
  });

  it('computes stats like docker (CPU delta × CPUs, memory minus inactive_file)', () => {
    const n = computeStats({
      id: 'c0ffee000000aaaa', name: '/web',
      cpu_stats: { cpu_usage: { total_usage: 2_000_000_000, usage_in_kernelmode: 0, usage_in_usermode: 0 }, system_cpu_usage: 16_000_000_000, online_cpus: 2, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } },
      precpu_stats: { cpu_usage: { total_usage: 1_000_000_000, usage_in_kernelmode: 0, usage_in_usermode: 0 }, system_cpu_usage: 8_000_000_000, online_cpus: 2, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } },
      memory_stats: { usage: 10 * 1024 * 1024, limit: 64 * 1024 * 1024, stats: { inactive_file: 2 * 1024 * 1024 } },
      networks: { eth0: { rx_bytes: 1000, tx_bytes: 2000, rx_packets: 0, rx_errors: 0, rx_dropped: 0, tx_packets: 0, tx_errors: 0, tx_dropped: 0 }, eth1: { rx_bytes: 500, tx_bytes: 1000, rx_packets: 0, rx_errors: 0, rx_dropped: 0, tx_packets: 0, tx_errors: 0, tx_dropped: 0 } },
      blkio_stats: { io_service_bytes_recursive: [{ major: 8, minor: 0, op: 'read', value: 1_050_000 }, { major: 8, minor: 0, op: 'Write', value: 2_100_000 }] },
      pids_stats: { current: 3 }, read: '', preread: '', num_procs: 0,
    });
    expect(n.cpuPercent).toBe(25);
    expect(n.memory).toBe(8 * 1024 * 1024);
    expect(n.memoryPercent).toBe(12.5);
    expect([n.networkRx, n.networkTx, n.blockRead, n.blockWrite, n.pids]).toEqual([1500, 3000, 1_050_000, 2_100_000, 3]);
  });
});

describe('run/create flag parsers', () => {
  it('parses -p like docker', () => {
    expect(parsePublish('8080:80')).toEqual([{ key: '80/tcp', binding: { HostIp: '', HostPort: '8080' } }]);
    expect(parsePublish('127.0.0.1:8081:81/udp')).toEqual([{ key: '81/udp', binding: { HostIp: '127.0.0.1', HostPort: '8081' } }]);
    expect(parsePublish('9000')).toEqual([{ key: '9000/tcp', binding: { HostIp: '', HostPort: '' } }]);
    expect(parsePublish('8000-8001:80-81').map((p) => `${p.binding.HostPort}->${p.key}`)).toEqual(['8000->80/tcp', '8001->81/tcp']);
    expect(() => parsePublish('x:y')).toThrow('invalid containerPort');
  });

  it('parses --ulimit, --restart and --mount', () => {
    expect(parseUlimit('nofile=1024:2048')).toEqual({ Name: 'nofile', Hard: 2048, Soft: 1024 });
    expect(parseRestart('on-failure:3')).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
    expect(() => parseRestart('sometimes')).toThrow('invalid restart policy');
    expect(parseMount('type=bind,source=/tmp,target=/b,readonly')).toEqual({ Type: 'bind', Source: '/tmp', Target: '/b', ReadOnly: true });
  });
});
