// Tests of which instructions the builder expands and how.
import { describe, expect, it } from 'vitest';
import { expandInstruction } from './expand-instruction.js';
import type { Instruction } from './instructions/types.js';
import { parse } from './parse.js';

const text = `FROM busybox
ENV DIR=/srv NAME="my app" \${KEYVAR}=k
LABEL "title"="$NAME" v=1
COPY --chown=$U:$U --chmod=$M \${DIR}/a "b" $DIR/
ADD --checksum=$SUM src $DIR
WORKDIR $DIR/\${NAME:-x}
USER \${U:-root}
VOLUME $DIR/data /logs
EXPOSE $PORT 53/udp
STOPSIGNAL $SIG
RUN --mount=type=cache,target=$DIR/cache echo $DIR
CMD echo $DIR
ONBUILD RUN echo $DIR
HEALTHCHECK CMD echo $DIR
`;
const env = { DIR: '/srv', NAME: 'app', KEYVAR: 'KV', U: '1000', M: '0644', SUM: 'sha256:x', PORT: '80 8080', SIG: 'SIGINT' };
const instrs = parse(text).stages[0].instructions;
const expanded = (i: number): Instruction => expandInstruction(instrs[i], env).instruction;

describe('expandInstruction', () => {
  it('ENV and LABEL: keys and values, quotes removed', () => {
    expect(expanded(0)).toMatchObject({ pairs: [{ key: 'DIR', value: '/srv' }, { key: 'NAME', value: 'my app' }, { key: 'KV', value: 'k' }] });
    expect(expanded(1)).toMatchObject({ labels: [{ key: 'title', value: 'app' }, { key: 'v', value: '1' }] });
  });

  it('COPY shell form splits on spaces before expansion, so a quoted space is a lexing error', () => {
    const [copy] = parse('FROM busybox\nCOPY "b c" /d\n').stages[0].instructions;
    expect(() => expandInstruction(copy, {})).toThrow('failed to process "\\"b": unexpected end of statement while looking for matching double-quote');
  });

  it('COPY/ADD: sources, destination, --chown, --chmod, --checksum', () => {
    expect(expanded(2)).toMatchObject({ chown: '1000:1000', chmod: '0644', sources: ['/srv/a', 'b'], dest: '/srv/' });
    expect(expanded(3)).toMatchObject({ checksum: 'sha256:x', sources: ['src'], dest: '/srv' });
  });

  it('WORKDIR, USER, VOLUME, STOPSIGNAL; EXPOSE splits into fields', () => {
    expect(expanded(4)).toMatchObject({ path: '/srv/app' });
    expect(expanded(5)).toMatchObject({ user: '1000' });
    expect(expanded(6)).toMatchObject({ volumes: ['/srv/data', '/logs'] });
    // Docker sorts the written ports at parse time ($PORT < 53/udp) and does not re-sort.
    expect(expanded(7)).toMatchObject({ ports: ['80', '8080', '53/udp'] });
    expect(expanded(8)).toMatchObject({ signal: 'SIGINT' });
  });

  it('RUN: only --mount values; the command is left to the shell', () => {
    expect(expanded(9)).toMatchObject({ command: ['echo $DIR'], mounts: [{ type: 'cache', fields: { target: '/srv/cache' } }] });
  });

  it('CMD, ONBUILD and HEALTHCHECK are not expanded', () => {
    expect(expanded(10)).toBe(instrs[10]);
    expect(expanded(11)).toBe(instrs[11]);
    expect(expanded(12)).toBe(instrs[12]);
  });

  it('reports the variables used and missing', () => {
    const r = expandInstruction(instrs[5], {});
    expect([...r.unmatched]).toEqual(['U']);
  });
});

describe('expansion through a stage, as recorded from a real docker build', () => {
  it('gives the Env, WorkingDir, User and Volumes Docker stored', () => {
    const df = parse('FROM busybox\nENV OLD value with   spaces\nENV X=1\nENV Y=${X:+set} Z=${NOPE:-def} W="$X"\\ b\nWORKDIR /a/${X}\nUSER ${NOPE:-nobody}\nVOLUME $X /v\n');
    const env = new Map<string, string>();
    const config = { workdir: '', user: '', volumes: [] as string[] };
    for (const instr of df.stages[0].instructions) {
      const { instruction: i } = expandInstruction(instr, env);
      if (i.kind === 'ENV') for (const p of i.pairs) env.set(p.key, p.value);
      if (i.kind === 'WORKDIR') config.workdir = i.path;
      if (i.kind === 'USER') config.user = i.user;
      if (i.kind === 'VOLUME') config.volumes.push(...i.volumes);
    }
    // docker inspect of the image built from the same Dockerfile (classic builder):
    expect([...env].map(([k, v]) => `${k}=${v}`)).toEqual(['OLD=value with   spaces', 'X=1', 'Y=set', 'Z=def', 'W=1 b']);
    expect(config).toEqual({ workdir: '/a/1', user: 'nobody', volumes: ['1', '/v'] });
  });
});
