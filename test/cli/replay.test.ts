// Command-level tests: each fixture is a docker 28 command recorded against the real engine
// (tools/record-fixtures.mjs). skiff runs the same command line against a fake daemon that
// replays the engine's answers; stdout, stderr (docker → skiff) and the exit code must match
// what docker printed, and the requests must be the ones docker sent.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runSkiff } from './cli-harness.js';
import { loadFixture, startReplayDaemon, type ReplayDaemon } from './replay-daemon.js';

let daemon: ReplayDaemon | undefined;
// create-misc was recorded with `--env-file /tmp/skiff-envfile` holding E1=x (its create body
// carries Env ["E1=x"]); the CLI reads the file before it sends anything.
beforeAll(() => writeFileSync('/tmp/skiff-envfile', 'E1=x\n'));
afterEach(async () => { await daemon?.close(); daemon = undefined; });

const unversioned = (url: string) => url.replace(/^\/v\d+\.\d+\//, '/');

/** Replays a fixture; returns what skiff printed and which requests it made. */
async function replay(name: string, nowOffsetMs = 100) {
  const f = loadFixture(name);
  daemon = await startReplayDaemon(f.exchanges);
  const result = await runSkiff(daemon.socketPath, f.args, { stdin: f.stdin, now: f.recordedAt + nowOffsetMs });
  const sent = daemon.seen.filter((r) => r.url !== '/_ping').map((r) => `${r.method} ${unversioned(r.url)}`);
  const docker = f.exchanges.filter((e) => e.url !== '/_ping').map((e) => `${e.method} ${unversioned(e.url)}`);
  return { f, result, sent, docker };
}

const asSkiff = (text: string) => text.replace(/\bdocker\b/g, 'skiff');

/** Milliseconds between recording start and docker's clock reading, where the default is off. */
const nowOffset: Record<string, number> = { 'ps-paused': 0 };

/** Fixtures whose output skiff must reproduce byte for byte (stdout, stderr, exit code, requests). */
const exact = [
  'ps', 'ps-a', 'ps-a-notrunc', 'ps-q', 'ps-s', 'ps-l', 'ps-n', 'ps-filter', 'ps-format-names', 'ps-format-table',
  'ps-format-json', 'ps-format-json-kw', 'ps-format-label', 'ps-paused', 'container-ls',
  'images', 'images-q', 'images-notrunc', 'images-json', 'images-ref', 'image-ls', 'history', 'history-notrunc',
  'image-inspect', 'inspect-container', 'inspect-format', 'inspect-type-image', 'container-inspect-nope',
  'run-echo', 'run-exit3', 'run-stdin', 'run-d', 'run-conflict', 'run-notfound', 'run-nosuchimage',
  'create-simple', 'create-health', 'create-net-bridge', 'create-net-user',
  'exec', 'exec-exit', 'exec-stdin', 'exec-d', 'exec-nope',
  'logs', 'logs-tail', 'logs-t', 'top', 'port', 'stats', 'stats-format', 'wait', 'diff',
  'stop-nope', 'rm-f-nope', 'start-nope', 'rm-running', 'rmi-nope', 'tag', 'rmi-tag', 'pause', 'unpause', 'rename', 'restart', 'kill',
  'system-df', 'version-format', 'info-format', 'events',
];

describe('skiff replays docker 28 behaviour recorded from the real engine', () => {
  for (const name of exact) {
    it(name, async () => {
      const { f, result, sent, docker } = await replay(name, nowOffset[name]);
      expect(result.stdout).toBe(f.stdout);
      expect(result.stderr).toBe(asSkiff(f.stderr));
      expect(result.code).toBe(f.rc);
      expect(sent).toEqual(docker);
    });
  }

  it('sends create bodies byte-identical to docker (run, create, exec)', async () => {
    for (const name of ['run-echo', 'run-d', 'run-stdin', 'create-simple', 'create-flags', 'create-misc', 'create-health', 'create-net-bridge', 'create-net-user', 'exec-exit', 'exec-d']) {
      const { f } = await replay(name);
      const bodies = (await Promise.resolve(daemon!.seen)).filter((r) => /\/(containers\/create|containers\/[^/]+\/exec)/.test(r.url)).map((r) => r.body.toString('utf8'));
      const expected = f.exchanges.filter((e) => /\/(containers\/create|containers\/[^/]+\/exec)/.test(e.url)).map((e) => e.reqBody?.text ?? '');
      expect(bodies, name).toEqual(expected);
      await daemon!.close();
      daemon = undefined;
    }
  });
});

describe('usage errors read like docker', () => {
  for (const name of ['run-badflag', 'stop-noargs', 'unknown-cmd', 'usage-ps-arg', 'usage-rename', 'usage-port', 'usage-ps-n',
    'usage-ps-last', 'usage-ps-z', 'usage-run-m', 'usage-logs', 'usage-exec', 'usage-image-frob', 'usage-container-ls-x']) {
    it(name, async () => {
      const f = loadFixture(name);
      daemon = await startReplayDaemon([]);
      const result = await runSkiff(daemon.socketPath, f.args);
      expect(result.stderr).toBe(asSkiff(f.stderr));
      expect(result.code).toBe(f.rc);
      expect(result.stdout).toBe(f.stdout);
    });
  }
});
