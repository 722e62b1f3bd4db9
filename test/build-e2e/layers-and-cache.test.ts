// layers-and-cache on a booted machine: each filesystem step's layer (read back as a tar from the
// ImageStore) holds only that step's difference, with a whiteout for the deleted file; editing a
// copied file invalidates exactly the steps from its COPY on.
import { describe, expect, it } from 'vitest';
import { harness } from '../engine/harness.js';
import { buildContext } from './build-engine.js';
import { contextTar } from './context-tar.js';
import { layerTarNames } from './tar-names.js';

const DIR = 'Containerfile-examples/layers-and-cache';

describe('build-e2e: layers-and-cache', () => {
  it('each layer holds only its step\'s difference', async () => {
    const { engine, store } = await harness();
    const b = await buildContext(engine, await contextTar(DIR), { tags: ['lc'] });
    expect(b.error).toBeNull();
    const base = await store.inspect('busybox');
    const image = await store.inspect(b.imageId!);
    expect(image.layers.slice(0, base.layers.length)).toEqual(base.layers);
    const own = image.layers.slice(base.layers.length);
    const listed = await Promise.all(own.map((l) => layerTarNames(store, l)));
    expect(listed).toEqual([
      ['etc/', 'etc/app/', 'etc/app/config.txt'],
      ['var/', 'var/app/', 'var/app/stamp'],
      ['var/', 'var/app/', 'var/app/app.txt'],
      ['var/', 'var/app/', 'var/app/.wh.stamp'],
    ]);
    // The history says which steps made those layers, and which were metadata only.
    const history = (image.config.history ?? []).slice(base.config.history?.length ?? 0);
    expect(history.map((h) => h.empty_layer === true)).toEqual([true, false, false, false, false, true]);
  }, 60_000);

  it('editing app.txt reruns exactly the steps from its COPY on', async () => {
    const { engine } = await harness();
    const first = await buildContext(engine, await contextTar(DIR), { tags: ['lc'] });
    expect(first.error).toBeNull();
    const edited = await buildContext(engine, await contextTar(DIR, { 'app.txt': 'application v2\n' }), { tags: ['lc'] });
    expect(edited.error).toBeNull();
    const cached = edited.steps.filter((s) => s.cached !== null).map((s) => [s.instruction.split(' ')[0], s.cached]);
    expect(cached).toEqual([['ENV', true], ['COPY', true], ['RUN', true], ['COPY', false], ['RUN', false], ['CMD', false]]);
    expect(edited.text.match(/^ ---> Using cache$/gm)?.length).toBe(3);
    expect(edited.text.match(/^ ---> Running in /gm)?.length).toBe(2); // RUN and CMD (COPY runs no container)
    expect(edited.imageId).not.toBe(first.imageId);
    // Back to the original content: every step hits again (both versions stay cached).
    const back = await buildContext(engine, await contextTar(DIR), { tags: ['lc'] });
    expect(back.imageId).toBe(first.imageId);
    expect(back.steps.filter((s) => s.cached === false)).toEqual([]);
  }, 60_000);

  it('editing config.txt reruns everything from the first COPY on', async () => {
    const { engine } = await harness();
    await buildContext(engine, await contextTar(DIR));
    const edited = await buildContext(engine, await contextTar(DIR, { 'config.txt': 'mode=prod\n' }));
    const cached = edited.steps.filter((s) => s.cached !== null).map((s) => s.cached);
    expect(cached).toEqual([true, false, false, false, false, false]);
  }, 60_000);
});
