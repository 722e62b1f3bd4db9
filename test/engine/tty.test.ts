// TTY containers and execs end to end on a booted kernel: the runtime's pty (devpts inside the
// container, master handed to the engine), raw output with the line discipline's echo and
// "\r\n", ^C to the foreground group, resize → SIGWINCH/stty size, logs, and resize errors.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/index.js';
import { collector, harness, run } from './harness.js';

/** Polls `cond` until it holds (the machine runs on its own; this only bounds the wait). */
async function until(cond: () => boolean, what: string | (() => string), tries = 2000): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
}

/** `docker run -it`: create with Tty/OpenStdin, attach with stdin, wait, start. */
async function runInteractive(engine: Engine, cmd: string[], consoleSize: [number, number] = [0, 0]) {
  const { Id: id } = await engine.container.containerCreate({
    config: {
      Image: 'busybox', Cmd: cmd, Tty: true, OpenStdin: true, StdinOnce: true, AttachStdin: true, AttachStdout: true, AttachStderr: true,
      HostConfig: { ConsoleSize: consoleSize },
    },
  });
  const session = await engine.container.containerAttach(id, { stream: true, stdin: true, stdout: true, stderr: true, logs: false });
  const stdin = new PassThrough();
  const out = collector();
  const ac = new AbortController();
  const wait = await engine.container.containerWait(id, 'next-exit', ac.signal);
  expect(session.tty).toBe(true);
  const attached = session.run({ stdin, stdout: out.stream, stderr: out.stream }, ac.signal);
  await engine.container.containerStart(id, {});
  return { id, stdin, out, attached, wait };
}

describe('engine: TTY containers', () => {
  it('run -t: tty is /dev/pts/0, output has "\\r\\n", stderr is merged', async () => {
    const { engine } = await harness();
    const r = await run(engine, ['sh', '-c', 'tty; echo err >&2'], { Tty: true });
    expect(r).toMatchObject({ stdout: '/dev/pts/0\r\nerr\r\n', stderr: '', code: 0 });
  });

  it('run -it sh: input is echoed, "echo x\\r" runs, exit ends the container; logs hold the raw stream as stdout', async () => {
    const { engine } = await harness();
    const c = await runInteractive(engine, ['sh']);
    await until(() => c.out.text().endsWith('# '), 'the prompt');
    c.stdin.write('echo x\r');
    await until(() => c.out.text().includes('x\r\n/ # '), 'the second prompt');
    c.stdin.write('exit\r');
    await c.attached;
    expect((await c.wait.result).StatusCode).toBe(0);
    expect(c.out.text()).toContain('/ # echo x\r\nx\r\n/ # exit\r\n');
    const logs = await engine.container.containerLogs(c.id, { follow: false, stdout: true, stderr: true, timestamps: false, details: false }, new AbortController().signal);
    expect(logs.tty).toBe(true);
    const entries = [];
    for await (const e of logs.entries) entries.push(e);
    expect(new Set(entries.map((e) => e.stream))).toEqual(new Set(['stdout']));
    expect(entries.map((e) => String(e.data)).join('')).toContain('echo x\r\nx\r\n');
  });

  // `cat` rather than `sleep`: the test machine's clock is virtual, so a sleep ends at once.
  it('^C interrupts the foreground cat reading the terminal and the shell lives on', async () => {
    const { engine } = await harness();
    const c = await runInteractive(engine, ['sh']);
    await until(() => c.out.text().endsWith('# '), 'the prompt');
    c.stdin.write('cat\r');
    await until(() => c.out.text().includes('cat\r\n'), 'the echo of cat');
    c.stdin.write('typed\r');
    await until(() => c.out.text().includes('typed\r\n'), 'the echo of the line cat reads');
    c.stdin.write('\x03');
    await until(() => /\^C.*# $/s.test(c.out.text()), () => `a prompt after ^C in ${JSON.stringify(c.out.text())}`);
    c.stdin.write('echo alive\r');
    await until(() => c.out.text().includes('alive\r\n'), 'the shell to answer');
    c.stdin.write('exit\r');
    await c.attached;
    expect((await c.wait.result).StatusCode).toBe(0);
  });

  it('ConsoleSize is the initial size; resize changes it (stty size inside); resize before start is kept', async () => {
    const { engine } = await harness();
    const c = await runInteractive(engine, ['sh'], [40, 120]);
    await until(() => c.out.text().endsWith('# '), 'the prompt');
    c.stdin.write('stty size\r');
    await until(() => c.out.text().includes('40 120\r\n'), 'the initial size');
    await engine.container.containerResize(c.id, 30, 100);
    c.stdin.write('stty size\r');
    await until(() => c.out.text().includes('30 100\r\n'), 'the new size');
    c.stdin.write('exit\r');
    await c.attached;

    const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['stty', 'size'], Tty: true, AttachStdout: true } });
    await engine.container.containerResize(Id, 12, 34);
    const session = await engine.container.containerAttach(Id, { stream: true, stdin: false, stdout: true, stderr: true, logs: false });
    const out = collector();
    const attached = session.run({ stdin: null, stdout: out.stream, stderr: out.stream }, new AbortController().signal);
    await engine.container.containerStart(Id, {});
    await attached;
    expect(out.text()).toBe('12 34\r\n');
  });

  it('resize: 404 for an unknown container, 409 once it has exited', async () => {
    const { engine } = await harness();
    await expect(engine.container.containerResize('nope', 1, 1)).rejects.toMatchObject({ kind: 'not-found', message: 'No such container: nope' });
    const r = await run(engine, ['true'], { Tty: true });
    await expect(engine.container.containerResize(r.id, 10, 10)).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('with a TTY, the end of the client stdin ends the attach, not the container (moby)', async () => {
    const { engine } = await harness();
    const c = await runInteractive(engine, ['sh']);
    await until(() => c.out.text().endsWith('# '), 'the prompt');
    c.stdin.end();
    await c.attached;
    const info = await engine.container.containerInspect(c.id, { size: false });
    expect(info.State.Running).toBe(true);
    await engine.container.containerKill(c.id, 'SIGKILL');
    expect((await c.wait.result).StatusCode).toBe(137);
  });
});

describe('engine: TTY execs', () => {
  it('exec -it sh in a non-TTY container gets its own pty, echo and resize', async () => {
    const { engine } = await harness();
    const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['cat'], OpenStdin: true } });
    await engine.container.containerStart(Id, {});
    const { Id: execId } = await engine.exec.execCreate(Id, { Cmd: ['sh'], Tty: true, AttachStdin: true, AttachStdout: true, AttachStderr: true, ConsoleSize: [30, 100] });
    const session = await engine.exec.execStart(execId, { tty: true, consoleSize: [30, 100] });
    expect(session.tty).toBe(true);
    const stdin = new PassThrough();
    const out = collector();
    const done = session.run({ stdin, stdout: out.stream, stderr: out.stream }, new AbortController().signal);
    await until(() => out.text().endsWith('# '), () => `the prompt in ${JSON.stringify(out.text())}`);
    stdin.write('tty; stty size\r');
    await until(() => out.text().includes('30 100\r\n'), 'tty and size');
    expect(out.text()).toContain('/dev/pts/0\r\n');
    await engine.exec.execResize(execId, 20, 70);
    stdin.write('stty size\r');
    await until(() => out.text().includes('20 70\r\n'), 'the new size');
    stdin.write('exit 3\r');
    await done;
    expect((await engine.exec.execInspect(execId)).ExitCode).toBe(3);
    await expect(engine.exec.execResize('nope', 1, 1)).rejects.toMatchObject({ kind: 'not-found', message: 'No such exec instance: nope' });
    await engine.container.containerKill(Id, 'SIGKILL');
  });

  it('exec -t in a TTY container takes the next pts number', async () => {
    const { engine } = await harness();
    const { Id } = await engine.container.containerCreate({ config: { Image: 'busybox', Cmd: ['sh'], Tty: true, OpenStdin: true } });
    await engine.container.containerStart(Id, {});
    const { Id: execId } = await engine.exec.execCreate(Id, { Cmd: ['tty'], Tty: true, AttachStdout: true, AttachStderr: true });
    const session = await engine.exec.execStart(execId, { tty: true });
    const out = collector();
    await session.run({ stdin: null, stdout: out.stream, stderr: out.stream }, new AbortController().signal);
    expect(out.text()).toBe('/dev/pts/1\r\n');
    await engine.container.containerKill(Id, 'SIGKILL');
  });
});
