// Layers hold only each step's difference; the cache hits on a rebuild, misses from the COPY
// whose content changed onwards (not for mtime-only changes), persists in its file, and explains.
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../../src/build/index.js';
import { harness, run } from './build-harness.js';

const layerPaths = async (store: Awaited<ReturnType<typeof harness>>['store'], ref: string) => {
  const d = await store.inspect(ref);
  const out: string[][] = [];
  for (const l of d.layers.slice(1)) out.push((await store.layerEntries(l)).map((e) => `${e.type === 'dir' ? 'd' : e.type === 'symlink' ? 'l' : '-'} ${e.path} ${e.uid}:${e.gid} ${e.mode.toString(8)}`));
  return out;
};

async function tarOf(files: Record<string, string>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, data] of Object.entries(files)) pack.entry({ name, mode: 0o640, uid: 7, gid: 8, mtime: new Date(0) }, data);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const dockerfile = 'FROM busybox\nENV A=1\nCOPY a.txt /app/\nRUN echo built > /app/out\nCOPY b.txt /app/\nCMD ["cat", "/app/b.txt"]\n';

describe('layers and cache', () => {
  it('each filesystem step is one layer with only its difference (whiteouts for deletions)', async () => {
    const { deps, store } = await harness();
    const r = await run(deps, { Dockerfile: 'FROM busybox\nWORKDIR /w/x\nCOPY a.txt .\nRUN rm /etc/group && mkdir /made\nENV K=v\nWORKDIR /w\n', 'a.txt': 'a' }, { tags: ['l:1'] });
    expect(r.error).toBeNull();
    expect(await layerPaths(store, 'l:1')).toEqual([
      ['d w 0:0 755', 'd w/x 0:0 755'],
      ['d w 0:0 755', 'd w/x 0:0 755', '- w/x/a.txt 0:0 644'],
      ['d etc 0:0 755', '- etc/.wh.group 0:0 600', 'd made 0:0 755'],
    ]);
    const hist = (await store.inspect('l:1')).config.history!.slice(1).map((h) => !!h.empty_layer);
    expect(hist).toEqual([false, false, false, true, true]);
  });

  it('a rebuild hits every step; a changed file misses from its COPY on; an mtime change does not', async () => {
    const { deps, executor } = await harness();
    const first = await run(deps, { Dockerfile: dockerfile, 'a.txt': 'a', 'b.txt': 'b' }, { tags: ['c:1'] });
    expect(first.result!.steps.filter((s) => s.cached !== null).map((s) => s.cached)).toEqual([false, false, false, false, false]);
    const again = await run(deps, { Dockerfile: dockerfile, 'a.txt': 'a', 'b.txt': { data: 'b', mtime: 99_000 } });
    expect(again.result!.steps.filter((s) => s.cached !== null).map((s) => s.cached)).toEqual([true, true, true, true, true]);
    expect(again.result!.imageId).toBe(first.result!.imageId);
    expect(executor.runs).toHaveLength(1);
    const changedB = await run(deps, { Dockerfile: dockerfile, 'a.txt': 'a', 'b.txt': 'B' }, { explain: true });
    expect(changedB.result!.steps.filter((s) => s.cached !== null).map((s) => s.cached)).toEqual([true, true, true, false, false]);
    expect(changedB.text).toMatch(/Step 5\/6 : COPY b.txt \/app\/\n ---> Cache miss: the copied content changed \(checksum [0-9a-f]{12} -> [0-9a-f]{12}\)\n/);
    expect(changedB.text).toMatch(/Step 6\/6 : CMD .*\n ---> Cache miss: the previous step was rebuilt/);
    const changedA = await run(deps, { Dockerfile: dockerfile, 'a.txt': 'A', 'b.txt': 'b' });
    expect(changedA.result!.steps.filter((s) => s.cached !== null).map((s) => s.cached)).toEqual([true, false, false, false, false]);
    expect(executor.runs).toHaveLength(2);
  });

  it('the cache lives in its file (a new BuildCache reads it); --no-cache and a removed image miss', async () => {
    const { deps, dir, store } = await harness();
    const first = await run(deps, { Dockerfile: dockerfile, 'a.txt': 'a', 'b.txt': 'b' });
    const fresh = { ...deps, cache: new BuildCache(join(dir, 'images', 'build-cache.json')) };
    const second = await run(fresh, { Dockerfile: dockerfile, 'a.txt': 'a', 'b.txt': 'b' });
    expect(second.result!.imageId).toBe(first.result!.imageId);
    const noCache = await run(fresh, { Dockerfile: dockerfile, 'a.txt': 'a', 'b.txt': 'b' }, { noCache: true });
    expect(noCache.text).not.toContain('Using cache');
    expect(noCache.result!.imageId).not.toBe(first.result!.imageId);
    await store.remove(noCache.result!.imageId, { force: true });
    const afterRemove = await run(fresh, { Dockerfile: dockerfile, 'a.txt': 'a', 'b.txt': 'b' }, { explain: true });
    expect(afterRemove.text).toContain(' ---> Cache miss: the cached image');
  });

  it('a build arg used by RUN is part of its key (history `|1 V=x`), not of the ARG step', async () => {
    const { deps, store } = await harness();
    const df = 'FROM busybox\nARG V=one\nRUN echo $V > /v\n';
    await run(deps, { Dockerfile: df }, { tags: ['a:1'] });
    const other = await run(deps, { Dockerfile: df }, { tags: ['a:2'], buildArgs: { V: 'two' } });
    expect(other.result!.steps.filter((s) => s.cached !== null).map((s) => s.cached)).toEqual([true, false]);
    expect((await store.history('a:2'))[0].CreatedBy).toBe('|1 V=two /bin/sh -c echo $V > /v');
  });

  it('COPY rules: globs, directories, several sources, --chown by name, --chmod, symlinks followed, heredocs', async () => {
    const { deps, store } = await harness();
    const files = {
      Dockerfile: [
        'FROM busybox', 'COPY *.txt /glob/', 'COPY dir /dircopy', 'COPY --chown=www:www-data a.txt /owned/', 'COPY --chown=1234 a.txt /n',
        'COPY --chmod=600 a.txt b.txt /modes/', 'COPY link /lnk', 'COPY <<EOF /inline.txt\nhello $HOME\nEOF', 'WORKDIR /w', 'COPY a.txt rel', '',
      ].join('\n'),
      'a.txt': 'a', 'b.txt': 'b', 'dir/x': 'x', 'dir/sub/y': 'y', link: { symlink: 'a.txt' },
    };
    const r = await run(deps, files, { tags: ['cp:1'] });
    expect(r.error).toBeNull();
    const layers = await layerPaths(store, 'cp:1');
    expect(layers[0]).toEqual(['d glob 0:0 755', '- glob/a.txt 0:0 644', '- glob/b.txt 0:0 644']);
    expect(layers[1]).toEqual(['d dircopy 0:0 755', 'd dircopy/sub 0:0 755', '- dircopy/sub/y 0:0 644', '- dircopy/x 0:0 644']);
    expect(layers[2]).toEqual(['d owned 33:33 755', '- owned/a.txt 33:33 644']);
    expect(layers[3]).toEqual(['- n 1234:1234 644']);
    expect(layers[4]).toEqual(['d modes 0:0 755', '- modes/a.txt 0:0 600', '- modes/b.txt 0:0 600']);
    expect(layers[5]).toEqual(['- lnk 0:0 644']);
    expect(layers[6]).toEqual(['- inline.txt 0:0 644']);
    expect(layers[8]).toEqual(['d w 0:0 755', '- w/rel 0:0 644']);
    const inline = (await store.layerEntries((await store.inspect('cp:1')).layers[7])).find((e) => e.path === 'inline.txt');
    expect(new TextDecoder().decode(inline!.data)).toBe('hello \n');
    const hist = await store.history('cp:1');
    expect(hist.map((h) => h.CreatedBy.replace(/:[0-9a-f]{64}/, ':<sum>'))).toContain('/bin/sh -c #(nop) COPY --chown=www:www-datafile:<sum> in /owned/ ');
    expect(hist.map((h) => h.CreatedBy.replace(/:[0-9a-f]{64}/, ':<sum>'))).toContain('/bin/sh -c #(nop) COPY multi:<sum> in /glob/ ');
    expect(hist.map((h) => h.CreatedBy.replace(/:[0-9a-f]{64}/, ':<sum>'))).toContain('/bin/sh -c #(nop) COPY dir:<sum> in /dircopy ');
  });

  it('ADD extracts local tar archives (plain and gzip) keeping their owners; other files are copied', async () => {
    const { deps, store } = await harness();
    const archive = await tarOf({ 't1': 'one', 'td/t2': 'two' });
    const r = await run(deps, {
      Dockerfile: 'FROM busybox\nADD arch.tar /untar/\nADD arch.tgz /untgz\nADD a.txt /added\n',
      'arch.tar': { data: archive }, 'arch.tgz': { data: gzipSync(archive) }, 'a.txt': 'a',
    }, { tags: ['add:1'] });
    expect(r.error).toBeNull();
    const layers = await layerPaths(store, 'add:1');
    expect(layers[0]).toEqual(['d untar 0:0 755', '- untar/t1 7:8 640', 'd untar/td 0:0 755', '- untar/td/t2 7:8 640']);
    expect(layers[1]).toEqual(['d untgz 0:0 755', '- untgz/t1 7:8 640', 'd untgz/td 0:0 755', '- untgz/td/t2 7:8 640']);
    expect(layers[2]).toEqual(['- added 0:0 644']);
  });
});
