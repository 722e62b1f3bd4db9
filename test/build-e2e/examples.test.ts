// Every folder of Containerfile-examples/ built by the engine on a booted machine (the real
// RUN containers, the real cache), the image run and its output checked; a second build of the
// same context is answered entirely from the cache and gives the same image.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import type { ContainerCreateRequest } from '../../src/api/index.js';
import { harness, run, type Harness } from '../engine/harness.js';
import { buildContext, type BuildOutcome } from './build-engine.js';
import { contextTar } from './context-tar.js';

const EXAMPLES = 'Containerfile-examples';

/** One example: its folder, tag, how to run it and what it must print. */
interface Example {
  dir: string;
  tag: string;
  run?: Partial<ContainerCreateRequest>;
  stdout: string;
  /** Image config fields to check. */
  config?: Record<string, unknown>;
}

const examples: Example[] = [
  { dir: 'arg-and-env', tag: 'arg-and-env', stdout: 'built from busybox, version 1.0\nAPP_VERSION=1.0\nVERSION=unset at run time\n', config: { WorkingDir: '/opt/app' } },
  { dir: 'cpu-and-memory-limits', tag: 'limits', run: { Cmd: ['--cpu', '1', '--timeout', '1s'] }, stdout: 'dispatching hogs: 1 cpu, 0 io, 0 vm, 0 hdd' },
  { dir: 'dockerignore', tag: 'dockerignore', stdout: '/app\n/app/.dockerignore\n/app/Containerfile\n/app/README.md\n/app/keep.log\n/app/src\n/app/src/main.sh\n' },
  { dir: 'entrypoint-cmd', tag: 'entrypoint-cmd', stdout: 'entrypoint says: hello world\n' },
  { dir: 'heredocs', tag: 'heredocs', stdout: 'Welcome to skiff\nfirst line\nsecond line\ngreetings from /usr/local/bin/greet\n' },
  { dir: 'layers-and-cache', tag: 'layers-and-cache', stdout: 'mode=demo\napplication v1\n' },
  { dir: 'multi-stage', tag: 'multi-stage', stdout: 'BUILT IN A SEPARATE STAGE\n' },
  { dir: 'onbuild/base', tag: 'onbuild-base', run: { Cmd: ['ls', '/app'] }, stdout: '', config: { OnBuild: ['COPY app.txt /app/', 'RUN echo "trigger ran for $(cat /app/app.txt)" > /app/trigger.txt'] } },
  { dir: 'onbuild/app', tag: 'onbuild-app', stdout: 'trigger ran for the child image\n', config: { OnBuild: null, Labels: { example: 'onbuild' } } },
  { dir: 'user-and-permissions', tag: 'user-and-permissions', stdout: 'uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\ntotal 4\n-rw-r--r--    1 65534    65534           28 Jan  1  1970 notes.txt\n', config: { User: 'nobody' } },
  {
    dir: 'web-server', tag: 'web-server', run: { Cmd: ['sh', '-c', 'ls -l /usr/local/bin/serve.sh | cut -c1-10; head -n 1 /www/index.html'] },
    stdout: `-rwxr-xr-x\n${readFileSync(`${EXAMPLES}/web-server/index.html`, 'utf8').split('\n')[0]}\n`,
    config: { ExposedPorts: { '8080/tcp': {} }, StopSignal: 'SIGTERM', Cmd: ['serve.sh'] },
  },
  { dir: 'workdir', tag: 'workdir', stdout: '/srv/app/data\nhello.txt\nwhere.txt\n' },
];

/** The steps that make an image (FROM and the meta ARGs before it do not). */
const imageSteps = (b: BuildOutcome) => b.steps.filter((s) => s.cached !== null);

describe('build-e2e: Containerfile-examples', () => {
  it('covers every example folder', async () => {
    const folders = (await readdir(EXAMPLES, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    const covered = new Set(examples.map((e) => e.dir.split('/')[0]));
    expect(folders.filter((f) => !covered.has(f))).toEqual([]);
  });

  let h: Harness;
  const built = new Map<string, BuildOutcome>();
  const ran = new Set<string>();

  for (const ex of examples) {
    it(`${ex.dir}: builds, runs and prints what it should`, async () => {
      h ??= await harness();
      const b = await buildContext(h.engine, await contextTar(`${EXAMPLES}/${ex.dir}`), { tags: [ex.tag] });
      expect(b.error).toBeNull();
      expect(b.text).toMatch(new RegExp(`Successfully built [0-9a-f]{12}\nSuccessfully tagged ${ex.tag}:latest\n$`));
      expect(b.messages.filter((m) => m.aux).at(-1)?.aux?.ID).toBe(b.imageId);
      built.set(ex.dir, b);
      if (ex.config) {
        const inspect = await h.engine.image.imageInspect(ex.tag);
        expect(inspect.Config).toMatchObject(ex.config);
      }
      const r = await run(h.engine, [], { Image: ex.tag, Cmd: null, ...ex.run });
      expect(r.code).toBe(0);
      if (ex.dir === 'cpu-and-memory-limits') expect(r.stdout).toContain(ex.stdout);
      else expect(r.stdout).toBe(ex.stdout);
      // The intermediate containers are gone; only the ones `run` made remain.
      ran.add(ex.tag);
      const images = (await h.engine.container.containerList({ size: false })).map((c) => c.Image);
      expect(images).toContain(ex.tag);
      expect(images.filter((i) => !ran.has(i))).toEqual([]);
    }, 60_000);
  }

  for (const ex of examples) {
    it(`${ex.dir}: a second build is all cache hits and gives the same image`, async () => {
      const first = built.get(ex.dir);
      expect(first).toBeDefined();
      const b = await buildContext(h.engine, await contextTar(`${EXAMPLES}/${ex.dir}`), { tags: [ex.tag] });
      expect(b.error).toBeNull();
      expect(b.imageId).toBe(first!.imageId);
      const steps = imageSteps(b);
      expect(steps.length).toBeGreaterThan(0);
      expect(steps.filter((s) => s.cached !== true)).toEqual([]);
      expect(b.text.match(/^ ---> Using cache$/gm)?.length).toBe(steps.length);
      expect(b.text).not.toContain('Running in');
    }, 60_000);
  }
});
