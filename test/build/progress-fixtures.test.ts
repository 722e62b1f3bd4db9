// The builder's progress messages and image records against what a real Docker 20.10 engine
// printed for the same Dockerfiles (DOCKER_BUILDKIT=0, recorded in fixtures/), IDs normalised.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fixture, harness, normalize, run } from './build-harness.js';

const allInstructions = JSON.parse(await readFile(new URL('./fixtures/legacy-all-instructions.image.json', import.meta.url), 'utf8')) as {
  dockerfile: string; history: { created_by: string; empty_layer?: boolean; author?: string }[]; config: Record<string, unknown>;
};

const hideSums = (s: string) => s.replace(/(file|dir|multi):[0-9a-f]{64}/, '$1:<sum>');

describe('classic builder progress, as Docker prints it', () => {
  it('every instruction: messages, history and config match the recording; the rebuild is all cache', async () => {
    const { deps, store } = await harness();
    const files = { Dockerfile: allInstructions.dockerfile, 'f.txt': 'content\n' };
    const first = await run(deps, files, { tags: ['rec:a'], noCache: true });
    expect(first.error).toBeNull();
    expect(normalize(first.messages)).toEqual(normalize(await fixture('legacy-all-instructions.jsonl')).filter((m) => !m.stream?.startsWith('Successfully tagged')).concat([{ stream: 'Successfully tagged rec:a\n' }]));

    const details = await store.inspect('rec:a');
    const history = (details.config.history ?? []).slice(1).map((h) => ({ ...h, created: undefined }));
    expect(history.map((h) => ({ created_by: hideSums(h.created_by!), ...(h.author ? { author: h.author } : {}), ...(h.empty_layer ? { empty_layer: true } : {}) })))
      .toEqual(allInstructions.history.map((h) => ({ ...h, created_by: hideSums(h.created_by) })));
    expect(details.containerConfig).toEqual(allInstructions.config);
    expect(details.author).toBe('me');

    const second = await run(deps, files, { tags: ['rec:a'] });
    expect(normalize(second.messages)).toEqual(normalize(await fixture('legacy-all-instructions-cached.jsonl')));
    expect(second.result!.imageId).toBe(first.result!.imageId);
    expect(second.result!.steps.filter((s) => s.cached === false)).toEqual([]);
  });

  it('a failing RUN stops the build with Docker\'s message and code (shell and exec forms)', async () => {
    const { deps } = await harness();
    const r = await run(deps, { Dockerfile: 'FROM busybox\nRUN echo before\nRUN exit 3\n' }, { tags: ['rec:fail'] });
    expect(normalize(r.messages)).toEqual(normalize(await fixture('legacy-fail.jsonl')));
    expect(r.error?.message).toBe("The command '/bin/sh -c exit 3' returned a non-zero code: 3");
    const e = await run(deps, { Dockerfile: 'FROM busybox\nARG V=2\nRUN ["sh", "-c", "exit $V"]\n' }, { tags: ['rec:fail'] });
    expect(normalize(e.messages)).toEqual(normalize(await fixture('legacy-failexec.jsonl')));
  });

  it('multi-stage: stages, COPY --from a stage, an index and an image; --target stops early', async () => {
    const { deps, executor } = await harness();
    const dockerfile = [
      'FROM busybox AS base', 'RUN echo base > /base.txt', '', 'FROM base AS builder', 'ARG MSG=built', 'RUN echo $MSG > /out.txt', '',
      'FROM busybox AS unused', 'RUN echo never', '', 'FROM busybox', 'COPY --from=builder /out.txt /final/', 'COPY --from=0 /base.txt /final/',
      'COPY --from=busybox /bin/busybox /bb', 'CMD ["cat", "/final/out.txt"]', '',
    ].join('\n');
    const recorded = normalize(await fixture('legacy-ms.jsonl'));
    const r = await run(deps, { Dockerfile: dockerfile }, { tags: ['rec:ms'] });
    expect(r.error).toBeNull();
    // skiff skips the stage the target does not need (BuildKit's rule): Docker 20's recording
    // minus the `unused` stage, with the steps renumbered.
    const text = normalize(r.messages).map((m) => m.stream ?? JSON.stringify(m)).join('');
    const expected = recorded.map((m) => m.stream ?? JSON.stringify(m)).join('')
      .replace(/Step 6\/12 : FROM busybox AS unused\n[^]*?Step 8\/12/, 'Step 6/12')
      .replace(/Step (\d+)\/12/g, (_, n: string) => `Step ${Number(n) > 6 ? Number(n) - 2 : n}/10`);
    expect(text).toBe(expected);
    expect(executor.runs.map((x) => x.cmd.join(' '))).not.toContain('/bin/sh -c echo never');

    const t = await run(deps, { Dockerfile: dockerfile }, { tags: ['rec:ms-t'], target: 'builder', noCache: true, buildArgs: { MSG: 'hey', UNUSED: 'x' } });
    expect(normalize(t.messages)).toEqual(normalize(await fixture('legacy-ms-target.jsonl')));
  });

  it('ONBUILD triggers run in the child build, then are dropped from its config', async () => {
    const { deps, store } = await harness();
    const parent = await run(deps, { Dockerfile: 'FROM busybox\nCMD ["echo","hi"]\nONBUILD COPY a.txt /from-trigger\nONBUILD RUN echo triggered\n' }, { tags: ['rec:ob1'] });
    expect(parent.error).toBeNull();
    expect((await store.inspect('rec:ob1')).containerConfig.OnBuild).toEqual(['COPY a.txt /from-trigger', 'RUN echo triggered']);
    const child = await run(deps, { Dockerfile: 'FROM rec:ob1\nRUN ls /\n', 'a.txt': 'a\n' }, { tags: ['rec:ob2'] });
    const text = child.text.replace(/[0-9a-f]{12}/g, '<id>');
    expect(text).toBe([
      'Step 1/2 : FROM rec:ob1', '# Executing 2 build triggers', ' ---> Running in <id>', 'triggered', 'Removing intermediate container <id>', ' ---> <id>',
      'Step 2/2 : RUN ls /', ' ---> Running in <id>', 'bin', 'etc', 'from-trigger', 'tmp', 'Removing intermediate container <id>', ' ---> <id>',
      'Successfully built <id>', 'Successfully tagged rec:ob2', '',
    ].join('\n'));
    const d = await store.inspect('rec:ob2');
    expect(d.containerConfig.OnBuild ?? null).toBeNull();
    expect(d.containerConfig.Cmd).toEqual(['echo', 'hi']);
    expect((d.config.history ?? []).slice(-3).map((h) => hideSums(h.created_by!))).toEqual([
      '/bin/sh -c #(nop) COPY file:<sum> in /from-trigger ', '/bin/sh -c echo triggered', '/bin/sh -c ls /',
    ]);
  });

  it('ENTRYPOINT keeps a CMD set in the same Dockerfile; global ARGs, --label steps, proxy args', async () => {
    const { deps, store, executor } = await harness();
    const ep = await run(deps, { Dockerfile: 'FROM busybox\nCMD ["a"]\nENTRYPOINT ["echo"]\n' }, { tags: ['rec:ep'] });
    expect(normalize(ep.messages)).toEqual(normalize(await fixture('legacy-ep.jsonl')));
    expect((await store.inspect('rec:ep')).containerConfig).toMatchObject({ Entrypoint: ['echo'], Cmd: ['a'] });
    const reset = await run(deps, { Dockerfile: 'FROM busybox\nENTRYPOINT ["echo"]\n' }, { tags: ['rec:ep2'] });
    expect(reset.error).toBeNull();
    expect((await store.inspect('rec:ep2')).containerConfig.Cmd ?? null).toBeNull();

    const lab = await run(deps, { Dockerfile: 'ARG BASE=busybox\nARG UNUSEDMETA\nFROM $BASE\nARG BASE\nRUN echo $BASE\n' }, {
      tags: ['rec:lab'], labels: { z: '1', a: 'x y' }, buildArgs: { HTTP_PROXY: 'http://p' }, noCache: true,
    });
    expect(normalize(lab.messages)).toEqual(normalize(await fixture('legacy-meta-args-labels.jsonl')));
    expect(executor.runs.at(-1)!.env).toContain('HTTP_PROXY=http://p');
    const hist = await store.history('rec:lab');
    expect(hist.slice(0, 3).map((h) => h.CreatedBy)).toEqual(['/bin/sh -c #(nop)  LABEL z=1', '/bin/sh -c #(nop)  LABEL a=x y', '|1 BASE=busybox /bin/sh -c echo $BASE']);
  });

  it('FROM scratch, HEALTHCHECK texts, quiet mode', async () => {
    const { deps, store } = await harness();
    const scr = await run(deps, { Dockerfile: 'FROM scratch\nENV A=1\nCOPY f /f\n', f: 'hi\n' }, { tags: ['rec:scr'], noCache: true });
    expect(normalize(scr.messages)).toEqual(normalize(await fixture('legacy-scratch.jsonl')));
    const hc = await run(deps, { Dockerfile: 'FROM busybox\nHEALTHCHECK --interval=1m30s --timeout=150ms --start-period=2s --retries=3 CMD ["true"]\nHEALTHCHECK NONE\nEXPOSE 8000-8001\n' }, { tags: ['rec:hc'] });
    expect(normalize(hc.messages)).toEqual(normalize(await fixture('legacy-healthcheck.jsonl')));
    const h = await store.history('rec:hc');
    expect(h.slice(0, 3).map((x) => x.CreatedBy)).toEqual([
      '/bin/sh -c #(nop)  EXPOSE 8000-8001',
      '/bin/sh -c #(nop)  HEALTHCHECK &{["NONE"] "0s" "0s" "0s" \'\\x00\'}',
      '/bin/sh -c #(nop)  HEALTHCHECK &{["CMD" "true"] "1m30s" "150ms" "2s" \'\\x03\'}',
    ]);
    expect((await store.inspect('rec:hc')).containerConfig).toMatchObject({
      Healthcheck: { Test: ['NONE'], Interval: 90e9, Timeout: 150e6, StartPeriod: 2e9, Retries: 3 }, ExposedPorts: { '8000/tcp': {}, '8001/tcp': {} },
    });
    const q = await run(deps, { Dockerfile: 'FROM busybox\nRUN echo quiet\n' }, { tags: ['rec:q'], quiet: true, noCache: true });
    expect(normalize(q.messages)).toEqual(normalize(await fixture('legacy-q.jsonl')));
  });
});
