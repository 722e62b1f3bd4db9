// docker exec on a booted kernel: output, exit codes, -e/-w/-u, stdin to EOF, errors for a
// stopped container and a missing program, and the container's own view of its mounts.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ExecCreateRequest } from '../../src/api/index.js';
import type { Engine } from '../../src/engine/index.js';
import { collector, harness, run } from './harness.js';

const never = new AbortController().signal;

/** A container kept up by `cat` on an open stdin (no timers: the virtual clock cannot skip it). */
async function startCat(engine: Engine): Promise<string> {
  const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['cat'], OpenStdin: true } });
  await engine.container.containerStart(Id, {});
  return Id;
}

/** `docker exec` (attached): create, start, wait for the end; output and ExitCode. */
async function exec(engine: Engine, id: string, cmd: string[], extra: Partial<ExecCreateRequest> = {}, stdin?: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const { Id } = await engine.exec.execCreate(id, { Cmd: cmd, AttachStdout: true, AttachStderr: true, AttachStdin: stdin !== undefined, ...extra });
  const session = await engine.exec.execStart(Id, { tty: false });
  const out = collector(), err = collector();
  await session.run({ stdin: stdin === undefined ? null : Readable.from([Buffer.from(stdin)]), stdout: out.stream, stderr: err.stream }, never);
  const inspect = await engine.exec.execInspect(Id);
  expect(inspect.Running).toBe(false);
  return { stdout: out.text(), stderr: err.text(), code: inspect.ExitCode };
}

describe('engine: exec', () => {
  it('runs a command in the running container and reports its output and exit code', async () => {
    const { engine } = await harness();
    const id = await startCat(engine);
    expect(await exec(engine, id, ['echo', 'hello', 'from', 'exec'])).toEqual({ stdout: 'hello from exec\n', stderr: '', code: 0 });
    expect((await exec(engine, id, ['sh', '-c', 'echo oops >&2; exit 3']))).toEqual({ stdout: '', stderr: 'oops\n', code: 3 });
    const ls = await exec(engine, id, ['ls', '/']);
    expect(ls.stdout.split('\n')).toEqual(expect.arrayContaining(['bin', 'dev', 'etc', 'proc', 'tmp']));
  });

  it('sees the container: its PID namespace, hostname and files written by the container', async () => {
    const { engine } = await harness();
    const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['sh', '-c', 'echo inside > /tmp/mark; exec cat'], OpenStdin: true, Hostname: 'box' } });
    await engine.container.containerStart(Id, {});
    const r = await exec(engine, Id, ['sh', '-c', 'cat /tmp/mark; hostname; cat /proc/1/cmdline | tr "\\0" " "; echo; test -e /dev/null && echo devnull']);
    expect(r).toEqual({ stdout: 'inside\nbox\ncat \ndevnull\n', stderr: '', code: 0 });
  });

  it('-e adds to the container env, -w sets the directory, -u the user', async () => {
    const { engine } = await harness();
    const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['cat'], OpenStdin: true, Env: ['FROM_RUN=1'] } });
    await engine.container.containerStart(Id, {});
    const r = await exec(engine, Id, ['sh', '-c', 'echo $FROM_RUN $EXTRA; pwd; id'], { Env: ['EXTRA=two'], WorkingDir: '/etc', User: 'nobody' });
    expect(r).toEqual({ stdout: '1 two\n/etc\nuid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n', stderr: '', code: 0 });
    const denied = await exec(engine, Id, ['touch', '/root/x'], { User: '65534' });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('Permission denied');
  });

  it('-i passes stdin until EOF (the exec ends; other pipes of the engine do not keep it open)', async () => {
    const { engine } = await harness();
    const id = await startCat(engine);
    const other = await startCat(engine);
    expect(await exec(engine, id, ['cat'], {}, 'line one\nline two\n')).toEqual({ stdout: 'line one\nline two\n', stderr: '', code: 0 });
    expect(await exec(engine, other, ['wc', '-l'], {}, 'a\nb\nc\n')).toEqual({ stdout: '3\n', stderr: '', code: 0 });
  });

  it('a missing program fails like Docker 28 (ExitCode 126, the runtime error on stdout with CRLF)', async () => {
    const { engine } = await harness();
    const id = await startCat(engine);
    const r = await exec(engine, id, ['nosuch']);
    expect(r).toEqual({ code: 126, stderr: '', stdout: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuch": executable file not found in $PATH: unknown\r\n' });
  });

  it('refuses a stopped container the way Docker does', async () => {
    const { engine } = await harness();
    const done = await run(engine, ['true']);
    await expect(engine.exec.execCreate(done.id, { Cmd: ['ls'] })).rejects.toMatchObject({ kind: 'conflict', message: `container ${done.id} is not running` });
    const id = await startCat(engine);
    const { Id: execId } = await engine.exec.execCreate(id, { Cmd: ['ls'] });
    await engine.container.containerKill(id, 'KILL');
    await (await engine.container.containerWait(id, 'not-running', never)).result;
    await expect(engine.exec.execStart(execId, { tty: false }).then((s) => s.run({ stdin: null, stdout: null, stderr: null }, never)))
      .rejects.toMatchObject({ kind: 'conflict', message: `container ${id} is not running` });
    await expect(engine.exec.execInspect('nope')).rejects.toMatchObject({ kind: 'not-found', message: 'No such exec instance: nope' });
  });
});
