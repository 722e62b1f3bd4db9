// The classic builder on a booted kernel: metadata steps, COPY from the context, RUN in a
// container whose changes become a layer, the cache on a second build, failures with codes.
import { describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import type { JSONMessage } from '../../src/api/index.js';
import { harness, run } from './harness.js';

async function contextTar(files: Record<string, string>): Promise<Uint8Array> {
  const pack = tar.pack();
  for (const [name, content] of Object.entries(files)) pack.entry({ name, mode: 0o644, mtime: new Date(0) }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

async function build(engine: Awaited<ReturnType<typeof harness>>['engine'], files: Record<string, string>, tags: string[] = ['x']): Promise<{ text: string; messages: JSONMessage[] }> {
  const messages: JSONMessage[] = [];
  const stream = await engine.build.build(await contextTar(files), {
    tags, dockerfile: 'Dockerfile', buildArgs: {}, labels: {}, noCache: false, pull: false, quiet: false, rm: true, forceRm: false, cacheFrom: [],
  }, new AbortController().signal);
  for await (const m of stream) messages.push(m);
  return { text: messages.map((m) => m.stream ?? '').join(''), messages };
}

const dockerfile = 'FROM busybox\nENV GREETING=hello\nCOPY hello.txt /data/\nRUN ["touch", "/data/made"]\nCMD ["ls", "/data"]\n';

describe('engine: build', () => {
  it('builds step by step, the image runs, and a second build hits the cache', async () => {
    const { engine } = await harness();
    const first = await build(engine, { Dockerfile: dockerfile, 'hello.txt': 'hi\n' });
    expect(first.messages.find((m) => m.errorDetail)).toBeUndefined();
    const steps = first.text.split('\n').filter((l) => l.startsWith('Step '));
    expect(steps).toEqual(['Step 1/5 : FROM busybox', 'Step 2/5 : ENV GREETING=hello', 'Step 3/5 : COPY hello.txt /data/', 'Step 4/5 : RUN ["touch", "/data/made"]', 'Step 5/5 : CMD ["ls", "/data"]']);
    expect(first.text).toMatch(/ ---> Running in [0-9a-f]{12}\n/);
    expect(first.text).toMatch(/Successfully built [0-9a-f]{12}\nSuccessfully tagged x:latest\n$/);
    const id = first.messages.find((m) => m.aux)?.aux?.ID as string;
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);

    const r = await run(engine, [], { Image: 'x', Cmd: null });
    expect(r.stdout.split(/\s+/).filter(Boolean)).toEqual(['hello.txt', 'made']);
    const env = await run(engine, ['env'], { Image: 'x' });
    expect(env.stdout).toContain('GREETING=hello');

    const second = await build(engine, { Dockerfile: dockerfile, 'hello.txt': 'hi\n' });
    expect(second.text.match(/ ---> Using cache/g)?.length).toBe(4);
    expect(second.messages.find((m) => m.aux)?.aux?.ID).toBe(id);
    const changed = await build(engine, { Dockerfile: dockerfile, 'hello.txt': 'changed\n' });
    expect(changed.text.match(/ ---> Using cache/g)?.length).toBe(1);
  });

  it('a failing RUN reports Docker\'s message with the exit code', async () => {
    const { engine } = await harness();
    const r = await build(engine, { Dockerfile: 'FROM busybox\nRUN ["ls", "/nope"]\n' });
    const err = r.messages.find((m) => m.errorDetail);
    expect(err?.errorDetail).toMatchObject({ message: "The command 'ls /nope' returned a non-zero code: 1", code: 1 });
    expect(await engine.container.containerList({ size: false })).toEqual([]);
  });
});
