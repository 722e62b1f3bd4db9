// `skiff build` against recorded docker 28 legacy builds: same query, same context entries
// (.dockerignore applied client-side), same output, errorDetail → its exit code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runSkiff } from './cli-harness.js';
import { bytes, loadFixture, startReplayDaemon, type ReplayDaemon } from './replay-daemon.js';
import { DockerIgnore } from '../../src/cli/format/dockerignore.js';

let daemon: ReplayDaemon | undefined;
afterEach(async () => { await daemon?.close(); daemon = undefined; });

/** The context the fixtures were recorded with (see tools/scenarios.mjs). */
let ctxDir: string;
beforeAll(() => {
  ctxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-bctx-'));
  fs.mkdirSync(path.join(ctxDir, 'sub'));
  fs.writeFileSync(path.join(ctxDir, 'Dockerfile'), 'FROM busybox\nARG A\nRUN echo hi $A\nCOPY hello.txt /\n');
  fs.writeFileSync(path.join(ctxDir, 'hello.txt'), 'hello\n');
  fs.writeFileSync(path.join(ctxDir, 'sub/skip.txt'), 'x\n');
  fs.writeFileSync(path.join(ctxDir, 'sub/keep.txt'), 'y\n');
  fs.writeFileSync(path.join(ctxDir, '.dockerignore'), 'sub/skip.txt\n');
  fs.writeFileSync(path.join(ctxDir, '..', path.basename(ctxDir) + '.Dockerfile.bad'), 'FROM busybox\nRUN exit 3\n');
});

async function tarNames(body: Buffer): Promise<string[]> {
  const names: string[] = [];
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => { names.push(header.name); stream.resume(); stream.on('end', next); });
  const done = new Promise((resolve) => extract.on('finish', resolve));
  Readable.from([body]).pipe(extract);
  await done;
  return names;
}

const buildBody = (d: ReplayDaemon) => d.seen.find((r) => r.url.includes('/build?'))!;

describe('skiff build', () => {
  it('sends the context and query docker sends and prints the stream', async () => {
    const f = loadFixture('build');
    daemon = await startReplayDaemon(f.exchanges);
    const res = await runSkiff(daemon.socketPath, [...f.args.slice(0, -1), ctxDir]);
    expect(res.stdout).toBe(f.stdout);
    expect(res.code).toBe(0);
    const sent = buildBody(daemon);
    expect(sent.url).toBe(f.exchanges[1].url);
    expect(await tarNames(sent.body)).toEqual(await tarNames(bytes(f.exchanges[1].reqBody)));
    expect(await tarNames(sent.body)).not.toContain('sub/skip.txt');
  });

  it('-q prints only the image ID', async () => {
    const f = loadFixture('build-q');
    daemon = await startReplayDaemon(f.exchanges);
    const res = await runSkiff(daemon.socketPath, [...f.args.slice(0, -1), ctxDir]);
    expect(res.stdout).toBe(f.stdout);
    expect(buildBody(daemon).url).toBe(f.exchanges[1].url);
  });

  it('a failing step exits with its code, Dockerfile outside the context travels as .dockerfile.<hex>', async () => {
    const f = loadFixture('build-fail');
    daemon = await startReplayDaemon(f.exchanges, (url) => url.replace(/\.dockerfile\.[0-9a-f]+/, 'DF'));
    const bad = path.join(ctxDir, '..', path.basename(ctxDir) + '.Dockerfile.bad');
    const res = await runSkiff(daemon.socketPath, ['build', '--no-cache', '-f', bad, ctxDir]);
    expect(res.code).toBe(f.rc);
    expect(res.stderr).toBe("The command '/bin/sh -c exit 3' returned a non-zero code: 3\n");
    const sent = buildBody(daemon);
    expect(sent.url).toMatch(/dockerfile=\.dockerfile\.[0-9a-f]{20}&nocache=1&version=1$/);
    const names = await tarNames(sent.body);
    expect(names.some((n) => /^\.dockerfile\.[0-9a-f]{20}$/.test(n))).toBe(true);
  });
});

describe('DockerIgnore', () => {
  it('matches like docker: wildcards, **, parent directories and ! exceptions', () => {
    const ig = new DockerIgnore('# comment\n*.log\nbuild/\n**/tmp\n!keep.log\nsub/*.txt\n');
    expect(ig.ignores('a.log')).toBe(true);
    expect(ig.ignores('keep.log')).toBe(false);
    expect(ig.ignores('dir/a.log')).toBe(false);
    expect(ig.ignores('build/x/y.c')).toBe(true);
    expect(ig.ignores('deep/er/tmp')).toBe(true);
    expect(ig.ignores('tmp/file')).toBe(true);
    expect(ig.ignores('sub/a.txt')).toBe(true);
    expect(ig.ignores('sub/a.md')).toBe(false);
    expect(ig.ignores('Dockerfile')).toBe(false);
  });
});
