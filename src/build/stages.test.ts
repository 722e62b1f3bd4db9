// Tests of the stage planner: bases, targets, dependency graph, global ARGs, unused build-args.
import { describe, expect, it } from 'vitest';
import { resolveArgs } from './build-args.js';
import { parse } from './parse.js';
import { planStages } from './stages.js';

const multi = `ARG BASE=busybox
ARG VERSION
FROM \${BASE}:\${VERSION:-latest} AS deps
ARG DEPS_ONLY
RUN echo deps

FROM deps AS build
COPY --from=assets /a /a
RUN --mount=type=cache,target=/c --mount=from=tools,target=/t true

FROM alpine AS assets
RUN echo assets

FROM busybox AS tools
FROM scratch AS unused
ARG ONLY_IN_UNUSED

FROM build
COPY --from=1 /out /out
COPY --from=docker.io/library/nginx:latest /etc/nginx /etc/nginx
`;

describe('planStages', () => {
  const df = parse(multi);

  it('expands FROM with global ARGs and links FROM <stage> only to earlier stages', () => {
    const plan = planStages(df, { buildArgs: { VERSION: '1.36' } });
    expect(plan.stages.map((s) => s.baseName)).toEqual(['busybox:1.36', 'deps', 'alpine', 'busybox', 'scratch', 'build']);
    expect(plan.stages.map((s) => s.base)).toEqual([
      { kind: 'image', ref: 'busybox:1.36' },
      { kind: 'stage', index: 0 },
      { kind: 'image', ref: 'alpine' },
      { kind: 'image', ref: 'busybox' },
      { kind: 'scratch' },
      { kind: 'stage', index: 1 },
    ]);
    expect(plan.stages[5].displayName).toBe('stage-5');
  });

  it('uses the global default when no build-arg is given', () => {
    expect(planStages(df).stages[0].baseName).toBe('busybox:latest');
  });

  it('targets the last stage by default and lists only the stages it needs, dependencies first', () => {
    const plan = planStages(df);
    expect(plan.target).toBe(5);
    // build needs deps (FROM), assets (COPY --from, a later stage), tools (RUN --mount from=)
    expect(plan.needed).toEqual([0, 2, 3, 1, 5]);
    const last = plan.stages[5].dependencies;
    expect(last.map((d) => [d.via, d.stage, d.image])).toEqual([
      ['FROM', 1, null],
      ['COPY --from', 1, null],
      ['COPY --from', null, 'docker.io/library/nginx:latest'],
    ]);
  });

  it('selects --target case-insensitively and skips what it does not need', () => {
    const plan = planStages(df, { target: 'DEPS' });
    expect(plan.target).toBe(0);
    expect(plan.needed).toEqual([0]);
  });

  it('says which target is missing, with a suggestion', () => {
    expect(() => planStages(df, { target: 'buidl' })).toThrow('Containerfile: target stage "buidl" could not be found (did you mean build?)');
  });

  it('warns about build-args no needed stage declares (meta ARGs and proxies are consumed)', () => {
    const plan = planStages(df, {
      target: 'build',
      buildArgs: { BASE: 'x', DEPS_ONLY: '1', ONLY_IN_UNUSED: '2', NOPE: '3', HTTP_PROXY: 'http://p', no_proxy: 'l' },
    });
    expect(plan.unusedBuildArgs).toEqual(['NOPE', 'ONLY_IN_UNUSED']);
    expect(plan.warnings).toEqual(['[Warning] One or more build-args [NOPE ONLY_IN_UNUSED] were not consumed']);
  });

  it('offers the platform ARGs in FROM', () => {
    const p = parse('FROM --platform=$BUILDPLATFORM busybox AS b\nFROM img-$TARGETARCH$TARGETVARIANT\n');
    const plan = planStages(p, { platform: { os: 'linux', architecture: 'arm', variant: 'v7' }, buildPlatform: { os: 'linux', architecture: 'amd64' } });
    expect(plan.stages.map((s) => [s.platform, s.baseName])).toEqual([['linux/amd64', 'busybox'], [null, 'img-armv7']]);
  });

  it('rejects a blank base name, a variable in --from, a bad index and cycles', () => {
    expect(() => planStages(parse('ARG X\nFROM $X\n'))).toThrow('Containerfile:2: base name ($X) should not be blank');
    expect(() => planStages(parse('FROM busybox\nARG S=a\nCOPY --from=$S /a /b\n'))).toThrow(
      'Containerfile:3: variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround',
    );
    expect(() => planStages(parse('FROM busybox\nCOPY --from=3 /a /b\n'))).toThrow('Containerfile:2: invalid stage index 3');
    expect(() => planStages(parse('FROM busybox AS a\nCOPY --from=b /x /x\nFROM busybox AS b\nCOPY --from=a /y /y\n'))).toThrow(
      'circular dependency detected on stage: a',
    );
    expect(() => planStages(parse('ARG ONLY=1\n'))).toThrow('dockerfile contains no stages to build');
  });
});

describe('resolveArgs (ARG inside a stage)', () => {
  const stage = parse('ARG G=global\nFROM busybox\nARG G\nARG A=${E}-x B C=$A\n').stages[0];
  const [argG, argABC] = stage.instructions.filter((i) => i.kind === 'ARG');

  it('brings a global ARG into the stage only when redeclared', () => {
    const globalArgs = new Map([['G', 'global']]);
    if (argG.kind !== 'ARG') throw new Error('not ARG');
    expect(resolveArgs(argG, { buildArgs: {}, globalArgs, env: {} })).toEqual([{ key: 'G', value: 'global', source: 'global' }]);
  });

  it('expands defaults with the stage env and earlier ARGs of the same line; build-args win', () => {
    if (argABC.kind !== 'ARG') throw new Error('not ARG');
    const r = resolveArgs(argABC, { buildArgs: { B: 'given' }, globalArgs: new Map(), env: { E: 'env' } });
    expect(r).toEqual([
      { key: 'A', value: 'env-x', source: 'default' },
      { key: 'B', value: 'given', source: 'build-arg' },
      { key: 'C', value: 'env-x', source: 'default' },
    ]);
  });
});
