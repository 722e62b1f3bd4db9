// The engine's BuildExecutor seen through builds: #! heredoc scripts placed at /dev/pipes while
// the step runs (and absent from its layer), stderr kept apart, failures with Docker's texts and
// no leftover containers, deletions as whiteouts, RUN on scratch, cancellation.
import { describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import { harness } from '../engine/harness.js';
import { buildContext } from './build-engine.js';
import { layerTarNames } from './tar-names.js';

async function filesTar(files: Record<string, string>): Promise<Uint8Array> {
  const pack = tar.pack();
  for (const [name, content] of Object.entries(files)) pack.entry({ name, mode: 0o644, mtime: new Date(0) }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

describe('build-e2e: the engine executor', () => {
  it('runs a #! heredoc script from /dev/pipes; the script is not part of the layer', async () => {
    const { engine, store } = await harness();
    const df = 'FROM busybox\nRUN <<EOF\n#!/bin/sh\necho "script at $0"\necho made > /made.txt\nEOF\n';
    const b = await buildContext(engine, await filesTar({ Containerfile: df }));
    expect(b.error).toBeNull();
    expect(b.text).toContain('script at /dev/pipes/EOF\n');
    const image = await store.inspect(b.imageId!);
    expect(await layerTarNames(store, image.layers.at(-1)!)).toEqual(['made.txt']);
  }, 60_000);

  it('refuses a #! heredoc script under a non-root USER with a clear message', async () => {
    const { engine } = await harness();
    const df = 'FROM busybox\nUSER nobody\nRUN <<EOF\n#!/bin/sh\necho hi\nEOF\n';
    const b = await buildContext(engine, await filesTar({ Containerfile: df }));
    expect(b.error).toMatch(/as USER nobody is not supported/);
    expect(await engine.container.containerList({ size: false })).toEqual([]);
  }, 60_000);

  it('keeps stderr apart (red, as Docker shows it) and a failing RUN leaves no container', async () => {
    const { engine } = await harness();
    const b = await buildContext(engine, await filesTar({ Containerfile: 'FROM busybox\nRUN echo out; echo err >&2; exit 3\n' }));
    expect(b.text).toContain('out\n');
    expect(b.text).toContain('\u001b[91merr\n\u001b[0m');
    expect(b.error).toBe("The command '/bin/sh -c echo out; echo err >&2; exit 3' returned a non-zero code: 3");
    expect(b.messages.at(-1)?.errorDetail?.code).toBe(3);
    expect(await engine.container.containerList({ size: false })).toEqual([]);
  }, 60_000);

  it('a deleted directory becomes one whiteout; changed parents come along', async () => {
    const { engine, store } = await harness();
    const b = await buildContext(engine, await filesTar({ Containerfile: 'FROM busybox\nRUN mkdir -p /a/b && touch /a/b/c /a/keep\nRUN rm -r /a/b\n' }));
    expect(b.error).toBeNull();
    const image = await store.inspect(b.imageId!);
    const [made, removed] = await Promise.all(image.layers.slice(-2).map((l) => layerTarNames(store, l)));
    expect(made).toEqual(['a/', 'a/b/', 'a/b/c', 'a/keep']);
    expect(removed).toEqual(['a/', 'a/.wh.b']);
  }, 60_000);

  it('RUN on scratch fails like a missing program, leaving no container', async () => {
    const { engine } = await harness();
    const b = await buildContext(engine, await filesTar({ Containerfile: 'FROM scratch\nRUN true\n' }));
    expect(b.error).toMatch(/exec: "\/bin\/sh": stat \/bin\/sh: no such file or directory/);
    expect(await engine.container.containerList({ size: false })).toEqual([]);
  }, 60_000);

  it('an unknown base image is reported with Docker\'s text', async () => {
    const { engine } = await harness();
    const b = await buildContext(engine, await filesTar({ Containerfile: 'FROM nosuchimage\n' }));
    expect(b.error).toBe("pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied");
  }, 60_000);

  it('cancelling kills the running step and removes its container', async () => {
    const { engine } = await harness();
    const ac = new AbortController();
    const run = engine.build.start(await filesTar({ Containerfile: 'FROM busybox\nRUN echo started; yes > /dev/null; echo finished\n' }), {
      tags: [], dockerfile: '', buildArgs: {}, labels: {}, noCache: false, pull: false, quiet: false, rm: true, forceRm: false, cacheFrom: [],
    }, ac.signal);
    const texts: string[] = [];
    let error = '';
    for await (const m of run) {
      if (m.stream) texts.push(m.stream);
      if (m.stream?.startsWith(' ---> Running in ')) ac.abort(); // the step never ends by itself
      if (m.error) error = m.error;
    }
    expect(texts.join('').split(' ---> Running in ')[1]).not.toContain('finished'); // killed, not waited for
    expect(error).toBe('build cancelled');
    expect(await engine.container.containerList({ size: false })).toEqual([]);
  }, 60_000);
});
