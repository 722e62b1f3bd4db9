// `skiff run` flows beyond the recorded fixtures: pull-on-create (docker's captured exchange,
// docker-api.md §5.4) and -it on a terminal (console size, stdin=1, raw mode, resize).
import { afterEach, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { encodeFrame } from '../../src/client/index.js';
import { buildProgram } from '../../src/cli/program.js';
import { CliContext } from '../../src/cli/cli-context.js';
import { runSkiff } from './cli-harness.js';
import { startReplayDaemon, type Exchange, type ReplayDaemon } from './replay-daemon.js';

let daemon: ReplayDaemon | undefined;
afterEach(async () => { await daemon?.close(); daemon = undefined; });

const CID = 'c0ffee00000000000000000000000000000000000000000000000000000000aa';
const json = (status: number, body: unknown): Partial<Exchange> => ({ status, resHeaders: { 'content-type': 'application/json' }, resBody: { text: JSON.stringify(body) + '\n' } });
const upgrade = (contentType: string, stream: Buffer): Partial<Exchange> => ({
  upgrade: true,
  fromEngine: { base64: Buffer.concat([Buffer.from(`HTTP/1.1 101 UPGRADED\r\nContent-Type: ${contentType}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n`), stream]).toString('base64') },
});
const ex = (method: string, url: string, rest: Partial<Exchange>): Exchange => ({ seq: 0, method, url, ...rest });
const ping = ex('HEAD', '/_ping', { status: 200, resHeaders: { 'api-version': '1.50' } });

describe('skiff run', () => {
  it('pulls on "No such image" like docker and retries the create', async () => {
    const pull = [
      { status: 'Pulling from library/alpine', id: 'latest' },
      { status: 'Pulling fs layer', progressDetail: {}, id: 'aaaabbbbcccc' },
      { status: 'Downloading', progressDetail: { current: 10, total: 100 }, progress: '[=>   ]', id: 'aaaabbbbcccc' },
      { status: 'Download complete', progressDetail: {}, id: 'aaaabbbbcccc' },
      { status: 'Pull complete', progressDetail: {}, id: 'aaaabbbbcccc' },
      { status: 'Digest: sha256:abab' },
      { status: 'Status: Downloaded newer image for alpine:latest' },
    ].map((m) => JSON.stringify(m) + '\r\n').join('');
    daemon = await startReplayDaemon([
      ping,
      ex('POST', '/v1.50/containers/create', json(404, { message: 'No such image: alpine:latest' })),
      ex('POST', '/v1.50/containers/create', json(201, { Id: CID, Warnings: [] })),
      ex('POST', '/v1.50/images/create?fromImage=docker.io%2Flibrary%2Falpine&tag=latest', { status: 200, resHeaders: { 'content-type': 'application/json' }, resBody: { text: pull } }),
      ex('POST', `/v1.50/containers/${CID}/attach?stderr=1&stdout=1&stream=1`, upgrade('application/vnd.docker.multiplexed-stream', Buffer.concat([encodeFrame(1, 'hi\n'), encodeFrame(2, 'to-stderr\n')]))),
      ex('POST', `/v1.50/containers/${CID}/wait?condition=removed`, json(200, { StatusCode: 0, Error: null })),
      ex('POST', `/v1.50/containers/${CID}/start`, { status: 204 }),
    ]);
    const res = await runSkiff(daemon.socketPath, ['run', '--rm', 'alpine', 'echo', 'hi']);
    expect(res.stdout).toBe('hi\n');
    expect(res.stderr).toBe([
      "Unable to find image 'alpine:latest' locally", 'latest: Pulling from library/alpine', 'aaaabbbbcccc: Pulling fs layer',
      'aaaabbbbcccc: Download complete', 'aaaabbbbcccc: Pull complete', 'Digest: sha256:abab',
      'Status: Downloaded newer image for alpine:latest', 'to-stderr', '',
    ].join('\n'));
    expect(res.code).toBe(0);
    expect(daemon.seen.filter((r) => r.url !== '/_ping').map((r) => `${r.method} ${r.url.split('?')[0].replace(CID, 'CID')}`)).toEqual([
      'POST /v1.50/containers/create', 'POST /v1.50/images/create', 'POST /v1.50/containers/create',
      'POST /v1.50/containers/CID/attach', 'POST /v1.50/containers/CID/wait', 'POST /v1.50/containers/CID/start',
    ]);
  });

  it('a pull errorDetail fails the run with 125', async () => {
    daemon = await startReplayDaemon([
      ping,
      ex('POST', '/v1.50/containers/create', json(404, { message: 'No such image: nope:latest' })),
      ex('POST', '/v1.50/images/create?fromImage=docker.io%2Flibrary%2Fnope&tag=latest', { status: 200, resHeaders: { 'content-type': 'application/json' }, resBody: { text: '{"errorDetail":{"message":"pull access denied for nope"},"error":"pull access denied for nope"}\n' } }),
    ]);
    const res = await runSkiff(daemon.socketPath, ['run', 'nope']);
    expect(res.code).toBe(125);
    expect(res.stderr).toBe("Unable to find image 'nope:latest' locally\nskiff: pull access denied for nope\n\nRun 'skiff run --help' for more information\n");
  });

  it('-it on a terminal: console size, stdin attached, raw mode, resize after start', async () => {
    daemon = await startReplayDaemon([
      ping,
      ex('POST', '/v1.50/containers/create', json(201, { Id: CID, Warnings: [] })),
      ex('POST', `/v1.50/containers/${CID}/attach?stderr=1&stdin=1&stdout=1&stream=1`, upgrade('application/vnd.docker.raw-stream', Buffer.from('/ # exit\r\n'))),
      ex('POST', `/v1.50/containers/${CID}/wait?condition=next-exit`, json(200, { StatusCode: 0, Error: null })),
      ex('POST', `/v1.50/containers/${CID}/start`, { status: 204 }),
      ex('POST', `/v1.50/containers/${CID}/resize?h=40&w=120`, { status: 200 }),
    ]);
    const rawModes: boolean[] = [];
    const res = await runSkiff(daemon.socketPath, ['run', '-it', 'alpine', 'sh'], { stdin: 'exit\r', tty: { rows: 40, columns: 120, rawModes } });
    expect(res.stdout).toBe('/ # exit\r\n');
    expect(res.code).toBe(0);
    const create = JSON.parse(daemon.seen.find((r) => r.url.includes('/containers/create'))!.body.toString());
    expect(create).toMatchObject({ Tty: true, OpenStdin: true, StdinOnce: true, AttachStdin: true, HostConfig: { ConsoleSize: [40, 120] } });
    expect(rawModes).toEqual([true, false]);
    await new Promise((r) => setTimeout(r, 20));
    expect(daemon.seen.some((r) => r.url.endsWith('/resize?h=40&w=120'))).toBe(true);
  });
});

describe('--help', () => {
  it('every command prints its usage and exits 0', async () => {
    const paths: string[][] = [];
    const walk = (cmd: Command, prefix: string[]) => {
      for (const sub of cmd.commands) { paths.push([...prefix, sub.name()]); walk(sub, [...prefix, sub.name()]); }
    };
    walk(buildProgram(new CliContext({} as never)), []);
    expect(paths.length).toBeGreaterThan(60);
    for (const p of paths) {
      const res = await runSkiff('/nonexistent.sock', [...p, '--help']);
      expect(res.code, p.join(' ')).toBe(0);
      expect(res.stdout, p.join(' ')).toContain(`Usage: skiff ${p.join(' ')}`);
    }
  });
});
