// diff, commit and export of a container's filesystem; exec when procfs offers /proc/<pid>/ns.
import { describe, expect, it } from 'vitest';
import { readLayerTar } from '../../src/image/index.js';
import { harness, run } from './harness.js';

describe('engine: container filesystem', () => {
  it('diff reports A/C/D like Docker, commit makes an image with the change, export is the whole tree', async () => {
    const { engine } = await harness();
    const r = await run(engine, ['touch', '/tmp/new']);
    await run(engine, ['true']);
    const rm = await run(engine, ['rm', '/etc/group']);
    expect(rm.code).toBe(0);
    expect(await engine.container.containerChanges(r.id)).toEqual([{ Path: '/tmp', Kind: 0 }, { Path: '/tmp/new', Kind: 1 }]);
    expect(await engine.container.containerChanges(rm.id)).toEqual([{ Path: '/etc', Kind: 0 }, { Path: '/etc/group', Kind: 2 }]);

    const { Id } = await engine.image.imageCommit({ container: r.id, repo: 'snap', tag: 'v1', pause: false, changes: ['CMD ["ls", "/tmp"]'], config: {} });
    const img = await engine.image.imageInspect('snap:v1');
    expect(img.Id).toBe(Id);
    expect(img.Config.Cmd).toEqual(['ls', '/tmp']);
    expect(img.RootFS.Layers).toHaveLength(2);
    const fromSnap = await run(engine, [], { Image: 'snap:v1', Cmd: null });
    expect(fromSnap.stdout.trim()).toBe('new');

    const exported = await engine.container.containerExport(rm.id, new AbortController().signal);
    const chunks: Uint8Array[] = [];
    for await (const c of exported) chunks.push(c);
    const paths = (await readLayerTar(Buffer.concat(chunks))).map((e) => e.path);
    expect(paths).toContain('bin/busybox');
    expect(paths).toContain('etc/passwd');
    expect(paths).not.toContain('etc/group');
  });

  it('the image catalogue gives the same IDs every time and serves alpine and hello-world', async () => {
    const a = await harness();
    const b = await harness();
    const idA = (await a.engine.image.imageInspect('busybox')).Id;
    expect((await b.engine.image.imageInspect('busybox')).Id).toBe(idA);
    for await (const _ of await a.engine.image.imagePull({ fromImage: 'docker.io/library/alpine', tag: 'latest' }, new AbortController().signal)) { /* drain */ }
    const rel = await run(a.engine, ['cat', '/etc/alpine-release'], { Image: 'alpine' });
    expect(rel.stdout).toBe('3.20.3\n');
    await expect(a.engine.image.imagePull({ fromImage: 'docker.io/library/nope', tag: 'latest' }, new AbortController().signal)).rejects.toMatchObject({ kind: 'not-found' });
  });
});
